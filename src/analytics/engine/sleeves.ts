// The three sleeves of DOMAIN §4. Each returns weights aligned with `elig` (column indices of
// E(t)) that are ≥ 0 and sum to 1, and whether it fell back to equal weight.
import type { RollingWindow } from "./window.js";

export interface Sleeve {
  weights: Float64Array;
  equalWeightFallback: boolean;
}

/** Normalises `raw` (≥ 0) to sum 1, or equal weight when Σraw is not positive. */
function normalise(raw: Float64Array): Sleeve {
  let total = 0;
  for (let j = 0; j < raw.length; j++) total += raw[j];
  if (!(total > 0)) return { weights: raw.fill(1 / raw.length), equalWeightFallback: true };
  for (let j = 0; j < raw.length; j++) raw[j] /= total;
  return { weights: raw, equalWeightFallback: false };
}

/**
 * Momentum: m(i) = Π_{s=t−L+1..t} (1 + r̃(s,i)) − 1, undefined returns counted as 0;
 * w ∝ max(m, 0); equal weight when no m is positive.
 * Example: r̃ = +10%, −10% → m = 1.1·0.9 − 1 = −0.01 (no weight).
 */
export function momentumSleeve(signal: Float64Array, n: number, elig: number[], d: number, L: number): Sleeve {
  const raw = new Float64Array(elig.length);
  for (let j = 0; j < elig.length; j++) {
    const a = elig[j];
    let g = 1;
    for (let s = d - L + 1; s <= d; s++) {
      const r = signal[s * n + a];
      if (!Number.isNaN(r)) g *= 1 + r;
    }
    raw[j] = Math.max(g - 1, 0);
  }
  return normalise(raw);
}

/**
 * Market cap: w ∝ float-adjusted cap over the members with one; equal weight over E(t)
 * when fewer than half of E(t) have one (2·covered < |E|).
 */
export function marketCapSleeve(caps: (number | null)[]): Sleeve {
  const raw = new Float64Array(caps.length);
  let covered = 0;
  for (let j = 0; j < caps.length; j++) {
    const c = caps[j];
    if (c !== null) {
      raw[j] = c;
      covered++;
    }
  }
  if (2 * covered < caps.length) return { weights: raw.fill(1 / caps.length), equalWeightFallback: true };
  return normalise(raw);
}

/** Assets whose σ is at or below this have no risk-parity weight (DOMAIN §4). */
export const MIN_SIGMA = 1e-12;

/**
 * Risk parity (inverse volatility): σ(i) = sample std (ddof 1) of r̃ on t−V+1 … t (defined
 * values only; fewer than 2 → no σ); w ∝ 1/σ over σ > 1e-12; equal weight when none.
 * Example: σ = 0.01 and 0.02 → weights 2/3 and 1/3.
 */
export function riskParitySleeve(win: RollingWindow, elig: number[], d: number): Sleeve {
  const raw = new Float64Array(elig.length);
  for (let j = 0; j < elig.length; j++) {
    const std = win.std(elig[j], d);
    raw[j] = std > MIN_SIGMA ? 1 / std : 0;
  }
  return normalise(raw);
}
