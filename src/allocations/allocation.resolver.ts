import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Asset } from "../assets/asset.type.js";
import type { Context } from "../context.js";
import { allocationListCost, rebalanceSeriesCost } from "../graphql/complexity.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { findAllocations, findRebalanceDates } from "./allocation.repo.js";
import { Allocation } from "./allocation.type.js";
import { PublicData } from "../graphql/cache-scope.js";

@Resolver(() => Allocation)
export class AllocationResolver {
  @PublicData()
  @Query(() => [Allocation], {
    description:
      "Target weights of a rebalance date (default: the latest rebalance). Empty when the date is not a rebalance date.",
    complexity: allocationListCost,
  })
  allocations(
    @Ctx() ctx: Context,
    @Arg("date", () => DateScalar, { nullable: true }) date?: string | null,
  ): Promise<Allocation[]> {
    return findAllocations(ctx.db, date ?? null);
  }

  @PublicData()
  @Query(() => [DateScalar], {
    description: "Every rebalance date of the computed index, ascending.",
    complexity: rebalanceSeriesCost,
  })
  rebalanceDates(@Ctx() ctx: Context): Promise<string[]> {
    return findRebalanceDates(ctx.db);
  }

  @FieldResolver(() => Asset)
  async asset(@Root() a: Allocation, @Ctx() ctx: Context): Promise<Asset> {
    const asset = await ctx.loaders.assetById.load(a.assetId);
    if (!asset) throw new Error(`allocation references missing asset ${a.assetId}`);
    return asset;
  }
}
