import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { MetricWindow as MetricWindowName } from "../analytics/metrics/types.js";
import type { Context } from "../context.js";
import { windowComputationCost } from "../graphql/complexity.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { MetricWindow } from "./metric-window.enum.js";
import { computeWindowMetrics, windowArgs } from "./window-metrics.js";
import { WindowRiskMetrics } from "./window-metrics.type.js";
import { PublicData } from "../graphql/cache-scope.js";
import { INDEX_CONFIG, INDEX_SERIES } from "../index/index-read.loaders.js";

@Resolver(() => WindowRiskMetrics)
export class WindowRiskMetricsResolver {
  @PublicData()
  @Query(() => WindowRiskMetrics, {
    nullable: true,
    complexity: windowComputationCost,
    description:
      "Metrics of the index over a window computed on demand (DOMAIN §6; docs/metrics.md): a named window " +
      "ending at `to` (default the latest date), or an explicit from/to; nothing given = ALL. Null when there " +
      "is no index (or `to` is before inception). BAD_USER_INPUT naming the argument for window with from, or " +
      "from after to.",
  })
  async riskMetrics(
    @Ctx() ctx: Context,
    @Arg("window", () => MetricWindow, {
      nullable: true,
      description: "A named window ending at to; not together with from (BAD_USER_INPUT, field window).",
    })
    window?: MetricWindowName | null,
    @Arg("from", () => DateScalar, {
      nullable: true,
      description: "Window start: the level of the latest trading date ≤ from (at least inception).",
    })
    from?: string | null,
    @Arg("to", () => DateScalar, {
      nullable: true,
      description: "Window end: the latest trading date ≤ to (default the latest).",
    })
    to?: string | null,
  ): Promise<WindowRiskMetrics | null> {
    const args = windowArgs(window, from, to);
    // The stored series' benchmark and rate: the configuration the index was computed with.
    const [series, { params: config }] = await Promise.all([ctx.cache.get(INDEX_SERIES), ctx.cache.get(INDEX_CONFIG)]);
    return computeWindowMetrics(series, args, config.riskFreeRate, config.benchmarkSymbol);
  }
}
