import { sql, type Kysely } from "kysely";
import type { Database, Row as TableRow } from "../db/schema.js";
import { sqlBounds, type RangeKey } from "../graphql/date-range.js";
import type { MarketCapData } from "./market-cap.type.js";

type Row = { idx: number } & Pick<
  TableRow<"market_cap_data">,
  "asset_id" | "date" | "market_cap" | "shares_outstanding" | "free_float" | "average_volume"
>;

export const toMarketCap = (r: Omit<Row, "idx">): MarketCapData => ({
  assetId: r.asset_id,
  date: r.date,
  marketCap: r.market_cap,
  sharesOutstanding: r.shares_outstanding,
  freeFloat: r.free_float,
  averageVolume: r.average_volume,
});

/**
 * Market-cap records of many (asset, from, to) keys in one statement, a range scan per key (see
 * findPriceSeriesForRanges).
 */
export async function findMarketCapsForRanges(
  db: Kysely<Database>,
  keys: readonly RangeKey[],
): Promise<MarketCapData[][]> {
  const ids = keys.map((k) => k.id);
  const froms = keys.map((k) => sqlBounds(k)[0]);
  const tos = keys.map((k) => sqlBounds(k)[1]);
  const { rows } = await sql<Row>`
    select k.idx::int as idx, m.asset_id, m.date, m.market_cap, m.shares_outstanding, m.free_float, m.average_volume
    from unnest(${ids}::int[], ${froms}::date[], ${tos}::date[]) with ordinality as k(asset_id, d_from, d_to, idx)
    cross join lateral (
      select * from market_cap_data m where m.asset_id = k.asset_id and m.date between k.d_from and k.d_to) m
    order by k.idx, m.date, m.id`.execute(db);
  const out: MarketCapData[][] = keys.map(() => []);
  for (const r of rows) out[r.idx - 1].push(toMarketCap(r));
  return out;
}

export interface MarketCapRow {
  assetId: number;
  date: string;
  marketCap: number | null;
  sharesOutstanding: number | null;
  freeFloat: number | null;
  averageVolume: number | null;
}

/** Upserts market-cap records by (asset, date) in one statement; unchanged rows are not rewritten. */
export async function upsertMarketCapRows(
  db: Kysely<Database>,
  rows: readonly MarketCapRow[],
): Promise<{ inserted: number; updated: number; unchanged: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const col = <K extends keyof MarketCapRow>(k: K) => rows.map((r) => r[k]);
  // Counted in SQL: one result row, not one per written row (see upsertPriceRows).
  const {
    rows: [out],
  } = await sql<{ inserted: number; written: number }>`
    with written as (
    insert into market_cap_data (asset_id, date, market_cap, shares_outstanding, free_float, average_volume)
    select * from unnest(${col("assetId")}::int[], ${col("date")}::date[], ${col("marketCap")}::float8[],
                         ${col("sharesOutstanding")}::float8[], ${col("freeFloat")}::float8[],
                           ${col("averageVolume")}::float8[])
    on conflict (asset_id, date) do update set
      market_cap = excluded.market_cap, shares_outstanding = excluded.shares_outstanding,
      free_float = excluded.free_float, average_volume = excluded.average_volume
    where (market_cap_data.market_cap, market_cap_data.shares_outstanding, market_cap_data.free_float,
      market_cap_data.average_volume)
      is distinct from (excluded.market_cap, excluded.shares_outstanding, excluded.free_float, excluded.average_volume)
    returning (xmax = 0) as inserted)
    select (count(*) filter (where inserted))::int as inserted, count(*)::int as written from written`.execute(db);
  return { inserted: out.inserted, updated: out.written - out.inserted, unchanged: rows.length - out.written };
}
