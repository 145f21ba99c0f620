import { describe, expect, it } from "vitest";
import { analyzeReturns, MAX_ANALYZE_RETURNS } from "../../../src/risk/analyze-returns.js";

const args = (over: Partial<Parameters<typeof analyzeReturns>[0]> = {}) => ({
  returns: [0.1, null, -0.1] as (number | null)[],
  benchmarkReturns: null,
  periodsPerYear: 252,
  riskFreeRate: 0,
  ...over,
});
const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { extensions: { code: string; field: string } }).extensions;
  }
  throw new Error("did not throw");
};

describe("analyzeReturns", () => {
  it("skips missing observations and reports the conventions", () => {
    const r = analyzeReturns(args());
    expect(r).toMatchObject({ observations: 2, pairedObservations: 0, dailyReturn: -0.1 });
    expect(r.totalReturn).toBeCloseTo(-0.01, 15);
    expect(r.maxDrawdown).toBeCloseTo(-0.1, 15);
    expect(r.conventions).toMatchObject({
      periodsPerYear: 252,
      riskFreeRate: 0,
      ddof: 1,
      units: "DECIMAL",
      benchmarkSymbol: null,
    });
  });

  it("pairs benchmark returns by position and uses the caller's periods per year", () => {
    const r = analyzeReturns(
      args({ returns: [0.01, 0.02, -0.01, 0.03], benchmarkReturns: [0.02, 0.04, -0.02, null], periodsPerYear: 12 }),
    );
    expect(r.pairedObservations).toBe(3);
    expect(r.betaSp500).toBeCloseTo(0.5, 12);
    expect(r.correlationSp500).toBeCloseTo(1, 12);
    expect(r.annualizedReturn).toBeCloseTo((1.01 * 1.02 * 0.99 * 1.03) ** 3 - 1, 12);
  });

  it("accepts a total loss (−1) and rejects anything below it", () => {
    expect(analyzeReturns(args({ returns: [0.1, -1] })).totalReturn).toBe(-1);
    expect(fieldOf(() => analyzeReturns(args({ returns: [0.1, -1.5] })))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "returns",
    });
    expect(fieldOf(() => analyzeReturns(args({ returns: [Number.NaN] })))).toMatchObject({ field: "returns" });
  });

  it("names each invalid argument", () => {
    expect(fieldOf(() => analyzeReturns(args({ benchmarkReturns: [0.1] })))).toMatchObject({
      field: "benchmarkReturns",
    });
    expect(fieldOf(() => analyzeReturns(args({ benchmarkReturns: [0.1, null, -2] })))).toMatchObject({
      field: "benchmarkReturns",
    });
    expect(fieldOf(() => analyzeReturns(args({ periodsPerYear: 0 })))).toMatchObject({ field: "periodsPerYear" });
    expect(fieldOf(() => analyzeReturns(args({ periodsPerYear: 10_001 })))).toMatchObject({ field: "periodsPerYear" });
    expect(fieldOf(() => analyzeReturns(args({ riskFreeRate: Number.POSITIVE_INFINITY })))).toMatchObject({
      field: "riskFreeRate",
    });
    const tooMany = new Array<number>(MAX_ANALYZE_RETURNS + 1).fill(0.001);
    expect(fieldOf(() => analyzeReturns(args({ returns: tooMany })))).toMatchObject({ field: "returns" });
    expect(analyzeReturns(args({ returns: tooMany.slice(1) })).observations).toBe(MAX_ANALYZE_RETURNS);
  });

  it("gives null metrics for an empty series", () => {
    const r = analyzeReturns(args({ returns: [] }));
    expect(r).toMatchObject({ observations: 0, totalReturn: null, volatility: null, var95: null });
  });
});
