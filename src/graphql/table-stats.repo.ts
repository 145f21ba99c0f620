import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";

/** Row counts the cost estimators bound their guesses with (src/graphql/complexity.ts). */
export interface TableStats {
  assets: number;
  /** Trading dates of the stored index (index_values rows). */
  indexDays: number;
  rebalances: number;
  /** Most allocation rows of one rebalance date. */
  maxAllocations: number;
  events: number;
  /** data_quality_flags rows: what a data-quality query scans at most. */
  flags: number;
  /** First and last dates of any stored close (null without prices): the span a price series can cover. */
  priceFrom: string | null;
  priceTo: string | null;
}

/**
 * One statement over the index and reference tables. Prices, the largest table, are never
 * counted: only their first and last dates are read (two probes of idx_prices_date).
 */
export async function countTables(db: Kysely<Database>): Promise<TableStats> {
  const { rows } = await sql<TableStats>`
    select (select count(*) from assets)::int as "assets",
           (select count(*) from index_values)::int as "indexDays",
           (select count(*) from index_rebalances)::int as "rebalances",
           (select coalesce(max(n), 0) from (select count(*) as n from allocations group by date) a)::int as
             "maxAllocations",
           (select count(*) from index_events)::int as "events",
           (select count(*) from data_quality_flags)::int as "flags",
           (select min(date) from prices)::text as "priceFrom",
           (select max(date) from prices)::text as "priceTo"`.execute(db);
  return rows[0];
}
