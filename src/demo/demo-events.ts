/**
 * The deliberate irregularities of the demo data. Each one is a case the engine (DOMAIN.md §2)
 * must handle, so they are fixed calendar dates rather than random, and tests look them up here.
 * A custom date range that excludes a date simply omits that event.
 */

export interface DemoGap {
  symbol: string;
  /** First missing trading date. */
  from: string;
  /** Number of consecutive trading dates without a price row (all weekdays). */
  tradingDays: number;
}

export const DEMO_EVENTS = {
  /** Market-wide crash: the market factor's simple return is −11.5% (a real event; never clean it away). */
  crash: { date: "2023-03-13", marketReturn: -0.115 },
  /** IPO about 1.5 years in: no price rows before this date. */
  lateListing: { symbol: "TSSL", firstDate: "2022-07-12" },
  /** Acquired about 3.5 years in: no price rows after this date. */
  delisting: { symbol: "ATLF", lastDate: "2024-06-28" },
  /** Missing prints, to exercise bounded forward fill (two gaps longer than 2 days). */
  gaps: [
    { symbol: "HLCN", from: "2021-10-12", tradingDays: 1 },
    { symbol: "HLCN", from: "2023-05-16", tradingDays: 4 },
    { symbol: "KSTL", from: "2022-02-08", tradingDays: 2 },
    { symbol: "KSTL", from: "2024-10-08", tradingDays: 3 },
  ] satisfies DemoGap[],
  /**
   * Penny stock: its log price is pulled (AR(1)) towards this piecewise-linear target, so it
   * reliably trades below $1 from about 2022-09 to 2023-10 whatever the seed, then recovers.
   */
  penny: {
    symbol: "LBX",
    pullback: 0.04,
    targets: [
      ["2021-01-04", 6.5],
      ["2022-04-01", 3.2],
      ["2022-10-03", 0.55],
      ["2023-06-30", 0.45],
      ["2023-12-29", 1.4],
      ["2025-12-31", 2.2],
    ] as ReadonlyArray<readonly [string, number]>,
  },
  /** A bad print: the close is multiplied by `factor` for one day only and reverts the next. */
  spike: { symbol: "MTRX", date: "2024-08-14", factor: 2.6 },
  /** Companies with no market-cap records at all (SPY has none either: it is never in the universe). */
  noMarketCaps: ["CRSL", "OKFD", "SMMT"] as readonly string[],
  /** A vendor that never reports free float: null, which DOMAIN §1 reads as 1. */
  nullFreeFloat: "PRMW",
  /** One record with shares missing, so the engine must fall back to market_cap × free_float. */
  missingShares: { symbol: "GRNT", date: "2023-07-03" },
} as const;
