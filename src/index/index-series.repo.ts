import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { IndexSeries } from "../risk/index-series.js";

/**
 * The whole stored index as columns (one row per trading date from inception, ascending):
 * the level V and the benchmark's cleaned close on that date (null when missing). One
 * statement; ~2,520 rows for ten years, so windows are cut in memory.
 */
export async function findIndexSeries(db: Kysely<Database>): Promise<IndexSeries> {
  const rows = await db
    .selectFrom("index_values")
    .select(["date", "value", "benchmark_close"])
    .orderBy("date")
    .execute();
  return {
    dates: rows.map((r) => r.date),
    values: rows.map((r) => r.value),
    benchmark: rows.map((r) => r.benchmark_close),
  };
}
