import type { Kysely } from "kysely";
import type { Database, Row } from "../db/schema.js";
import type { DateRange } from "../graphql/date-range.js";
import type { RiskMetrics } from "./risk-metrics.type.js";

export const toRiskMetrics = (r: Row<"risk_metrics">): RiskMetrics => ({
  date: r.date,
  totalReturn: r.total_return,
  annualizedReturn: r.annualized_return,
  dailyReturn: r.daily_return,
  volatility: r.volatility,
  sharpeRatio: r.sharpe_ratio,
  sortinoRatio: r.sortino_ratio,
  maxDrawdown: r.max_drawdown,
  currentDrawdown: r.current_drawdown,
  var95: r.var_95,
  var99: r.var_99,
  betaSp500: r.beta_sp500,
  correlationSp500: r.correlation_sp500,
  trackingError: r.tracking_error,
  informationRatio: r.information_ratio,
  aiRiskScore: r.ai_risk_score,
  aiRiskAdjustedRoi: r.ai_risk_adjusted_roi,
  aiMarketRegime: r.ai_market_regime,
});

/** Stored rows between from and to; with neither, the latest row only. */
export async function findRiskMetrics(db: Kysely<Database>, range: DateRange): Promise<RiskMetrics[]> {
  let q = db.selectFrom("risk_metrics").selectAll();
  if (!range.from && !range.to) {
    const latest = await q.orderBy("date", "desc").limit(1).execute();
    return latest.map(toRiskMetrics);
  }
  if (range.from) q = q.where("date", ">=", range.from);
  if (range.to) q = q.where("date", "<=", range.to);
  const rows = await q.orderBy("date").execute();
  return rows.map(toRiskMetrics);
}
