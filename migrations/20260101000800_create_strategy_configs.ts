import { sql, type Kysely } from "kysely";
import { addUpdatedAtTrigger, withTimestamps } from "./_timestamps.js";

export async function up(db: Kysely<any>): Promise<void> {
  const dbl = sql`double precision`;
  await db.schema
    .createTable("strategy_configs")
    // One strategy per deployment: the row with id 1 is the configuration in force.
    .addColumn("id", "integer", (c) => c.primaryKey().defaultTo(1))
    .addColumn("momentum_weight", dbl, (c) => c.notNull().defaultTo(0.4))
    .addColumn("market_cap_weight", dbl, (c) => c.notNull().defaultTo(0.3))
    .addColumn("risk_parity_weight", dbl, (c) => c.notNull().defaultTo(0.3))
    .addColumn("daily_drop_threshold", dbl, (c) => c.notNull().defaultTo(-0.01))
    .addColumn("max_daily_return", dbl, (c) => c.notNull().defaultTo(0.5))
    .addColumn("min_daily_return", dbl, (c) => c.notNull().defaultTo(-0.5))
    .addColumn("min_price_threshold", dbl, (c) => c.notNull().defaultTo(1.0))
    .addColumn("rebalance_frequency", "text", (c) => c.notNull().defaultTo("weekly"))
    // The latest rebalance date of the computed index (a trading date, so a date, DOMAIN §3).
    .addColumn("last_rebalance", "date")
    .addColumn("force_rebalance", "boolean", (c) => c.notNull().defaultTo(false))
    // Dates of earlier forced rebalances, kept so that every recompute reproduces them.
    .addColumn("forced_rebalance_dates", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("max_forward_fill_days", "integer", (c) => c.notNull().defaultTo(2))
    .addColumn("outlier_std_threshold", dbl, (c) => c.notNull().defaultTo(3.0))
    .addColumn("momentum_lookback_days", "integer", (c) => c.notNull().defaultTo(20))
    .addColumn("volatility_lookback_days", "integer", (c) => c.notNull().defaultTo(60))
    .addColumn("max_asset_weight", dbl)
    .addColumn("transaction_cost_bps", dbl, (c) => c.notNull().defaultTo(0))
    .addColumn("risk_free_rate", dbl, (c) => c.notNull().defaultTo(0))
    .addColumn("benchmark_symbol", "text", (c) => c.defaultTo("SPY"))
    .addColumn("ai_adjusted", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("ai_adjustment_reason", "text")
    .addColumn("ai_confidence_score", dbl)
    .addColumn("adjustment_history", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // Optimistic concurrency: every write bumps it; writers pass the version they read.
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .$call(withTimestamps)
    .addCheckConstraint("strategy_configs_singleton", sql`id = 1`)
    // Second line of defence behind the API's validation (DOMAIN §1 ranges).
    .addCheckConstraint(
      "strategy_configs_ranges",
      sql`momentum_weight between 0 and 1 and market_cap_weight between 0 and 1 and risk_parity_weight between 0 and 1
        and abs(momentum_weight + market_cap_weight + risk_parity_weight - 1) <= 1e-9
        and momentum_lookback_days >= 1 and volatility_lookback_days >= 2 and max_forward_fill_days >= 0
        and min_daily_return < 0 and max_daily_return > 0 and outlier_std_threshold > 0
        and (max_asset_weight is null or (max_asset_weight > 0 and max_asset_weight <= 1))
        and transaction_cost_bps >= 0 and min_price_threshold >= 0
        and daily_drop_threshold between -1 and 0
        and rebalance_frequency in ('daily', 'weekly', 'monthly', 'quarterly')
        and (ai_confidence_score is null or ai_confidence_score between 0 and 1)`,
    )
    .execute();
  await addUpdatedAtTrigger(db, "strategy_configs");
  await sql`insert into strategy_configs (id) values (1) on conflict (id) do nothing`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("strategy_configs").execute();
}
