import { describe, expect, it } from "vitest";
import { generateDemoData } from "../../../src/demo/demo-data.js";
import { DEMO_EVENTS } from "../../../src/demo/demo-events.js";

const data = generateDemoData();
const calendar = [...new Set(data.prices.map((p) => p.date))];
const position = new Map(calendar.map((d, i) => [d, i]));

/** Daily simple returns per symbol, indexed by trading date; NaN where undefined. */
function returnsOf(symbol: string): Float64Array {
  const closes = new Float64Array(calendar.length).fill(NaN);
  for (const p of data.prices) if (p.symbol === symbol) closes[position.get(p.date)!] = p.close;
  return closes.map((c, t) => (t === 0 ? NaN : c / closes[t - 1] - 1));
}

/** Pearson correlation over the dates where both series are defined. */
function correlation(a: Float64Array, b: Float64Array): number {
  const idx = [...a.keys()].filter((t) => !Number.isNaN(a[t]) && !Number.isNaN(b[t]));
  const mean = (x: Float64Array) => idx.reduce((s, t) => s + x[t], 0) / idx.length;
  const [ma, mb] = [mean(a), mean(b)];
  let [sab, saa, sbb] = [0, 0, 0];
  for (const t of idx) {
    sab += (a[t] - ma) * (b[t] - mb);
    saa += (a[t] - ma) ** 2;
    sbb += (b[t] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

function stdev(x: Float64Array): number {
  const v = [...x].filter((r) => !Number.isNaN(r));
  const m = v.reduce((s, r) => s + r, 0) / v.length;
  return Math.sqrt(v.reduce((s, r) => s + (r - m) ** 2, 0) / (v.length - 1));
}

// The bad print (MTRX) and the anchored penny stock (LBX) would only blur the factor structure.
const companies = data.assets.filter(
  (a) => a.investable && a.symbol !== DEMO_EVENTS.spike.symbol && a.symbol !== DEMO_EVENTS.penny.symbol,
);
const returns = new Map(companies.map((a) => [a.symbol, returnsOf(a.symbol)]));

describe("demo returns", () => {
  it("correlate more within a sector than across sectors", () => {
    const within: number[] = [];
    const across: number[] = [];
    companies.forEach((a, i) => {
      for (const b of companies.slice(i + 1)) {
        const rho = correlation(returns.get(a.symbol)!, returns.get(b.symbol)!);
        (a.sector === b.sector ? within : across).push(rho);
      }
    });
    const mean = (x: number[]) => x.reduce((s, r) => s + r, 0) / x.length;
    expect(mean(across)).toBeGreaterThan(0);
    expect(mean(within)).toBeGreaterThan(mean(across) + 0.1);
  });

  it("have daily volatility of about 1–3% for every regular company", () => {
    for (const a of companies) {
      const vol = stdev(returns.get(a.symbol)!);
      expect(vol, a.symbol).toBeGreaterThan(0.008);
      expect(vol, a.symbol).toBeLessThan(0.035);
    }
  });

  it("let SPY track the cap-weighted market closely (correlation with the equal-weighted mean > 0.9)", () => {
    const spy = returnsOf("SPY");
    const equal = spy.map((_, t) => {
      const rs = [...returns.values()].map((r) => r[t]).filter((r) => !Number.isNaN(r));
      return rs.length ? rs.reduce((s, r) => s + r, 0) / rs.length : NaN;
    });
    expect(correlation(spy, equal)).toBeGreaterThan(0.9);
  });
});
