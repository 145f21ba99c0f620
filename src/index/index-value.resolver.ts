import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { indexSeriesCost } from "../graphql/complexity.js";
import { dateRange, FROM_ARG, TO_ARG } from "../graphql/date-range.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { toIndexValues } from "./index-value.repo.js";
import { IndexValueSeries } from "./index-value-series.type.js";
import { IndexValue } from "./index-value.type.js";
import { PublicData } from "../graphql/cache-scope.js";

@Resolver(() => IndexValue)
export class IndexValueResolver {
  @PublicData()
  @Query(() => [IndexValue], {
    description:
      "Index levels at each trading date's close between from and to (inclusive), by date; empty before the " +
      "first recompute. BAD_USER_INPUT (field from) when from is after to.",
    complexity: indexSeriesCost,
  })
  async indexValues(
    @Ctx() ctx: Context,
    @Arg("from", () => DateScalar, { nullable: true, description: FROM_ARG }) from?: string | null,
    @Arg("to", () => DateScalar, { nullable: true, description: TO_ARG }) to?: string | null,
  ): Promise<IndexValue[]> {
    return toIndexValues(await ctx.loaders.indexValuesByRange.load(dateRange(from, to)));
  }

  @PublicData()
  @Query(() => IndexValueSeries, {
    description:
      "The levels of indexValues(from, to) as two aligned columns: the fast path for charts (same values, fewer " +
      "bytes). BAD_USER_INPUT (field from) when from is after to.",
    complexity: indexSeriesCost,
  })
  async indexSeries(
    @Ctx() ctx: Context,
    @Arg("from", () => DateScalar, { nullable: true, description: FROM_ARG }) from?: string | null,
    @Arg("to", () => DateScalar, { nullable: true, description: TO_ARG }) to?: string | null,
  ): Promise<IndexValueSeries> {
    return ctx.loaders.indexValuesByRange.load(dateRange(from, to));
  }
}
