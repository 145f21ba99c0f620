/** A simulated investment in the index (pure): value_t = amount · V_t / V_start. */
import { metricsFromLevels } from "../analytics/metrics/metrics.js";
import { badInput } from "../errors.js";
import { seriesWindow, sliceSeries, type IndexSeries } from "./index-series.js";
import type { InvestmentSimulation } from "./simulation.type.js";

/** amount must be a finite number > 0 (GraphQL Float excludes NaN/Infinity; checked anyway). */
export function checkAmount(amount: number): number {
  if (!(Number.isFinite(amount) && amount > 0)) {
    throw badInput("amount must be a finite number > 0", [{ field: "amount", message: "must be finite and > 0" }]);
  }
  return amount;
}

/**
 * Buys at the close of the window's start and holds to its end. roi and profit follow from the
 * path; annualizedReturn and maxDrawdown are metricsFromLevels over the same levels (252
 * periods a year). Example: amount 1000, levels [100, 110, 99] → path [1000, 1100, 990],
 * profit −10, roi −0.01, maxDrawdown −0.1. Null when no trading date is ≤ to.
 */
export function simulateInvestment(
  series: IndexSeries,
  amount: number,
  from: string | null,
  to: string | null,
): InvestmentSimulation | null {
  const w = seriesWindow(series, from, to);
  if (w === null) return null;
  const cut = sliceSeries(series, w);
  const base = cut.values[0];
  const path = cut.dates.map((date, k) => ({ date, value: (amount * cut.values[k]) / base }));
  const finalValue = path[path.length - 1].value;
  const m = metricsFromLevels(cut.values, null, { periodsPerYear: 252, riskFreeRate: 0 });
  return {
    amount,
    startDate: cut.dates[0],
    endDate: cut.dates[cut.dates.length - 1],
    finalValue,
    profit: finalValue - amount,
    roi: finalValue / amount - 1,
    annualizedReturn: m.annualizedReturn,
    maxDrawdown: m.maxDrawdown,
    path,
  };
}
