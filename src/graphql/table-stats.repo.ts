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
}

/** One statement over the index and reference tables; prices are never counted (the largest table). */
export async function countTables(db: Kysely<Database>): Promise<TableStats> {
  const { rows } = await sql<TableStats>`
    select (select count(*) from assets)::int as "assets",
           (select count(*) from index_values)::int as "indexDays",
           (select count(*) from index_rebalances)::int as "rebalances",
           (select coalesce(max(n), 0) from (select count(*) as n from allocations group by date) a)::int as
             "maxAllocations",
           (select count(*) from index_events)::int as "events",
           (select count(*) from data_quality_flags)::int as "flags"`.execute(db);
  return rows[0];
}
