/**
 * Stored risk_metrics rows: one per trading date from inception, the row for t covering
 * inception..t only (point in time: appending dates never changes an earlier row).
 */
import type { MetricOptions, RiskMetricRow } from "./types.js";
import { MetricAccumulator } from "./accumulator.js";
import { benchmarkReturn, checkLevels, levelReturn } from "./metrics.js";
import { RollingWindow } from "./rolling.js";
import { aiRiskAdjustedRoi, aiRiskScore, marketRegime, REGIME_WINDOW_LEVELS, RISK_WINDOW_LEVELS } from "./ai.js";

/**
 * dates[0] must be inception; levels[i] is the index level at dates[i]; benchmarkLevels (or
 * null) is aligned to dates with null for missing. Row t = metricsFromLevels(levels[0..t], …)
 * plus ai_* over the trailing 63/252-level windows. O(n log n + n·252); ~1,300 dates in a few ms.
 */
export function riskMetricSeries(
  dates: readonly string[],
  levels: readonly number[],
  benchmarkLevels: readonly (number | null)[] | null,
  opts: MetricOptions,
): RiskMetricRow[] {
  if (dates.length !== levels.length) {
    throw new RangeError(`dates has ${dates.length} entries, levels ${levels.length}`);
  }
  if (benchmarkLevels !== null && benchmarkLevels.length !== levels.length) {
    throw new RangeError(`benchmarkLevels has ${benchmarkLevels.length} entries, levels ${levels.length}`);
  }
  for (let i = 1; i < dates.length; i++) {
    if (!(dates[i - 1] < dates[i])) throw new RangeError(`dates must be strictly increasing at ${i}`);
  }
  checkLevels(levels);

  const returns = levels.map((_, k) => (k === 0 ? 0 : levelReturn(levels, k)));
  const acc = new MetricAccumulator(opts, levels.length);
  const regimeWindow = new RollingWindow(levels, returns, REGIME_WINDOW_LEVELS, opts.periodsPerYear);
  const riskWindow = new RollingWindow(levels, returns, RISK_WINDOW_LEVELS, opts.periodsPerYear);
  const rows: RiskMetricRow[] = [];
  for (let t = 0; t < levels.length; t++) {
    if (t === 0) acc.start(levels[0]);
    else acc.push(levels[t], returns[t], benchmarkLevels === null ? null : benchmarkReturn(benchmarkLevels, t));
    const regime = regimeWindow.next();
    const risk = riskWindow.next();
    // Both ai numbers wait for 2 returns in the 252 window (vol is null before that).
    const score = risk.observations >= 2 ? aiRiskScore(risk.volatility, risk.maxDrawdown, risk.var95) : null;
    rows.push({
      date: dates[t],
      ...acc.snapshot(),
      aiRiskScore: score,
      aiRiskAdjustedRoi: aiRiskAdjustedRoi(risk.annualizedReturn, score),
      aiMarketRegime: marketRegime(regime.volatility, regime.totalReturn),
    });
  }
  return rows;
}
