// Holdings, drift, forced sales and rebalancing trades (DOMAIN §5). Values are index points.

/** Invariant: `held` lists exactly the columns with units > 0; every held asset is available. */
export interface Portfolio {
  units: Float64Array;
  held: number[];
  /** Cash in index points, earning 0; only non-zero after a forced sale left nothing held. */
  cash: number;
}

export function emptyPortfolio(n: number): Portfolio {
  return { units: new Float64Array(n), held: [], cash: 0 };
}

/** V(d) = Σ u(i)·P(d,i) + cash, at actual or carried prices. */
export function portfolioValue(pf: Portfolio, price: Float64Array, n: number, d: number): number {
  let v = pf.cash;
  for (const a of pf.held) v += pf.units[a] * price[d * n + a];
  return v;
}

/**
 * Forced sales at date d, before anything else that date: every held asset unavailable at d is
 * sold at its last usable close P(d−1,i) (it was available at d−1), without cost; the proceeds
 * buy the remaining holdings pro rata to their value at d's close (u(j) ·= 1 + proceeds/W,
 * W = Σ u(j)·P(d,j)), or stay as cash when nothing else is held. Returns the sold columns.
 */
export function forcedSales(pf: Portfolio, price: Float64Array, n: number, d: number): number[] {
  let any = false; // fast path: on almost every date nothing held is unavailable
  for (const a of pf.held) if (Number.isNaN(price[d * n + a])) any = true;
  if (!any) return NO_SALES;
  const sold: number[] = [];
  let proceeds = 0;
  const keep: number[] = [];
  for (const a of pf.held) {
    if (!Number.isNaN(price[d * n + a])) {
      keep.push(a);
      continue;
    }
    proceeds += pf.units[a] * price[(d - 1) * n + a];
    pf.units[a] = 0;
    sold.push(a);
  }
  if (sold.length === 0) return sold;
  pf.held = keep;
  let w = 0;
  for (const a of keep) w += pf.units[a] * price[d * n + a];
  if (w > 0) {
    const grow = 1 + proceeds / w;
    for (const a of keep) pf.units[a] *= grow;
  } else {
    pf.cash += proceeds;
  }
  return sold;
}

const NO_SALES: number[] = [];

export interface Trade {
  /** Two-way turnover T = Σ|w(i) − w_drift(i)| over E(t) ∪ holdings (cash excluded). */
  turnover: number;
  /** V(t)·bps/10000·T, in index points. */
  cost: number;
}

/**
 * Rebalances at the close of d to weights `w` over columns `elig`:
 * V' = V·(1 − bps/10000·T), u(i) = w(i)·V'/P(d,i); cash is invested (set to 0).
 */
export function rebalanceTo(
  pf: Portfolio,
  price: Float64Array,
  n: number,
  d: number,
  value: number,
  elig: number[],
  w: Float64Array,
  bps: number,
  scratch: Float64Array,
): Trade {
  const row = d * n;
  for (const a of pf.held) scratch[a] = -(pf.units[a] * price[row + a]) / value;
  for (let j = 0; j < elig.length; j++) scratch[elig[j]] += w[j];
  let turnover = 0;
  for (const a of pf.held) {
    turnover += Math.abs(scratch[a]);
    scratch[a] = NaN; // counted
  }
  for (const a of elig) {
    if (!Number.isNaN(scratch[a])) turnover += Math.abs(scratch[a]);
  }
  for (const a of pf.held) pf.units[a] = 0;
  for (const a of elig) scratch[a] = 0;
  for (const a of pf.held) scratch[a] = 0;
  const cost = (value * bps * turnover) / 10_000;
  const invested = value - cost;
  const held: number[] = [];
  for (let j = 0; j < elig.length; j++) {
    if (!(w[j] > 0)) continue;
    const a = elig[j];
    pf.units[a] = (w[j] * invested) / price[row + a];
    held.push(a);
  }
  pf.held = held;
  pf.cash = 0;
  return { turnover, cost };
}
