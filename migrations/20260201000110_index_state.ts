import { sql, type Kysely } from "kysely";
import { addUpdatedAtTrigger, withTimestamps } from "./_timestamps.js";

// What a recompute derives moves out of the audited strategy configuration into its own row:
// the recompute used to write last_rebalance, force_rebalance and forced_rebalance_dates on
// strategy_configs with neither a version bump nor an audit entry. index_state holds them, and
// the configuration the stored index was computed with (the strategy parameters and the
// strategy version), so that figures derived from the stored index (holdings, alerts and their
// threshold, window metrics, the benchmark comparison) use it rather than a changed but not
// yet recomputed strategy (DOMAIN §6).
//
// force_rebalance stays a request made through the audited forceRebalance mutation (which
// bumps the version and writes its audit entry); only its state lives here, where the
// recompute that honours it clears it.

/** The strategy parameters by API name, as the recompute stores them (frozen here). */
const PARAMS = sql`jsonb_build_object(
  'momentumWeight', momentum_weight, 'marketCapWeight', market_cap_weight, 'riskParityWeight', risk_parity_weight,
  'dailyDropThreshold', daily_drop_threshold, 'maxDailyReturn', max_daily_return, 'minDailyReturn', min_daily_return,
  'minPriceThreshold', min_price_threshold, 'rebalanceFrequency', rebalance_frequency,
  'maxForwardFillDays', max_forward_fill_days, 'outlierStdThreshold', outlier_std_threshold,
  'momentumLookbackDays', momentum_lookback_days, 'volatilityLookbackDays', volatility_lookback_days,
  'maxAssetWeight', max_asset_weight, 'transactionCostBps', transaction_cost_bps, 'riskFreeRate', risk_free_rate,
  'benchmarkSymbol', benchmark_symbol)`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("index_state")
    // One index per deployment, as one strategy: the row with id 1.
    .addColumn("id", "integer", (c) => c.primaryKey().defaultTo(1))
    // Requested by forceRebalance (audited there); the next recompute honours and clears it.
    .addColumn("force_rebalance", "boolean", (c) => c.notNull().defaultTo(false))
    // Dates of earlier forced rebalances, kept so that every recompute reproduces them.
    .addColumn("forced_rebalance_dates", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // The latest rebalance date of the stored index (DOMAIN §3).
    .addColumn("last_rebalance", "date")
    // The strategy parameters (API names) and version the stored index was computed with;
    // null until a recompute has stored an index.
    .addColumn("computed_params", "jsonb")
    .addColumn("computed_strategy_version", "integer")
    .addColumn("computed_at", "timestamptz")
    .$call(withTimestamps)
    .addCheckConstraint("index_state_singleton", sql`id = 1`)
    .addCheckConstraint(
      "index_state_computed",
      sql`(computed_params is null) = (computed_strategy_version is null) and (computed_params is null) = (computed_at is null)`,
    )
    .execute();
  await addUpdatedAtTrigger(db, "index_state");
  // An index stored before this migration was computed with a configuration nobody recorded:
  // the one in force is the best knowledge (it is exact unless a change was saved without a
  // recompute); the next recompute records the truth.
  await sql`insert into index_state (id, force_rebalance, forced_rebalance_dates, last_rebalance, computed_params, computed_strategy_version, computed_at)
    select 1, force_rebalance, forced_rebalance_dates, last_rebalance,
      case when exists (select from index_values) then ${PARAMS} end,
      case when exists (select from index_values) then version end,
      case when exists (select from index_values) then now() end
    from strategy_configs where id = 1`.execute(db);
  await sql`insert into index_state (id) values (1) on conflict (id) do nothing`.execute(db);
  await db.schema
    .alterTable("strategy_configs")
    .dropColumn("last_rebalance")
    .dropColumn("force_rebalance")
    .dropColumn("forced_rebalance_dates")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("strategy_configs")
    .addColumn("last_rebalance", "date")
    .addColumn("force_rebalance", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("forced_rebalance_dates", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await sql`update strategy_configs s set last_rebalance = x.last_rebalance, force_rebalance = x.force_rebalance,
    forced_rebalance_dates = x.forced_rebalance_dates from index_state x where x.id = 1 and s.id = 1`.execute(db);
  await db.schema.dropTable("index_state").execute();
}
