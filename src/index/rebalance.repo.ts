import type { Kysely } from "kysely";
import type { FallbackType } from "../analytics/engine/types.js";
import type { Database } from "../db/schema.js";
import type { DateRange } from "../graphql/date-range.js";
import type { Rebalance } from "./rebalance.type.js";

/** Rebalance records between from and to (inclusive), by date. */
export async function findRebalances(db: Kysely<Database>, range: DateRange): Promise<Rebalance[]> {
  let q = db
    .selectFrom("index_rebalances")
    .select(["date", "forced", "eligible_count", "turnover", "cost", "fallbacks"]);
  if (range.from) q = q.where("date", ">=", range.from);
  if (range.to) q = q.where("date", "<=", range.to);
  const rows = await q.orderBy("date").execute();
  return rows.map((r) => ({
    date: r.date,
    forced: r.forced,
    eligibleCount: r.eligible_count,
    turnover: r.turnover,
    cost: r.cost,
    // Written by the recompute from the engine's FallbackType values only.
    fallbacks: r.fallbacks as FallbackType[],
  }));
}
