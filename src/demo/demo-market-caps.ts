/**
 * Quarterly point-in-time market-cap records: one per company on its first published trading
 * date of each calendar quarter (so a mid-quarter IPO gets a record on its listing day).
 * Each company has its own random stream, so records never shift the price paths.
 */
import { DEMO_EVENTS } from "./demo-events.js";
import { createRng } from "./demo-random.js";
import type { DemoMarketCap } from "./demo-types.js";
import { DEMO_COMPANIES } from "./demo-universe.js";

const STREAM_BASE = 1000;
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** 2023-07-03 → 2023·4 + 2: a unique, increasing number per calendar quarter. */
function quarterKey(date: string): number {
  return Number(date.slice(0, 4)) * 4 + Math.floor((Number(date.slice(5, 7)) - 1) / 3);
}

/**
 * @param published close per company per date index as published (NaN where there is no row).
 * @param initialShares shares outstanding at the start, per company.
 */
export function generateMarketCaps(
  seed: number,
  dates: readonly string[],
  published: readonly Float64Array[],
  initialShares: readonly number[],
): DemoMarketCap[] {
  const states = DEMO_COMPANIES.map((c, i) => {
    const rng = createRng(seed, STREAM_BASE + i);
    const skip = DEMO_EVENTS.noMarketCaps.includes(c.symbol);
    // Turnover: the fraction of shares that trades on an average day (0.2–1.2%).
    return {
      rng,
      skip,
      shares: initialShares[i],
      freeFloat: round4(rng.between(0.62, 0.98)),
      turnover: rng.between(0.002, 0.012),
      quarter: -1,
    };
  });
  const records: DemoMarketCap[] = [];
  dates.forEach((date, t) => {
    const quarter = quarterKey(date);
    DEMO_COMPANIES.forEach(({ symbol }, i) => {
      const s = states[i];
      const close = published[i][t];
      if (s.skip || s.quarter === quarter || Number.isNaN(close)) return;
      const first = s.quarter < 0;
      s.quarter = quarter;
      // Fixed draws per record: buyback?, buyback size, float drift, volume noise.
      const buyback = s.rng.uniform() < 0.25;
      const cut = s.rng.between(0.003, 0.02);
      if (buyback && !first) s.shares = Math.round(s.shares * (1 - cut));
      s.freeFloat = round4(Math.min(1, Math.max(0.6, s.freeFloat + 0.01 * s.rng.normal())));
      const averageVolume = Math.round(s.shares * s.turnover * Math.exp(0.25 * s.rng.normal()));
      const { missingShares, nullFreeFloat } = DEMO_EVENTS;
      const noShares = symbol === missingShares.symbol && date === missingShares.date;
      records.push({
        symbol,
        date,
        marketCap: s.shares * close,
        sharesOutstanding: noShares ? null : s.shares,
        freeFloat: symbol === nullFreeFloat ? null : s.freeFloat,
        averageVolume,
      });
    });
  });
  return records;
}
