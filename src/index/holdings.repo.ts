import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { HoldingsSnapshot } from "./holdings.js";

/**
 * The holdings in force at the close of the latest trading date ≤ `date`, with each held
 * asset's actual or carried close there, in ONE statement. The carried close is the asset's
 * latest close ≥ `minPrice` dated on a trading date ≤ that date (rows of dates dropped from
 * the calendar are ignored, as the engine ignores them). Null before inception.
 */
export async function findHoldingsSnapshot(
  db: Kysely<Database>,
  date: string,
  minPrice: number,
): Promise<HoldingsSnapshot | null> {
  const { rows } = await sql<{
    trade_date: string | null;
    period_date: string | null;
    cash: number | null;
    asset_id: number | null;
    units: number | null;
    close: number | null;
  }>`
    with td as (select max(date) as d from index_values where date <= ${date}),
    hp as (
      select p.date, p.cash, p.asset_ids, p.units from index_holding_periods p, td where p.date <= td.d order by
        p.date desc limit 1
    )
    select td.d as trade_date, hp.date as period_date, hp.cash, h.asset_id, h.units, px.close
    from td
    left join hp on true
    left join lateral unnest(hp.asset_ids, hp.units) as h(asset_id, units) on true
    left join lateral (
      select p.close from prices p
      where p.asset_id = h.asset_id and p.date <= td.d and p.close >= ${minPrice}
        and exists (select 1 from index_values iv where iv.date = p.date)
      order by p.date desc limit 1
    ) px on true
    order by h.asset_id`.execute(db);
  const first = rows[0];
  if (!first || first.trade_date === null || first.period_date === null) return null;
  const positions = rows
    .filter((r) => r.asset_id !== null)
    .map((r) => {
      if (r.close === null)
        throw new Error(`held asset ${r.asset_id} has no usable close on or before ${first.trade_date}`);
      return { assetId: r.asset_id!, units: r.units!, price: r.close };
    });
  return { date: first.trade_date, periodDate: first.period_date, cash: first.cash ?? 0, positions };
}
