import { describe, expect, it } from "vitest";
import { generateDemoData } from "../../../src/demo/demo-data.js";
import { DEMO_EVENTS } from "../../../src/demo/demo-events.js";

const data = generateDemoData();
const closes = new Map(data.prices.map((p) => [`${p.symbol}|${p.date}`, p.close]));
const quarter = (date: string) => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
const recordsOf = (symbol: string) => data.marketCaps.filter((m) => m.symbol === symbol);

describe("demo market caps", () => {
  it("has free float in (0, 1], in fact in [0.6, 1], or null (meaning 1) for PRMW only", () => {
    const floats = data.marketCaps.map((m) => m.freeFloat);
    expect(floats.filter((f) => f !== null && !(f > 0 && f <= 1))).toEqual([]);
    expect(floats.filter((f) => f !== null && f < 0.6)).toEqual([]);
    const nullSymbols = new Set(data.marketCaps.filter((m) => m.freeFloat === null).map((m) => m.symbol));
    expect([...nullSymbols]).toEqual([DEMO_EVENTS.nullFreeFloat]);
  });

  it("leaves exactly CRSL, OKFD, SMMT (and the SPY benchmark) without records", () => {
    const covered = new Set(data.marketCaps.map((m) => m.symbol));
    const missing = data.assets.map((a) => a.symbol).filter((s) => !covered.has(s));
    expect(missing.sort()).toEqual(["CRSL", "OKFD", "SMMT", "SPY"]);
  });

  it("has one record per asset per quarter, on the first date of the quarter it has a price", () => {
    const keys = data.marketCaps.map((m) => `${m.symbol}|${quarter(m.date)}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const m of data.marketCaps) expect(closes.has(`${m.symbol}|${m.date}`)).toBe(true);
    // 20 quarters for a full-history asset; the late listing gets a record on its IPO day.
    expect(
      recordsOf("NWSC")
        .map((m) => m.date)
        .slice(0, 3),
    ).toEqual(["2021-01-04", "2021-04-01", "2021-07-01"]);
    expect(recordsOf("NWSC")).toHaveLength(20);
    expect(recordsOf("TSSL")[0].date).toBe("2022-07-12");
    expect(recordsOf("ATLF").at(-1)!.date).toBe("2024-04-01");
  });

  it("sets marketCap = shares × close on the record date", () => {
    for (const m of data.marketCaps.filter((r) => r.sharesOutstanding !== null)) {
      expect(m.marketCap).toBe(m.sharesOutstanding! * closes.get(`${m.symbol}|${m.date}`)!);
    }
    const noShares = data.marketCaps.filter((m) => m.sharesOutstanding === null);
    expect(noShares.map((m) => [m.symbol, m.date])).toEqual([
      [DEMO_EVENTS.missingShares.symbol, DEMO_EVENTS.missingShares.date],
    ]);
    expect(noShares[0].marketCap).toBeGreaterThan(0);
  });

  it("keeps shares constant-ish: only buybacks, some of them, each under 2%", () => {
    let buybacks = 0;
    for (const symbol of new Set(data.marketCaps.map((m) => m.symbol))) {
      const shares = recordsOf(symbol)
        .map((m) => m.sharesOutstanding)
        .filter((s): s is number => s !== null);
      shares.slice(1).forEach((s, i) => {
        expect(s).toBeLessThanOrEqual(shares[i]);
        expect(s).toBeGreaterThanOrEqual(shares[i] * 0.98 - 1);
        if (s < shares[i]) buybacks++;
      });
    }
    expect(buybacks).toBeGreaterThan(50);
  });

  it("has plausible caps ($10M for the penny stock up to $2T) and positive integer average volumes", () => {
    for (const m of data.marketCaps) {
      expect(m.marketCap!).toBeGreaterThan(1e7);
      expect(m.marketCap!).toBeLessThan(2e12);
      expect(Number.isInteger(m.averageVolume) && m.averageVolume! > 0).toBe(true);
    }
  });
});
