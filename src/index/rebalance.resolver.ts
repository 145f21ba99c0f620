import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Allocation } from "../allocations/allocation.type.js";
import type { Context } from "../context.js";
import { allocationListCost, rebalanceSeriesCost } from "../graphql/complexity.js";
import { dateRange, FROM_ARG, TO_ARG } from "../graphql/date-range.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { findRebalances } from "./rebalance.repo.js";
import { Rebalance } from "./rebalance.type.js";
import { PublicData } from "../graphql/cache-scope.js";

@Resolver(() => Rebalance)
export class RebalanceResolver {
  @PublicData()
  @Query(() => [Rebalance], {
    complexity: rebalanceSeriesCost,
    description:
      "Rebalances of the stored index between from and to (inclusive), by date, with turnover, costs and " +
      "fallbacks; empty before the first recompute. BAD_USER_INPUT (field from) when from is after to.",
  })
  rebalances(
    @Ctx() ctx: Context,
    @Arg("from", () => DateScalar, { nullable: true, description: FROM_ARG }) from?: string | null,
    @Arg("to", () => DateScalar, { nullable: true, description: TO_ARG }) to?: string | null,
  ): Promise<Rebalance[]> {
    return findRebalances(ctx.db, dateRange(from, to));
  }

  /** Batched: one statement for every rebalance date of the request (allocationsByDate). */
  @FieldResolver(() => [Allocation], { complexity: allocationListCost })
  allocations(@Root() r: Rebalance, @Ctx() ctx: Context): Promise<Allocation[]> {
    return ctx.loaders.allocationsByDate.load(r.date);
  }
}
