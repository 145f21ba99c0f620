import { describe, expect, it } from "vitest";
import { DEMO_HOLIDAYS, demoTradingDates, weekday } from "../../../src/demo/demo-calendar.js";
import { DEMO_END_DATE, DEMO_SEED, DEMO_START_DATE, generateDemoData } from "../../../src/demo/demo-data.js";

const data = generateDemoData();
const SECTORS = [
  "Information Technology",
  "Health Care",
  "Financials",
  "Energy",
  "Industrials",
  "Consumer Discretionary",
  "Consumer Staples",
  "Utilities",
];

describe("generateDemoData: determinism", () => {
  it("gives byte-identical output for the same seed", () => {
    expect(JSON.stringify(generateDemoData({ seed: DEMO_SEED }))).toBe(JSON.stringify(data));
  });

  it("gives different prices for a different seed, with the same universe and calendar", () => {
    const other = generateDemoData({ seed: DEMO_SEED + 1 });
    expect(other.assets).toEqual(data.assets);
    expect(other.prices.map((p) => p.date)).toEqual(data.prices.map((p) => p.date));
    expect(other.prices.map((p) => p.close)).not.toEqual(data.prices.map((p) => p.close));
  });

  it("is prefix-stable: an earlier end date yields exactly the earlier rows", () => {
    const end = "2022-12-30";
    const short = generateDemoData({ endDate: end });
    expect(short.prices).toEqual(data.prices.filter((p) => p.date <= end));
    expect(short.marketCaps).toEqual(data.marketCaps.filter((m) => m.date <= end));
  });

  it("rejects an invalid seed or date range", () => {
    expect(() => generateDemoData({ seed: 1.5 })).toThrow(RangeError);
    expect(() => generateDemoData({ startDate: "2023-02-30" })).toThrow(RangeError);
    expect(() => generateDemoData({ startDate: "2024-01-02", endDate: "2023-01-02" })).toThrow(RangeError);
  });

  it("generates everything in under 500 ms", () => {
    const start = performance.now();
    generateDemoData();
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe("generateDemoData: shape", () => {
  it("has 50 investable companies in 8 sectors plus a non-investable SPY benchmark", () => {
    const companies = data.assets.filter((a) => a.investable);
    expect(companies).toHaveLength(50);
    expect(new Set(companies.map((a) => a.sector))).toEqual(new Set(SECTORS));
    for (const a of companies) expect(a.symbol).toMatch(/^[A-Z]{3,4}$/);
    expect(new Set(data.assets.map((a) => a.symbol)).size).toBe(data.assets.length);
    expect(new Set(data.assets.map((a) => a.name)).size).toBe(data.assets.length);
    expect(data.assets.filter((a) => !a.investable)).toEqual([
      { symbol: "SPY", name: "SPDR S&P 500 ETF Trust", sector: "Benchmark", investable: false },
    ]);
  });

  it("has only finite positive closes, each on a known asset", () => {
    const symbols = new Set(data.assets.map((a) => a.symbol));
    const bad = data.prices.filter((p) => !(Number.isFinite(p.close) && p.close > 0) || !symbols.has(p.symbol));
    expect(bad).toEqual([]);
    expect(data.prices.length).toBeGreaterThan(60_000);
  });

  it("lists prices date-major on weekdays that are not holidays, unique per (symbol, date)", () => {
    const dates = data.prices.map((p) => p.date);
    expect(dates.every((d, i) => i === 0 || dates[i - 1] <= d)).toBe(true);
    const distinct = [...new Set(dates)];
    expect(distinct).toEqual(demoTradingDates(DEMO_START_DATE, DEMO_END_DATE));
    expect(distinct[0]).toBe("2021-01-04");
    expect(distinct.at(-1)).toBe("2025-12-31");
    for (const d of distinct) expect([1, 2, 3, 4, 5]).toContain(weekday(d));
    for (const holiday of ["2021-07-05", "2022-04-15", "2023-11-23", "2024-12-25", "2025-01-01"]) {
      expect(DEMO_HOLIDAYS.has(holiday)).toBe(true);
      expect(distinct).not.toContain(holiday);
    }
    const keys = new Set(data.prices.map((p) => `${p.symbol}|${p.date}`));
    expect(keys.size).toBe(data.prices.length);
  });

  it("rounds closes to 4 decimals", () => {
    expect(data.prices.filter((p) => Math.round(p.close * 1e4) / 1e4 !== p.close)).toEqual([]);
  });

  it("has SPY on every trading date", () => {
    const spy = data.prices.filter((p) => p.symbol === "SPY");
    expect(spy).toHaveLength(demoTradingDates(DEMO_START_DATE, DEMO_END_DATE).length);
    expect(spy[0].close).toBe(368.79);
  });
});
