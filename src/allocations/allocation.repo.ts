import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { sqlBounds, type RangeKey } from "../graphql/date-range.js";
import type { Allocation } from "./allocation.type.js";

/** The target weights of one rebalance date, or of the latest one when date is null; heaviest first. */
export async function findAllocations(db: Kysely<Database>, date: string | null): Promise<Allocation[]> {
  const rows = await db
    .selectFrom("allocations")
    .select(["date", "asset_id", "weight"])
    .where("date", "=", (eb) =>
      date ? eb.val(date) : eb.selectFrom("allocations").select((e) => e.fn.max("date").as("d")),
    )
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

/** The target weights of many rebalance dates in ONE statement: one list per date, in key order, heaviest first. */
export async function findAllocationsForDates(db: Kysely<Database>, dates: readonly string[]): Promise<Allocation[][]> {
  const rows = await db
    .selectFrom("allocations")
    .select(["date", "asset_id", "weight"])
    .where("date", "=", (eb) => eb.fn.any(sql<string[]>`${[...dates]}::date[]`))
    .orderBy("date")
    .orderBy("weight", "desc")
    .orderBy("asset_id")
    .execute();
  const byDate = new Map<string, Allocation[]>(dates.map((d) => [d, []]));
  for (const r of rows) byDate.get(r.date)?.push({ date: r.date, assetId: r.asset_id, weight: r.weight });
  return dates.map((d) => byDate.get(d)!);
}

/**
 * The target weights of many (asset, from, to) keys in ONE statement, a scan of the asset's index
 * entries per key: one list per key, in key order, by date (an asset's weight history).
 */
export async function findAllocationsForAssetRanges(
  db: Kysely<Database>,
  keys: readonly RangeKey[],
): Promise<Allocation[][]> {
  const { rows } = await sql<{ idx: number; asset_id: number; date: string; weight: number }>`
    select k.idx::int as idx, a.asset_id, a.date, a.weight
    from unnest(${keys.map((k) => k.id)}::int[], ${keys.map((k) => sqlBounds(k)[0])}::date[],
                ${keys.map((k) => sqlBounds(k)[1])}::date[]) with ordinality as k(asset_id, d_from, d_to, idx)
    cross join lateral (
      select * from allocations a where a.asset_id = k.asset_id and a.date between k.d_from and k.d_to) a
    order by k.idx, a.date`.execute(db);
  const out: Allocation[][] = keys.map(() => []);
  for (const r of rows) out[r.idx - 1].push({ date: r.date, assetId: r.asset_id, weight: r.weight });
  return out;
}
