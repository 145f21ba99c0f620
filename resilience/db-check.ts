// Consistency of the stored index, and fingerprints of stored states, read straight from the
// database (PGlite data directory or PostgreSQL) after a fault.
import { sql, type Kysely } from "kysely";
import { createDb, type DbHandle } from "../src/db/create-db.js";
import type { Database } from "../src/db/schema.js";
import type { Target } from "./lib.js";

/** Opens the database of a target (a PGlite data directory takes its lock, as any process would). */
export const openTarget = (t: Target): Promise<DbHandle> =>
  createDb("dataDir" in t ? { dataDir: t.dataDir } : { databaseUrl: t.databaseUrl, poolSize: 2 });

const one = async <T>(db: Kysely<Database>, q: ReturnType<typeof sql<T>>) => (await q.execute(db)).rows[0]!;

/**
 * The invariants every committed index satisfies (docs/recompute.md): the rebalance dates are
 * exactly the allocation dates, each rebalance's target weights sum to 1, each has its holding
 * period, the stored metrics cover exactly the index dates, the level is 100 at inception, and
 * index_state names the latest rebalance. Returns the violations (none when consistent).
 */
export async function indexViolations(db: Kysely<Database>): Promise<string[]> {
  const problems: string[] = [];
  const r = await one(
    db,
    sql<Record<string, string | number | null>>`select
      (select count(*) from index_rebalances r
        where not exists (select 1 from allocations a where a.date = r.date))::int as rebalances_without_allocations,
      (select count(distinct a.date) from allocations a
        where not exists (select 1 from index_rebalances r where r.date = a.date))::int
        as allocations_without_rebalance,
      (select count(*) from (select date from allocations group by date having abs(sum(weight) - 1) > 1e-9) w)::int
        as weights_not_summing_to_one,
      (select count(*) from index_rebalances r where not exists
        (select 1 from index_holding_periods h where h.date = r.date and h.kind = 'REBALANCE'))::int
        as rebalances_without_holdings,
      (select count(*) from index_values v
        where not exists (select 1 from risk_metrics m where m.date = v.date))::int as values_without_metrics,
      (select count(*) from risk_metrics m
        where not exists (select 1 from index_values v where v.date = m.date))::int as metrics_without_values,
      (select count(*) from index_values where date = (select min(date) from index_values) and value <> 100)::int
        as inception_not_100,
      (select count(*) from index_state s
        where s.last_rebalance is distinct from (select max(date) from index_rebalances))::int
        as state_last_rebalance_mismatch,
      (select count(*) from allocations a where not exists (select 1 from assets x where x.id = a.asset_id))::int
        as allocations_without_asset`,
  );
  for (const [name, n] of Object.entries(r)) if (Number(n) !== 0) problems.push(`${name}: ${n}`);
  return problems;
}

/**
 * A digest of everything a recompute writes (values, not ids or timestamps): two states with
 * the same fingerprint hold the same index. `version` is index_version (bumped by each recompute).
 */
export async function indexFingerprint(
  db: Kysely<Database>,
): Promise<{ digest: string; version: number; rows: number }> {
  const r = await one(
    db,
    sql<{ digest: string; version: number; rows: number }>`select md5(concat_ws('#',
      (select string_agg(concat_ws(',', date, value, benchmark_close), ';' order by date) from index_values),
      (select string_agg(concat_ws(',', date, asset_id, weight), ';' order by date, asset_id) from allocations),
      (select string_agg(concat_ws(',', date, forced, eligible_count, turnover, cost, fallbacks::text), ';'
        order by date)
        from index_rebalances),
      (select string_agg(concat_ws(',', date, kind, cash, asset_ids::text, units::text), ';' order by date, kind)
        from index_holding_periods),
      (select string_agg(concat_ws(',', date, total_return, volatility, sharpe_ratio, max_drawdown, var_95,
        beta_sp500, tracking_error), ';' order by date) from risk_metrics),
      (select string_agg(concat_ws(',', date, type, asset_id, detail, value), ';'
        order by date, type, asset_id, detail, value) from index_events),
      (select string_agg(concat_ws(',', asset_id, date, flags, ret), ';' order by asset_id, date)
        from data_quality_flags),
      (select concat_ws(',', last_rebalance, forced_rebalance_dates::text, computed_params::text,
        computed_strategy_version, force_rebalance) from index_state)
    )) as digest,
    (select version from index_version)::int as version,
    ((select count(*) from index_values) + (select count(*) from allocations)
      + (select count(*) from risk_metrics))::int
      as rows`,
  );
  return { digest: r.digest, version: Number(r.version), rows: Number(r.rows) };
}

/** Prices of a date range by (symbol, date), and the market-data version. */
export async function pricesIn(db: Kysely<Database>, from: string, to: string) {
  const { rows } = await sql<{ symbol: string; date: string; close: number }>`
    select a.symbol, p.date::text as date, p.close from prices p join assets a on a.id = p.asset_id
    where p.date between ${from}::date and ${to}::date`.execute(db);
  const version = await one(db, sql<{ version: number }>`select version::int as version from market_data_version`);
  const map = new Map<string, number>();
  for (const row of rows) map.set(`${row.symbol} ${row.date}`, Number(row.close));
  return { prices: map, version: Number(version.version) };
}
