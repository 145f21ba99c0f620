/**
 * Deterministic demo data for `autoindex seed --demo`: pure (no I/O, no clock), and the same
 * seed gives byte-identical output on any machine. Prices and market-cap rows are date-major
 * (ascending date, then the asset order of `assets`).
 */
import { DEMO_END_DATE, DEMO_START_DATE, demoTradingDates } from "./demo-calendar.js";
import { DEMO_EVENTS } from "./demo-events.js";
import { generateMarketCaps } from "./demo-market-caps.js";
import { simulatePaths } from "./demo-paths.js";
import type { DemoPaths } from "./demo-paths.js";
import type { DemoAsset, DemoData, DemoOptions, DemoPrice } from "./demo-types.js";
import { DEMO_BENCHMARK, DEMO_COMPANIES } from "./demo-universe.js";

export type { DemoAsset, DemoData, DemoMarketCap, DemoOptions, DemoPrice } from "./demo-types.js";
export { DEMO_END_DATE, DEMO_START_DATE } from "./demo-calendar.js";

export const DEMO_SEED = 20210104;

/** Rounding to 4 decimals hides last-bit differences in Math.exp/log across platforms. */
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Published closes: rounded, NaN outside the listing or inside a gap, the bad print applied. */
function publishCloses(dates: readonly string[], paths: DemoPaths): Float64Array[] {
  return DEMO_COMPANIES.map(({ symbol }, i) => {
    const out = paths.closes[i].map((close, t) =>
      t < paths.firstIndex[i] || t > paths.lastIndex[i] ? NaN : Math.max(1e-4, round4(close)),
    );
    for (const gap of DEMO_EVENTS.gaps) {
      const from = gap.symbol === symbol ? dates.indexOf(gap.from) : -1;
      if (from >= 0) out.fill(NaN, from, from + gap.tradingDays);
    }
    const { spike } = DEMO_EVENTS;
    const t = spike.symbol === symbol ? dates.indexOf(spike.date) : -1;
    if (t >= 0 && !Number.isNaN(out[t])) out[t] = round4(out[t] * spike.factor);
    return out;
  });
}

/**
 * Generates ~50 fictional companies plus SPY with daily closes and quarterly market caps.
 * Example: generateDemoData({ endDate: '2021-03-31' }) is an exact prefix of the default run.
 * Throws RangeError on a non-integer seed or an invalid/reversed date range.
 */
export function generateDemoData(options: DemoOptions = {}): DemoData {
  const seed = options.seed ?? DEMO_SEED;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const dates = demoTradingDates(options.startDate ?? DEMO_START_DATE, options.endDate ?? DEMO_END_DATE);
  const paths = simulatePaths(seed >>> 0, dates);
  const published = publishCloses(dates, paths);
  const assets: DemoAsset[] = DEMO_COMPANIES.map(({ symbol, name, sector }) => ({
    symbol,
    name,
    sector,
    investable: true,
  }));
  assets.push({
    symbol: DEMO_BENCHMARK.symbol,
    name: DEMO_BENCHMARK.name,
    sector: DEMO_BENCHMARK.sector,
    investable: false,
  });
  const prices: DemoPrice[] = [];
  dates.forEach((date, t) => {
    DEMO_COMPANIES.forEach(({ symbol }, i) => {
      const close = published[i][t];
      if (!Number.isNaN(close)) prices.push({ symbol, date, close });
    });
    prices.push({ symbol: DEMO_BENCHMARK.symbol, date, close: round4(paths.spy[t]) });
  });
  const marketCaps = generateMarketCaps(seed >>> 0, dates, published, paths.shares);
  return { assets, prices, marketCaps };
}
