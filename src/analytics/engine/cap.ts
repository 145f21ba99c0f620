// Per-asset weight cap with iterative redistribution (DOMAIN §4).

export interface CapResult {
  weights: Float64Array;
  /** True when cap × |E| < 1: the cap cannot hold and the weights are equal. */
  infeasible: boolean;
}

/**
 * Caps `w` (≥ 0, Σ = 1, over E(t)) at `cap` in place:
 *   repeat: every w(i) > cap is set to cap and marked capped; the excess Σ(w(i) − cap) is spread
 *   over the uncapped members pro rata to their weight, or equally over them when none of them
 *   has a positive weight; until no w(i) > cap.
 * Each round caps at least one more member, so it ends within |E| rounds; Σw stays 1.
 * If cap·|E| < 1 no capped vector sums to 1: equal weight, reported as infeasible.
 * Example: w = (0.6, 0.3, 0.1), cap 0.4 → (0.4, 0.45, 0.15) → (0.4, 0.4, 0.2).
 */
export function applyCap(w: Float64Array, cap: number | null): CapResult {
  const n = w.length;
  if (cap === null || n === 0) return { weights: w, infeasible: false };
  if (cap * n < 1) return { weights: w.fill(1 / n), infeasible: true };
  const capped = new Uint8Array(n);
  for (let round = 0; round <= n; round++) {
    let excess = 0;
    for (let j = 0; j < n; j++) {
      if (!capped[j] && w[j] > cap) {
        excess += w[j] - cap;
        w[j] = cap;
        capped[j] = 1;
      }
    }
    if (excess === 0) break;
    let free = 0;
    let freeCount = 0;
    for (let j = 0; j < n; j++) {
      if (!capped[j]) {
        free += w[j];
        freeCount++;
      }
    }
    if (freeCount === 0) break; // cap·n = 1 up to rounding: every member sits at the cap
    for (let j = 0; j < n; j++) {
      if (capped[j]) continue;
      w[j] += free > 0 ? (excess * w[j]) / free : excess / freeCount;
    }
  }
  return { weights: w, infeasible: false };
}
