/**
 * Drifted weights at a trading date's close (pure): w(i) = u(i)·P(i) / V with
 * V = Σ u·P + cash. On a rebalance date V is after that date's costs, so it equals
 * index_values.value there only when transaction costs are 0; on any other date it equals
 * the stored level (DOMAIN §5: V(s) = Σ u(i)·P(s,i)).
 */
import type { Holdings, HoldingPosition } from "./holdings.type.js";

export interface HoldingsSnapshot {
  /** The trading date used (latest ≤ the requested date). */
  date: string;
  /** The rebalance or forced sale whose units are in force. */
  periodDate: string;
  /** Cash in index points (left by a forced sale with nothing else held). */
  cash: number;
  positions: { assetId: number; units: number; price: number }[];
}

/** Example: units {1: 2, 2: 1}, prices {1: 10, 2: 30}, cash 0 → V 50, weights 0.6 (2), 0.4 (1). */
export function shapeHoldings(s: HoldingsSnapshot, requestedDate: string | null): Holdings {
  const value = s.positions.reduce((v, p) => v + p.units * p.price, s.cash);
  const positions: HoldingPosition[] = s.positions
    .map((p) => ({
      assetId: p.assetId,
      units: p.units,
      price: p.price,
      value: p.units * p.price,
      weight: (p.units * p.price) / value,
    }))
    .sort((a, b) => b.weight - a.weight || a.assetId - b.assetId);
  return { date: s.date, requestedDate, periodDate: s.periodDate, value, cashWeight: s.cash / value, positions };
}
