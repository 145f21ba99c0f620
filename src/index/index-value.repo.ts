import { sql, type Kysely } from "kysely";
import { emptyColumns, packedPairs, unpackPairs, type DatedColumns } from "../db/packed-series.js";
import type { Database } from "../db/schema.js";
import { sqlBounds, type DateRange } from "../graphql/date-range.js";
import type { IndexValue } from "./index-value.type.js";

/**
 * Index levels of many date ranges in ONE statement (the ranges unnested and joined, as for
 * prices), each range's levels packed in one bytea (see packed-series.ts). One series per
 * range, in range order, by date.
 */
export async function findIndexValueSeries(db: Kysely<Database>, ranges: readonly DateRange[]): Promise<DatedColumns[]> {
  const froms = ranges.map((r) => sqlBounds(r)[0]);
  const tos = ranges.map((r) => sqlBounds(r)[1]);
  const { rows } = await sql<{ idx: number; pairs: Uint8Array }>`
    select k.idx::int as idx, ${packedPairs("v.date", "v.value")} as pairs
    from unnest(${froms}::date[], ${tos}::date[]) with ordinality as k(d_from, d_to, idx)
    join index_values v on v.date between k.d_from and k.d_to
    group by k.idx`.execute(db);
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
