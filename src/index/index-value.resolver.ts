import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { indexSeriesCost } from "../graphql/complexity.js";
import { dateRange } from "../graphql/date-range.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { toIndexValues } from "./index-value.repo.js";
import { IndexValueSeries } from "./index-value-series.type.js";
import { IndexValue } from "./index-value.type.js";
import { PublicData } from "../graphql/cache-scope.js";

@Resolver(() => IndexValue)
export class IndexValueResolver {
  @PublicData()
  @Query(() => [IndexValue], {
    description: "Index levels between from and to (inclusive), by date.",
    complexity: indexSeriesCost,
  })
  async indexValues(
    @Ctx() ctx: Context,
    @Arg("from", () => DateScalar, { nullable: true }) from?: string | null,
    @Arg("to", () => DateScalar, { nullable: true }) to?: string | null,
  ): Promise<IndexValue[]> {
    return toIndexValues(await ctx.loaders.indexValuesByRange.load(dateRange(from, to)));
  }

  @PublicData()
  @Query(() => IndexValueSeries, {
    description: "Index levels between from and to (inclusive) as columns: the fast path for charts.",
    complexity: indexSeriesCost,
  })
  async indexSeries(
    @Ctx() ctx: Context,
    @Arg("from", () => DateScalar, { nullable: true }) from?: string | null,
    @Arg("to", () => DateScalar, { nullable: true }) to?: string | null,
  ): Promise<IndexValueSeries> {
    return ctx.loaders.indexValuesByRange.load(dateRange(from, to));
  }
}
