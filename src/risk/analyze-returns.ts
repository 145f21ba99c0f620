/**
 * analyzeReturns: validation of a caller-supplied series, then metricsFromReturns (the same
 * accumulator as the stored rows). Every rejected argument names its field.
 */
import { metricsFromReturns } from "../analytics/metrics/metrics.js";
import { badInput, type FieldProblem } from "../errors.js";
import type { ReturnAnalysis } from "./analyze-returns.type.js";
import { metricConventions } from "./metric-conventions.type.js";

/** Most entries accepted in `returns` (and `benchmarkReturns`); ~2 MB of JSON at most. */
export const MAX_ANALYZE_RETURNS = 100_000;
export const MAX_PERIODS_PER_YEAR = 10_000;

export interface AnalyzeReturnsArgs {
  returns: (number | null)[];
  benchmarkReturns: (number | null)[] | null;
  periodsPerYear: number;
  riskFreeRate: number;
}

/**
 * A return must be finite and ≥ −1: −1 is a total loss; below it wealth would turn negative,
 * which for a simple return of an investment is almost always a unit mistake (−5 meant as
 * −5 %), so it is refused rather than silently nulling the wealth metrics.
 */
function checkSeries(values: (number | null)[], field: string, problems: FieldProblem[]): void {
  if (values.length > MAX_ANALYZE_RETURNS) {
    problems.push({ field, message: `at most ${MAX_ANALYZE_RETURNS} entries, got ${values.length}` });
    return;
  }
  const bad = values.findIndex((r) => r !== null && !(Number.isFinite(r) && r >= -1));
  if (bad >= 0)
    problems.push({
      field,
      row: bad,
      message: `entry ${bad} must be a finite decimal return ≥ −1 (or null), got ${values[bad]}`,
    });
}

export function checkAnalyzeArgs(args: AnalyzeReturnsArgs): void {
  const problems: FieldProblem[] = [];
  checkSeries(args.returns, "returns", problems);
  if (args.benchmarkReturns !== null) {
    if (args.benchmarkReturns.length !== args.returns.length) {
      problems.push({
        field: "benchmarkReturns",
        message: `must have as many entries as returns (${args.returns.length}), got ${args.benchmarkReturns.length}`,
      });
    } else checkSeries(args.benchmarkReturns, "benchmarkReturns", problems);
  }
  if (
    !(Number.isInteger(args.periodsPerYear) && args.periodsPerYear >= 1 && args.periodsPerYear <= MAX_PERIODS_PER_YEAR)
  ) {
    problems.push({ field: "periodsPerYear", message: `must be an integer in 1..${MAX_PERIODS_PER_YEAR}` });
  }
  if (!Number.isFinite(args.riskFreeRate))
    problems.push({ field: "riskFreeRate", message: "must be a finite annual decimal rate" });
  if (problems.length) throw badInput(`invalid ${problems[0].field}: ${problems[0].message}`, problems);
}

export function analyzeReturns(args: AnalyzeReturnsArgs): ReturnAnalysis {
  checkAnalyzeArgs(args);
  const opts = { periodsPerYear: args.periodsPerYear, riskFreeRate: args.riskFreeRate };
  return {
    ...metricsFromReturns(args.returns, args.benchmarkReturns, opts),
    conventions: metricConventions(args.periodsPerYear, args.riskFreeRate, null),
  };
}
