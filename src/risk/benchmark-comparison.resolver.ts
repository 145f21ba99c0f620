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
      "The index against its benchmark over from..to (window rules of riskMetrics; default the whole index), " +
      "rebased to 100 at the first date where both have a level; the benchmark and risk-free rate are those " +
      "the stored index was computed with. Null when there is no index; `available: false` with a reason when " +
      "there is no benchmark. BAD_USER_INPUT (field from) when from is after to.",
  })
  async benchmarkComparison(
    @Ctx() ctx: Context,
    @Arg("from", () => DateScalar, {
      nullable: true,
      description: "Window start: the latest trading date ≤ from (at least inception); null = inception.",
    })
    from?: string | null,
    @Arg("to", () => DateScalar, {
      nullable: true,
      description: "Window end: the latest trading date ≤ to; null = the latest date.",
    })
    to?: string | null,
  ): Promise<BenchmarkComparison | null> {
    const range = dateRange(from, to);
    // The stored series' benchmark and rate: the configuration the index was computed with.
    const [series, { params: config }] = await Promise.all([ctx.cache.get(INDEX_SERIES), ctx.cache.get(INDEX_CONFIG)]);
    return compareWithBenchmark(series, range.from, range.to, config.riskFreeRate, config.benchmarkSymbol);
  }
}
