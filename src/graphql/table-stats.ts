import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { countTables, type TableStats } from "./table-stats.repo.js";

/**
 * Table sizes for the cost estimators, counted at most once per `maxAgeMs` (one statement,
 * shared by every request meanwhile). Until the first count, or when it fails, estimators fall
 * back to their fixed worst-case sizes. A recompute or an import that grows a table is seen at
 * the next refresh.
 */
export function tableStatsCache(db: Kysely<Database>, maxAgeMs = 30_000): () => Promise<TableStats | undefined> {
  let value: TableStats | undefined;
  let countedAt = -Infinity;
  let pending: Promise<TableStats | undefined> | null = null;
  return () => {
    if (performance.now() - countedAt < maxAgeMs) return Promise.resolve(value);
    pending ??= countTables(db)
      .then(
        (s) => (value = s),
        () => undefined,
      )
      .finally(() => {
        countedAt = performance.now();
        pending = null;
      });
    return pending;
  };
}
