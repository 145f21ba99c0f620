import { sql, type Kysely } from "kysely";
import { emptyColumns, packedPairs, unpackPairs, type DatedColumns } from "../db/packed-series.js";
import type { Database } from "../db/schema.js";
import { sqlBounds, type DateRange } from "../graphql/date-range.js";
import type { IndexValue } from "./index-value.type.js";

/**
 * Index levels of many date ranges in ONE statement (the ranges unnested, as for prices), each range's levels packed
 * in one bytea (see packed-series.ts). One series per
 * range, in range order, by date.
 */
export async function findIndexValueSeries(
  db: Kysely<Database>,
  ranges: readonly DateRange[],
): Promise<DatedColumns[]> {
  const froms = ranges.map((r) => sqlBounds(r)[0]);
  const tos = ranges.map((r) => sqlBounds(r)[1]);
  // Lateral, like the prices: one range scan of the date index per range.
  const { rows } = await sql<{ idx: number; pairs: Uint8Array | null }>`
    select k.idx::int as idx, s.pairs
    from unnest(${froms}::date[], ${tos}::date[]) with ordinality as k(d_from, d_to, idx)
    cross join lateral (
      select ${packedPairs("v.date", "v.value")} as pairs
      from index_values v where v.date between k.d_from and k.d_to) s`.execute(db);
  const out: DatedColumns[] = ranges.map(emptyColumns);
  for (const r of rows) out[r.idx - 1] = unpackPairs(r.pairs);
  return out;
}

/** A series as IndexValue objects (the `indexValues` list field). */
export function toIndexValues({ dates, values }: DatedColumns): IndexValue[] {
  const out = new Array<IndexValue>(dates.length);
  for (let i = 0; i < dates.length; i++) out[i] = { date: dates[i], value: values[i] };
  return out;
}

/** True once a recompute has written index levels. */
export async function hasIndex(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom("index_values").select("date").limit(1).execute()).length > 0;
}
