// Point-in-time market caps (DOMAIN §1): for asset i at t, the latest record dated ≤ t
// (ties on date: the highest seq, i.e. the latest inserted), even when its values are null.
import { dateKey } from "./dates.js";
import type { EngineMarketCap } from "./types.js";

interface Rec {
  key: number;
  seq: number;
  rec: EngineMarketCap;
}

/**
 * Float-adjusted cap at price P: `shares × ff × P` when shares are present, else
 * `marketCap × ff`, with ff = freeFloat ?? 1. A null or non-positive result is "no cap" (null).
 * Example: shares 10, ff 0.5, P 4 → 20; shares null, marketCap 100, ff null → 100.
 */
export function floatAdjustedCap(rec: EngineMarketCap, price: number): number | null {
  const ff = rec.freeFloat ?? 1;
  let cap: number | null = null;
  if (rec.sharesOutstanding !== null) cap = rec.sharesOutstanding * ff * price;
  else if (rec.marketCap !== null) cap = rec.marketCap * ff;
  return cap !== null && cap > 0 && Number.isFinite(cap) ? cap : null;
}

/** Per-asset cursor over sorted records; queries must come in non-decreasing date order. */
export interface CapCursor {
  /** Float-adjusted cap of column a at date key `key` and close `price`, or null. */
  capAt(a: number, key: number, price: number): number | null;
}

export function createCapCursor(
  records: EngineMarketCap[],
  assetIndex: Map<number, number>,
  nAssets: number,
): CapCursor {
  const byAsset: Rec[][] = Array.from({ length: nAssets }, () => []);
  for (const rec of records) {
    const a = assetIndex.get(rec.assetId);
    if (a !== undefined) byAsset[a].push({ key: dateKey(rec.date), seq: rec.seq, rec });
  }
  for (const list of byAsset) list.sort((x, y) => x.key - y.key || x.seq - y.seq);
  const ptr = new Int32Array(nAssets).fill(-1);
  let lastKey = -Infinity;
  return {
    capAt(a, key, price) {
      if (key < lastKey) throw new RangeError("capAt queried out of date order");
      lastKey = key;
      const list = byAsset[a];
      let j = ptr[a];
      while (j + 1 < list.length && list[j + 1].key <= key) j++;
      ptr[a] = j;
      return j < 0 ? null : floatAdjustedCap(list[j].rec, price);
    },
  };
}
