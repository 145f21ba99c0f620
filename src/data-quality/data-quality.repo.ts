import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { sqlBounds, type DateRange } from "../graphql/date-range.js";
import { FLAG_BITS } from "./data-quality.enum.js";
import type { DataQualityRow, DataQualitySummary } from "./data-quality.type.js";

export interface DataQualityFilter extends DateRange {
  /** Only these assets; null = every asset. */
  assetIds: number[] | null;
  /** Rows having ANY of these flag bits; null = any flag. */
  mask: number | null;
}

const { BELOW_MIN_PRICE, STALE, CLIPPED, OUTLIER } = FLAG_BITS;

function where(f: DataQualityFilter) {
  const [from, to] = sqlBounds(f);
  return sql`f.date between ${from}::date and ${to}::date
    ${f.assetIds === null ? sql`` : sql`and f.asset_id = any(${f.assetIds}::int[])`}
    ${f.mask === null ? sql`` : sql`and (f.flags & ${f.mask}::int) <> 0`}`;
}

/** Counts per flag, distinct assets and rows over every matching row (one statement). */
export async function summarizeDataQuality(db: Kysely<Database>, f: DataQualityFilter): Promise<DataQualitySummary> {
  const { rows } = await sql<DataQualitySummary>`
    select count(*) filter (where f.flags & ${BELOW_MIN_PRICE}::int <> 0)::int as "belowMinPrice",
           count(*) filter (where f.flags & ${STALE}::int <> 0)::int as "stale",
           count(*) filter (where f.flags & ${CLIPPED}::int <> 0)::int as "clipped",
           count(*) filter (where f.flags & ${OUTLIER}::int <> 0)::int as "outlier",
           count(distinct f.asset_id)::int as "assetsAffected",
           count(*)::int as "rows"
    from data_quality_flags f where ${where(f)}`.execute(db);
  return rows[0];
}

/** Up to `limit` matching rows by date then symbol. */
export async function findDataQualityRows(
  db: Kysely<Database>,
  f: DataQualityFilter,
  limit: number,
): Promise<DataQualityRow[]> {
  const { rows } = await sql<{ asset_id: number; date: string; flags: number; ret: number | null }>`
    select f.asset_id, f.date, f.flags, f.ret
    from data_quality_flags f join assets a on a.id = f.asset_id
    where ${where(f)}
    order by f.date, a.symbol
    limit ${limit}`.execute(db);
  return rows.map((r) => ({
    assetId: r.asset_id,
    date: r.date,
    belowMinPrice: (r.flags & BELOW_MIN_PRICE) !== 0,
    stale: (r.flags & STALE) !== 0,
    clipped: (r.flags & CLIPPED) !== 0,
    outlier: (r.flags & OUTLIER) !== 0,
    return: r.ret,
  }));
}
