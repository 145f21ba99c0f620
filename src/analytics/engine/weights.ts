// Eligibility and target weights at a rebalance date (DOMAIN §4).
import { applyCap } from "./cap.js";
import type { CapCursor } from "./market-cap.js";
import { marketCapSleeve, momentumSleeve, riskParitySleeve } from "./sleeves.js";
import type { Sleeve } from "./sleeves.js";
import type { Cleaned } from "./cleaning.js";
import type { EngineConfig, FallbackType } from "./types.js";
import type { RollingWindow } from "./window.js";

/**
 * E(t) as column indices: universe members with an actual usable close at t (not stale),
 * available (actual or stale) at t−L, and with ≥ ⌈V/2⌉ defined returns among r(t−V+1) … r(t)
 * (`win.count` over the signal returns, defined exactly where r is). Empty while t < L.
 */
export function eligibleSet(
  c: Cleaned,
  inUniverse: Uint8Array,
  win: RollingWindow,
  n: number,
  d: number,
  L: number,
  V: number,
): number[] {
  const definedCount = win.count;
  const out: number[] = [];
  if (d < L) return out;
  const need = Math.ceil(V / 2);
  const row = d * n;
  const back = (d - L) * n;
  for (let a = 0; a < n; a++) {
    if (inUniverse[a] && c.actual[row + a] && !Number.isNaN(c.price[back + a]) && definedCount[a] >= need) {
      out.push(a);
    }
  }
  return out;
}

export interface Target {
  /** Aligned with `elig`; ≥ 0, Σ = 1, ≤ cap when feasible. */
  weights: Float64Array;
  fallbacks: FallbackType[];
}

/**
 * w = (a·w_mom + b·w_mc + c·w_rp)/(a + b + c), then capped. A sleeve with blend weight 0 is
 * not computed and reports no fallback: it cannot change w (docs/methodology.md).
 */
export function targetWeights(
  c: Cleaned,
  win: RollingWindow,
  caps: CapCursor,
  key: number,
  cfg: EngineConfig,
  n: number,
  d: number,
  elig: number[],
): Target {
  const A = cfg.momentumWeight;
  const B = cfg.marketCapWeight;
  const C = cfg.riskParityWeight;
  const fallbacks: FallbackType[] = [];
  const w = new Float64Array(elig.length);
  const add = (weight: number, sleeve: Sleeve, fallback: FallbackType): void => {
    if (sleeve.equalWeightFallback) fallbacks.push(fallback);
    for (let j = 0; j < elig.length; j++) w[j] += weight * sleeve.weights[j];
  };
  if (A > 0) add(A, momentumSleeve(c.signal, n, elig, d, cfg.momentumLookbackDays), "MOMENTUM_EQUAL_WEIGHT");
  if (B > 0)
    add(B, marketCapSleeve(elig.map((a) => caps.capAt(a, key, c.price[d * n + a]))), "MARKET_CAP_EQUAL_WEIGHT");
  if (C > 0) add(C, riskParitySleeve(win, elig, d), "RISK_PARITY_EQUAL_WEIGHT");
  const total = A + B + C;
  for (let j = 0; j < elig.length; j++) w[j] /= total;
  const capped = applyCap(w, cfg.maxAssetWeight);
  if (capped.infeasible) fallbacks.push("CAP_INFEASIBLE");
  return { weights: capped.weights, fallbacks };
}
