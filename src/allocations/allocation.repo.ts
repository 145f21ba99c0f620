import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { Allocation } from "./allocation.type.js";

/** The target weights of one rebalance date, or of the latest one when date is null; heaviest first. */
export async function findAllocations(db: Kysely<Database>, date: string | null): Promise<Allocation[]> {
  const rows = await db
    .selectFrom("allocations")
    .select(["date", "asset_id", "weight"])
    .where("date", "=", (eb) => (date ? eb.val(date) : eb.selectFrom("allocations").select((e) => e.fn.max("date").as("d"))))
    .orderBy("weight", "desc")
    .orderBy("asset_id")
    .execute();
  return rows.map((r) => ({ date: r.date, assetId: r.asset_id, weight: r.weight }));
}

/** Every rebalance date, ascending. */
export async function findRebalanceDates(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom("allocations").select("date").distinct().orderBy("date").execute();
  return rows.map((r) => r.date);
}
