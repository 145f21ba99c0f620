import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { windowComputationCost } from "../graphql/complexity.js";
import { dateRange } from "../graphql/date-range.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { compareWithBenchmark } from "./benchmark-comparison.js";
import { BenchmarkComparison } from "./benchmark-comparison.type.js";
import { PublicData } from "../graphql/cache-scope.js";
import { INDEX_CONFIG, INDEX_SERIES } from "../index/index-read.loaders.js";

@Resolver(() => BenchmarkComparison)
export class BenchmarkComparisonResolver {
  @PublicData()
  @Query(() => BenchmarkComparison, {
    nullable: true,
    complexity: windowComputationCost,
    description:
      "The index against the configured benchmark over from..to (window rules of riskMetrics; default the whole index), rebased to 100 at the first date where both have a level. Null when there is no index; `available: false` with a reason when there is no benchmark.",
  })
  async benchmarkComparison(
    @Ctx() ctx: Context,
    @Arg("from", () => DateScalar, { nullable: true }) from?: string | null,
    @Arg("to", () => DateScalar, { nullable: true }) to?: string | null,
  ): Promise<BenchmarkComparison | null> {
    const range = dateRange(from, to);
    // The stored series' benchmark and rate: the configuration the index was computed with.
    const [series, { params: config }] = await Promise.all([ctx.cache.get(INDEX_SERIES), ctx.cache.get(INDEX_CONFIG)]);
    return compareWithBenchmark(series, range.from, range.to, config.riskFreeRate, config.benchmarkSymbol);
  }
}
