// Eligibility and target weights at a rebalance date (DOMAIN §4).
import { applyCap } from "./cap.js";
import type { CapCursor } from "./market-cap.js";
import { marketCapSleeve, momentumSleeve, riskParitySleeve } from "./sleeves.js";
import type { Cleaned } from "./cleaning.js";
import type { EngineConfig, FallbackType } from "./types.js";
import type { RollingWindow } from "./window.js";

/**
 * E(t) as column indices: universe members with an actual usable close at t (not stale),
 * available (actual or stale) at t−L, and with ≥ ⌈V/2⌉ defined returns among r(t−V+1) … r(t)
 * (`win.count` over the signal returns, defined exactly where r is). Empty while t < L.
 */
export function eligibleSet(
  c: Cleaned, inUniverse: Uint8Array, win: RollingWindow, n: number, d: number, L: number, V: number,
): number[] {
  const definedCount = win.count;
  const out: number[] = [];
  if (d < L) return out;
  const need = Math.ceil(V / 2);
  const row = d * n;
  const back = (d - L) * n;
  for (let a = 0; a < n; a++) {
    if (inUniverse[a] && c.actual[row + a] && c.price[back + a] === c.price[back + a] && definedCount[a] >= need) {
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
 * w = (a·w_mom + b·w_mc + c·w_rp)/(a + b + c), then capped. Every sleeve is computed, so its
 * fallback is reported even when its blend weight is 0 (docs/methodology.md).
 */
export function targetWeights(
  c: Cleaned, win: RollingWindow, caps: CapCursor, key: number, cfg: EngineConfig, n: number, d: number,
  elig: number[],
): Target {
  const mom = momentumSleeve(c.signal, n, elig, d, cfg.momentumLookbackDays);
  const mc = marketCapSleeve(elig.map((a) => caps.capAt(a, key, c.price[d * n + a])));
  const rp = riskParitySleeve(win, elig, d);
  const A = cfg.momentumWeight;
  const B = cfg.marketCapWeight;
  const C = cfg.riskParityWeight;
  const total = A + B + C;
  const w = new Float64Array(elig.length);
  for (let j = 0; j < elig.length; j++) {
    w[j] = (A * mom.weights[j] + B * mc.weights[j] + C * rp.weights[j]) / total;
  }
  const capped = applyCap(w, cfg.maxAssetWeight);
  const fallbacks: FallbackType[] = [];
  if (mom.equalWeightFallback) fallbacks.push("MOMENTUM_EQUAL_WEIGHT");
  if (mc.equalWeightFallback) fallbacks.push("MARKET_CAP_EQUAL_WEIGHT");
  if (rp.equalWeightFallback) fallbacks.push("RISK_PARITY_EQUAL_WEIGHT");
  if (capped.infeasible) fallbacks.push("CAP_INFEASIBLE");
  return { weights: capped.weights, fallbacks };
}
