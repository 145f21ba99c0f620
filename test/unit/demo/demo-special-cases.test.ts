import { describe, expect, it } from "vitest";
import { generateDemoData } from "../../../src/demo/demo-data.js";
import { DEMO_EVENTS } from "../../../src/demo/demo-events.js";

const data = generateDemoData();
const calendar = [...new Set(data.prices.map((p) => p.date))];
const position = new Map(calendar.map((d, i) => [d, i]));

const byDate = new Map<string, Map<string, number>>(calendar.map((d) => [d, new Map()]));
for (const p of data.prices) byDate.get(p.date)!.set(p.symbol, p.close);

function series(symbol: string): { date: string; close: number }[] {
  return data.prices.filter((p) => p.symbol === symbol);
}

/** Lengths (in trading dates) of the holes between an asset's consecutive price rows. */
function gapLengths(symbol: string): number[] {
  const rows = series(symbol);
  return rows
    .slice(1)
    .map((r, i) => position.get(r.date)! - position.get(rows[i].date)! - 1)
    .filter((g) => g > 0);
}

/** close(date) / close(previous trading date) − 1, for assets priced on both dates. */
function crossSection(date: string): number[] {
  const prev = calendar[position.get(date)! - 1];
  const [today, before] = [byDate.get(date)!, byDate.get(prev)!];
  const investable = data.assets.filter((a) => a.investable).map((a) => a.symbol);
  return investable.filter((s) => today.has(s) && before.has(s)).map((s) => today.get(s)! / before.get(s)! - 1);
}

describe("demo special cases", () => {
  it("lists TSSL late, on 2022-07-12, while the others start on 2021-01-04", () => {
    expect(series("TSSL")[0].date).toBe("2022-07-12");
    expect(series("NWSC")[0].date).toBe("2021-01-04");
  });

  it("delists ATLF after 2024-06-28", () => {
    expect(series("ATLF").at(-1)!.date).toBe("2024-06-28");
    expect(series("NWSC").at(-1)!.date).toBe("2025-12-31");
  });

  it("gives HLCN and KSTL gaps of 1–5 trading dates, some longer than 2, and no one else gaps", () => {
    expect(gapLengths("HLCN")).toEqual([1, 4]);
    expect(gapLengths("KSTL")).toEqual([2, 3]);
    for (const a of data.assets) {
      if (a.symbol !== "HLCN" && a.symbol !== "KSTL") expect(gapLengths(a.symbol)).toEqual([]);
    }
  });

  it("has LBX trade below $1 for a long stretch, starting and ending above $1", () => {
    const closes = series("LBX").map((r) => r.close);
    let run = 0;
    let longest = 0;
    for (const c of closes) {
      run = c < 1 ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    expect(longest).toBeGreaterThan(60);
    expect(closes[0]).toBeGreaterThan(1);
    expect(closes.at(-1)!).toBeGreaterThan(1);
    expect(Math.min(...closes)).toBeGreaterThan(0.1);
  });

  it("has one implausible MTRX spike on 2024-08-14 that reverses the next day", () => {
    const rows = series("MTRX");
    const i = rows.findIndex((r) => r.date === DEMO_EVENTS.spike.date);
    expect(rows[i].close / rows[i - 1].close - 1).toBeGreaterThan(1);
    expect(Math.abs(rows[i + 1].close / rows[i - 1].close - 1)).toBeLessThan(0.15);
    // It is the only such jump in the data set.
    for (const a of data.assets) {
      const c = series(a.symbol).map((r) => r.close);
      const jumps = c.slice(1).filter((x, k) => x / c[k] - 1 > 0.5);
      expect(jumps.length).toBe(a.symbol === "MTRX" ? 1 : 0);
    }
  });

  it("has a market-wide crash on 2023-03-13 (mean return ≤ −8%, SPY too)", () => {
    const returns = crossSection("2023-03-13");
    expect(returns.length).toBeGreaterThanOrEqual(49);
    expect(returns.reduce((s, r) => s + r, 0) / returns.length).toBeLessThanOrEqual(-0.08);
    expect(returns.filter((r) => r < 0).length).toBeGreaterThan(45);
    const spy = series("SPY");
    const k = spy.findIndex((r) => r.date === "2023-03-13");
    expect(spy[k].close / spy[k - 1].close - 1).toBeLessThanOrEqual(-0.08);
  });

  it("has no other day with a cross-sectional mean return below −5%", () => {
    const worst = calendar.slice(1).filter((d) => {
      const r = crossSection(d);
      return r.reduce((s, x) => s + x, 0) / r.length < -0.05;
    });
    expect(worst).toEqual(["2023-03-13"]);
  });
});
