import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Allocation } from "../allocations/allocation.type.js";
import type { Context } from "../context.js";
import { allocationListCost, rebalanceSeriesCost } from "../graphql/complexity.js";
import { dateRange } from "../graphql/date-range.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { findRebalances } from "./rebalance.repo.js";
import { Rebalance } from "./rebalance.type.js";
import { PublicData } from "../graphql/cache-scope.js";

@Resolver(() => Rebalance)
export class RebalanceResolver {
  @PublicData()
  @Query(() => [Rebalance], {
    complexity: rebalanceSeriesCost,
    description: "Rebalances between from and to (inclusive), by date, with turnover, costs and fallbacks.",
  })
  rebalances(
    @Ctx() ctx: Context,
    @Arg("from", () => DateScalar, { nullable: true }) from?: string | null,
    @Arg("to", () => DateScalar, { nullable: true }) to?: string | null,
  ): Promise<Rebalance[]> {
    return findRebalances(ctx.db, dateRange(from, to));
  }

  /** Batched: one statement for every rebalance date of the request (allocationsByDate). */
  @FieldResolver(() => [Allocation], { complexity: allocationListCost })
  allocations(@Root() r: Rebalance, @Ctx() ctx: Context): Promise<Allocation[]> {
    return ctx.loaders.allocationsByDate.load(r.date);
  }
}
