// Trading calendar and the dense close matrix (DOMAIN §1).
import { dateKey, datePart } from "./dates.js";
import type { DroppedDate, EngineAsset, EnginePrice } from "./types.js";

export interface Universe {
  nAssets: number;
  assetIds: number[];
  /** assetId → column index (input order). */
  assetIndex: Map<number, number>;
  /** Column of the benchmark, or −1 (DOMAIN §1: never part of the universe). */
  benchmarkIdx: number;
  /** 1 when the asset may be held: investable and not the benchmark. */
  inUniverse: Uint8Array;
  calendar: string[];
  /** YYYYMMDD keys of `calendar`. */
  keys: number[];
  dropped: DroppedDate[];
  /** Raw closes [dateIdx * nAssets + assetIdx]; NaN where there is no row. */
  close: Float64Array;
}

/**
 * Builds the calendar: the sorted dates on which universe assets have price rows, keeping a
 * date only when its universe row count n_t satisfies 2·n_t ≥ n_prev (n_prev = the count of the
 * previous KEPT date; the first date is kept). The rule reads only earlier dates, so appending
 * dates never changes which earlier dates are kept. Rows on any other date are ignored.
 */
export function buildUniverse(assets: EngineAsset[], prices: EnginePrice[], benchmarkSymbol: string | null): Universe {
  const nAssets = assets.length;
  const assetIds = assets.map((a) => a.id);
  const assetIndex = new Map<number, number>();
  for (const [i, a] of assets.entries()) assetIndex.set(a.id, i);
  const benchmarkIdx = benchmarkSymbol === null ? -1 : assets.findIndex((a) => a.symbol === benchmarkSymbol);
  const inUniverse = new Uint8Array(nAssets);
  for (const [i, a] of assets.entries()) inUniverse[i] = a.investable && i !== benchmarkIdx ? 1 : 0;

  // Pass 1: per distinct date, all rows and universe rows. Hot loop over ≈600k rows: a string
  // Map (V8 caches a string's hash) beats parsing every date; each new string is parsed once
  // and merged by its date part, so '2024-01-02' and '2024-01-02T00:00:00Z' share a slot.
  const colOf = denseLookup(assetIds);
  const rowSlot = new Int32Array(prices.length);
  const slotOfString = new Map<string, number>();
  const slotOfKey = new Map<number, number>();
  const slotKey: number[] = [];
  const slotStr: string[] = [];
  const slotRows: number[] = [];
  const slotInv: number[] = [];
  for (let r = 0; r < prices.length; r++) {
    const p = prices[r];
    const a = colOf(p.assetId);
    if (a < 0) continue;
    let s = slotOfString.get(p.date);
    if (s === undefined) {
      const key = dateKey(p.date);
      s = slotOfKey.get(key);
      if (s === undefined) {
        s = slotKey.length;
        slotOfKey.set(key, s);
        slotKey.push(key);
        slotStr.push(datePart(p.date));
        slotRows.push(0);
        slotInv.push(0);
      }
      slotOfString.set(p.date, s);
    }
    rowSlot[r] = s;
    slotRows[s]++;
    if (inUniverse[a]) slotInv[s]++;
  }

  const order = slotKey.map((_, s) => s).sort((x, y) => slotKey[x] - slotKey[y]);
  const calendar: string[] = [];
  const keys: number[] = [];
  const dropped: DroppedDate[] = [];
  const dateIdxOfSlot = new Int32Array(slotKey.length).fill(-1);
  let prevKept = -1;
  for (const s of order) {
    const base = { date: slotStr[s], rows: slotRows[s], investableRows: slotInv[s] };
    if (slotInv[s] === 0) {
      dropped.push({ ...base, reason: "NO_INVESTABLE_ROWS" });
    } else if (prevKept >= 0 && 2 * slotInv[s] < prevKept) {
      dropped.push({ ...base, reason: "HALF_RULE" });
    } else {
      dateIdxOfSlot[s] = calendar.length;
      calendar.push(slotStr[s]);
      keys.push(slotKey[s]);
      prevKept = slotInv[s];
    }
  }

  // Pass 2: dense close matrix over kept dates.
  const close = new Float64Array(calendar.length * nAssets).fill(NaN);
  for (let r = 0; r < prices.length; r++) {
    const a = colOf(prices[r].assetId);
    if (a < 0) continue;
    const d = dateIdxOfSlot[rowSlot[r]];
    if (d >= 0) close[d * nAssets + a] = prices[r].close;
  }
  return { nAssets, assetIds, assetIndex, benchmarkIdx, inUniverse, calendar, keys, dropped, close };
}

/** id → column; a typed array when ids are small non-negative integers, else a Map. −1 = unknown. */
function denseLookup(ids: number[]): (id: number) => number {
  const limit = 4 * ids.length + 1024;
  if (ids.every((id) => Number.isInteger(id) && id >= 0 && id < limit)) {
    const table = new Int32Array(limit).fill(-1);
    for (const [i, id] of ids.entries()) table[id] = i;
    return (id) => (Number.isInteger(id) && id >= 0 && id < limit ? table[id] : -1);
  }
  const map = new Map(ids.map((id, i) => [id, i]));
  return (id) => map.get(id) ?? -1;
}
