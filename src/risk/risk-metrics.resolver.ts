import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { indexSeriesCost } from "../graphql/complexity.js";
import { dateRange, FROM_ARG, TO_ARG } from "../graphql/date-range.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { findRiskMetrics } from "./risk-metrics.repo.js";
import { RiskMetrics } from "./risk-metrics.type.js";
import { PublicData } from "../graphql/cache-scope.js";

@Resolver(() => RiskMetrics)
export class RiskMetricsResolver {
  @PublicData()
  @Query(() => [RiskMetrics], {
    description:
      "Stored daily metric rows (each covering inception..date, written by the recompute) between from and to, " +
      "by date; with neither, only the latest row; empty with no index. BAD_USER_INPUT (field from) when from " +
      "is after to.",
    complexity: indexSeriesCost,
  })
  riskMetricsHistory(
    @Ctx() ctx: Context,
    @Arg("from", () => DateScalar, { nullable: true, description: FROM_ARG }) from?: string | null,
    @Arg("to", () => DateScalar, { nullable: true, description: TO_ARG }) to?: string | null,
  ): Promise<RiskMetrics[]> {
    return findRiskMetrics(ctx.db, dateRange(from, to));
  }
}
