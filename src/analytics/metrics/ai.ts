/**
 * The ai_* fields of the stored rows (DOMAIN.md §6): deterministic heuristics, no model.
 * Inputs are metrics of trailing windows computed by rolling.ts; see docs/metrics.md.
 */
import type { MarketRegime } from "./types.js";

/** Levels on the 63 trading dates ending at t (62 returns) feed the regime. */
export const REGIME_WINDOW_LEVELS = 63;
/** Levels on the 252 trading dates ending at t (251 returns) feed the risk score and ROI. */
export const RISK_WINDOW_LEVELS = 252;

/**
 * HIGH_VOLATILITY when the window's annualised volatility is defined and > 0.30; else BULL when
 * its total return > +0.05, BEAR when < −0.05, SIDEWAYS otherwise (thresholds strict).
 * Volatility needs 2 returns, total return only 1 level, so with fewer than 2 returns the
 * regime is decided by the total return alone: SIDEWAYS at inception (total return 0).
 * Null only when the total return itself is undefined (no level).
 * Example: vol 0.25, total return 0.06 → BULL.
 */
export function marketRegime(volatility: number | null, totalReturn: number | null): MarketRegime | null {
  if (volatility !== null && volatility > 0.3) return "HIGH_VOLATILITY";
  if (totalReturn === null) return null;
  if (totalReturn > 0.05) return "BULL";
  if (totalReturn < -0.05) return "BEAR";
  return "SIDEWAYS";
}

/**
 * round_half_up(100 · min(1, 0.5·vol/0.40 + 0.3·|maxDD|/0.50 + 0.2·|var95|/0.05)), an integer in
 * 0..100 (the rounding applies to the computed double). Null when any input is null, so callers
 * gate it on 2 returns through vol. |var95| is taken literally from §6: a positive 5 % quantile
 * also adds to the score.
 * Example: vol 0.20, maxDD −0.10, var95 −0.02 → 0.25 + 0.06 + 0.08 = 0.39 → 39.
 */
export function aiRiskScore(
  volatility: number | null,
  maxDrawdown: number | null,
  var95: number | null,
): number | null {
  if (volatility === null || maxDrawdown === null || var95 === null) return null;
  const raw = (0.5 * volatility) / 0.4 + (0.3 * Math.abs(maxDrawdown)) / 0.5 + (0.2 * Math.abs(var95)) / 0.05;
  const score = Math.floor(100 * Math.min(1, raw) + 0.5);
  return Number.isFinite(score) ? score : null;
}

/** annualizedReturn · (1 − score/100). Example: 0.12 with score 39 → 0.0732. */
export function aiRiskAdjustedRoi(annualizedReturn: number | null, score: number | null): number | null {
  if (annualizedReturn === null || score === null) return null;
  return annualizedReturn * (1 - score / 100);
}
