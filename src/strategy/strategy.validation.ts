import { badInput, type FieldProblem } from "../errors.js";
import { SYMBOL_PATTERN } from "../shared/symbols.js";
import type { StrategyParams } from "./strategy-params.js";

export const REBALANCE_FREQUENCIES = ["daily", "weekly", "monthly", "quarterly"] as const;
const WEIGHT_SUM_TOLERANCE = 1e-9;
/** DOMAIN §1: transaction_cost_bps in [0, 1000]. */
export const MAX_TRANSACTION_COST_BPS = 1000;

type Check = [field: keyof StrategyParams, ok: (v: number) => boolean, message: string];

const isWhole = (v: number) => Number.isInteger(v);
const NUMERIC_CHECKS: Check[] = [
  ["momentumWeight", (v) => v >= 0 && v <= 1, "must be in [0, 1]"],
  ["marketCapWeight", (v) => v >= 0 && v <= 1, "must be in [0, 1]"],
  ["riskParityWeight", (v) => v >= 0 && v <= 1, "must be in [0, 1]"],
  ["momentumLookbackDays", (v) => isWhole(v) && v >= 1, "must be a whole number ≥ 1"],
  ["volatilityLookbackDays", (v) => isWhole(v) && v >= 2, "must be a whole number ≥ 2"],
  ["maxForwardFillDays", (v) => isWhole(v) && v >= 0, "must be a whole number ≥ 0"],
  ["minDailyReturn", (v) => v < 0, "must be < 0"],
  ["maxDailyReturn", (v) => v > 0, "must be > 0"],
  ["outlierStdThreshold", (v) => v > 0, "must be > 0"],
  // ≤ 1000 bps: a full two-way turnover (T = 2) then costs at most 20 %, so V' = V·(1 − bps/10000·T) stays positive.
  [
    "transactionCostBps",
    (v) => v >= 0 && v <= MAX_TRANSACTION_COST_BPS,
    `must be in [0, ${MAX_TRANSACTION_COST_BPS}] basis points`,
  ],
  ["minPriceThreshold", (v) => v >= 0, "must be ≥ 0"],
  ["dailyDropThreshold", (v) => v >= -1 && v <= 0, "must be in [-1, 0]"],
  ["riskFreeRate", () => true, "must be a finite number"],
];

/**
 * Every problem of a whole (merged) strategy configuration against DOMAIN.md §1, each with
 * its field; empty when valid. Non-finite numbers are refused everywhere (e.g. NaN, ±Infinity
 * reaching a service directly; GraphQL's Float already refuses them in variables).
 */
export function strategyProblems(p: StrategyParams): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, ok, message] of NUMERIC_CHECKS) {
    const v = p[field];
    if (typeof v !== "number" || !Number.isFinite(v)) problems.push({ field, message: "must be a finite number" });
    else if (!ok(v)) problems.push({ field, message: `${message} (got ${v})` });
  }
  const weights = [p.momentumWeight, p.marketCapWeight, p.riskParityWeight];
  if (!problems.some((x) => x.field.endsWith("Weight") && x.field !== "maxAssetWeight")) {
    const sum = weights.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE)
      for (const field of ["momentumWeight", "marketCapWeight", "riskParityWeight"])
        problems.push({ field, message: `the three sleeve weights must sum to 1 (they sum to ${sum})` });
  }
  const cap = p.maxAssetWeight;
  if (cap !== null && (typeof cap !== "number" || !Number.isFinite(cap) || cap <= 0 || cap > 1))
    problems.push({ field: "maxAssetWeight", message: `must be in (0, 1], or null for no cap (got ${cap})` });
  if (!(REBALANCE_FREQUENCIES as readonly string[]).includes(p.rebalanceFrequency))
    problems.push({ field: "rebalanceFrequency", message: `must be one of ${REBALANCE_FREQUENCIES.join(", ")}` });
  const bench = p.benchmarkSymbol;
  if (bench !== null && (typeof bench !== "string" || !SYMBOL_PATTERN.test(bench)))
    problems.push({
      field: "benchmarkSymbol",
      message: "must be a symbol (A-Z, 0-9, '.', '-'; at most 16 characters) or null",
    });
  return problems;
}

/** Throws BAD_USER_INPUT listing every problem (extensions.problems, extensions.field = the first). */
export function assertValidStrategy(p: StrategyParams): void {
  const problems = strategyProblems(p);
  if (problems.length)
    throw badInput(
      `invalid strategy configuration: ${problems.map((x) => `${x.field} ${x.message}`).join("; ")}`,
      problems,
    );
}
