import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { indexSeriesCost } from "../graphql/complexity.js";
import { dateRange } from "../graphql/date-range.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { findRiskMetrics } from "./risk-metrics.repo.js";
import { RiskMetrics } from "./risk-metrics.type.js";
import { PublicData } from "../graphql/cache-scope.js";

@Resolver(() => RiskMetrics)
export class RiskMetricsResolver {
  @PublicData()
  @Query(() => [RiskMetrics], {
    description:
      "Stored daily metric rows (each covering inception..date) between from and to; with neither, the latest row.",
    complexity: indexSeriesCost,
  })
  riskMetricsHistory(
    @Ctx() ctx: Context,
    @Arg("from", () => DateScalar, { nullable: true }) from?: string | null,
    @Arg("to", () => DateScalar, { nullable: true }) to?: string | null,
  ): Promise<RiskMetrics[]> {
    return findRiskMetrics(ctx.db, dateRange(from, to));
  }
}
