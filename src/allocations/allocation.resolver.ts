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
      "Target weights set at a rebalance date, heaviest first (Holdings has the drifted weights of any date). " +
      "Empty when the date is not a rebalance date or there is no index.",
    complexity: allocationListCost,
  })
  allocations(
    @Ctx() ctx: Context,
    @Arg("date", () => DateScalar, {
      nullable: true,
      description: "A rebalance date (see rebalanceDates); null = the latest rebalance.",
    })
    date?: string | null,
  ): Promise<Allocation[]> {
    return findAllocations(ctx.db, date ?? null);
  }

  @PublicData()
  @Query(() => [DateScalar], {
    description: "Every rebalance date of the stored index, ascending; empty before the first recompute.",
    complexity: rebalanceSeriesCost,
  })
  rebalanceDates(@Ctx() ctx: Context): Promise<string[]> {
    return findRebalanceDates(ctx.db);
  }

  @FieldResolver(() => Asset, { description: "The asset of assetId." })
  async asset(@Root() a: Allocation, @Ctx() ctx: Context): Promise<Asset> {
    const asset = await ctx.loaders.assetById.load(a.assetId);
    if (!asset) throw new Error(`allocation references missing asset ${a.assetId}`);
    return asset;
  }
}
