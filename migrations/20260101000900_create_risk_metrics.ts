import { sql, type Kysely } from "kysely";
import { addUpdatedAtTrigger, withTimestamps } from "./_timestamps.js";

const METRIC_COLUMNS = [
  "total_return",
  "annualized_return",
  "daily_return",
  "volatility",
  "sharpe_ratio",
  "sortino_ratio",
  "max_drawdown",
  "current_drawdown",
  "var_95",
  "var_99",
  "beta_sp500",
  "correlation_sp500",
  "tracking_error",
  "information_ratio",
  "ai_risk_score",
  "ai_risk_adjusted_roi",
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  let t = db.schema
    .createTable("risk_metrics")
    .addColumn("id", "serial", (c) => c.primaryKey())
    // One row per trading date (covering inception..date); unique = idx_risk_metrics_date.
    .addColumn("date", "date", (c) => c.notNull().unique());
  // All metrics are decimals (0.12 = 12%), null when undefined (DOMAIN §6).
  for (const col of METRIC_COLUMNS) t = t.addColumn(col, sql`double precision`);
  await t
    .addColumn("ai_market_regime", "text")
    .$call(withTimestamps)
    .addCheckConstraint(
      "risk_metrics_regime_known",
      sql`ai_market_regime is null or ai_market_regime in ('HIGH_VOLATILITY', 'BULL', 'BEAR', 'SIDEWAYS')`,
    )
    .execute();
  await addUpdatedAtTrigger(db, "risk_metrics");
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("risk_metrics").execute();
}
