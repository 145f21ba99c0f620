import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINE, type TestApp } from "../../helpers/db.js";
import { demoApp, failure, gql, levels } from "./setup.js";

const DQ = `query($from: Date, $to: Date, $symbols: [String!], $flags: [DataQualityFlagKind!], $first: Int) {
  dataQuality(from: $from, to: $to, symbols: $symbols, flags: $flags, first: $first) {
    summary { belowMinPrice stale clipped outlier assetsAffected rows } truncated
    rows { asset { symbol } date belowMinPrice stale clipped outlier return }
  }
}`;
const CMP = `query($from: Date, $to: Date) { benchmarkComparison(from: $from, to: $to) {
  benchmarkSymbol available reason startDate endDate benchmarkMissingDates series { date index benchmark }
  index { totalReturn volatility betaSp500 trackingError observations pairedObservations }
  benchmark { totalReturn volatility observations maxDrawdown }
  active { excessReturn trackingError informationRatio beta correlation pairedObservations }
} }`;
const SIM = `query($amount: Float!, $from: Date, $to: Date) {
  simulateInvestment(amount: $amount, from: $from, to: $to) {
  amount startDate endDate finalValue profit roi annualizedReturn maxDrawdown path { date value } } }`;

describe(`dataQuality, benchmarkComparison, simulateInvestment (${ENGINE})`, () => {
  let t: TestApp;
  let lv: Awaited<ReturnType<typeof levels>>;
  beforeAll(async () => {
    t = await demoApp();
    lv = await levels(t);
  });
  afterAll(() => t?.close());

  it("flags LBX below the minimum price, HLCN stale, the MTRX spike clipped", async () => {
    const lbx = (
      await gql(t, DQ, {
        symbols: ["lbx"],
        flags: ["BELOW_MIN_PRICE"],
        from: "2023-01-01",
        to: "2023-06-30",
        first: 500,
      })
    ).dataQuality;
    expect(lbx.summary.belowMinPrice).toBeGreaterThan(100);
    expect(lbx.summary).toMatchObject({ assetsAffected: 1, rows: lbx.rows.length });
    expect(lbx.rows.every((r: any) => r.asset.symbol === "LBX" && r.belowMinPrice)).toBe(true);
    const hlcn = (await gql(t, DQ, { symbols: ["HLCN"], from: "2023-05-10", to: "2023-05-31" })).dataQuality;
    expect(hlcn.rows.filter((r: any) => r.stale).map((r: any) => r.date)).toEqual(["2023-05-16", "2023-05-17"]);
    expect(hlcn.rows.find((r: any) => r.date === "2023-05-16").return).toBe(0);
    const mtrx = (await gql(t, DQ, { symbols: ["MTRX"], from: "2024-08-14", to: "2024-08-14" })).dataQuality;
    expect(mtrx.rows).toHaveLength(1);
    expect(mtrx.rows[0].clipped || mtrx.rows[0].outlier).toBe(true);
    expect(mtrx.rows[0].return).toBeGreaterThan(0.5);
  });

  it("summarises every matching row and says when the page is truncated", async () => {
    const all = (await gql(t, DQ, { first: 3 })).dataQuality;
    expect(all.rows).toHaveLength(3);
    expect(all.truncated).toBe(true);
    const s = all.summary;
    expect(s.rows).toBeGreaterThan(3);
    expect(s.belowMinPrice + s.stale + s.clipped + s.outlier).toBeGreaterThanOrEqual(s.rows);
    const stale = (await gql(t, DQ, { flags: ["STALE"], first: 500 })).dataQuality;
    expect(stale.summary.rows).toBe(s.stale);
    expect(stale.truncated).toBe(false);
    expect(stale.rows.every((r: any) => r.stale)).toBe(true);
    const dates = stale.rows.map((r: any) => r.date);
    expect(dates).toEqual([...dates].sort());
  });

  it("rejects an unknown symbol and a page above the limit, naming the field", async () => {
    expect(await failure(t, DQ, { symbols: ["NOPE"] })).toMatchObject({ code: "BAD_USER_INPUT", field: "symbols" });
    expect(await failure(t, DQ, { first: 501 })).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    expect(await failure(t, DQ, { from: "2024-01-02", to: "2024-01-01" })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "from",
    });
  });

  it("compares the index with SPY rebased to 100 at the common start", async () => {
    const c = (await gql(t, CMP, { from: "2024-01-01", to: "2024-12-31" })).benchmarkComparison;
    expect(c).toMatchObject({
      benchmarkSymbol: "SPY",
      available: true,
      reason: null,
      startDate: "2023-12-29",
      endDate: "2024-12-31",
      benchmarkMissingDates: 0,
    });
    expect(c.series[0]).toEqual({ date: "2023-12-29", index: 100, benchmark: 100 });
    const s = lv.get(c.startDate)!;
    for (const p of c.series) {
      expect(p.index).toBeCloseTo((100 * lv.get(p.date)!.value) / s.value, 10);
      expect(p.benchmark).toBeCloseTo((100 * lv.get(p.date)!.bench!) / s.bench!, 10);
    }
    const last = c.series.at(-1);
    expect(c.index.totalReturn).toBeCloseTo(last.index / 100 - 1, 12);
    expect(c.benchmark.totalReturn).toBeCloseTo(last.benchmark / 100 - 1, 12);
    expect(c.active.excessReturn).toBeCloseTo(c.index.totalReturn - c.benchmark.totalReturn, 15);
    expect(c.active).toMatchObject({
      trackingError: c.index.trackingError,
      beta: c.index.betaSp500,
      pairedObservations: c.series.length - 1,
    });
    expect(c.active.correlation).toBeGreaterThan(0.3);
    const m = (await gql(t, `{ riskMetrics(from: "2024-01-01", to: "2024-12-31") { betaSp500 } }`)).riskMetrics;
    expect(m.betaSp500).toBe(c.active.beta);
    expect(await failure(t, CMP, { from: "2024-02-01", to: "2024-01-01" })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "from",
    });
  });

  it("simulates an investment as amount · V_t / V_start", async () => {
    const sim = (await gql(t, SIM, { amount: 10_000, from: "2023-03-10", to: "2023-03-14" })).simulateInvestment;
    const v = (d: string) => lv.get(d)!.value;
    expect(sim).toMatchObject({ amount: 10_000, startDate: "2023-03-10", endDate: "2023-03-14" });
    expect(sim.path.map((p: any) => p.date)).toEqual(["2023-03-10", "2023-03-13", "2023-03-14"]);
    expect(sim.path[0].value).toBe(10_000);
    expect(sim.finalValue).toBeCloseTo((10_000 * v("2023-03-14")) / v("2023-03-10"), 9);
    expect(sim.profit).toBeCloseTo(sim.finalValue - 10_000, 9);
    expect(sim.roi).toBeCloseTo(sim.finalValue / 10_000 - 1, 12);
    expect(sim.maxDrawdown).toBeCloseTo(
      Math.min(
        0,
        v("2023-03-13") / v("2023-03-10") - 1,
        v("2023-03-14") / Math.max(v("2023-03-10"), v("2023-03-13")) - 1,
      ),
      12,
    );
    const whole = (await gql(t, SIM, { amount: 1 })).simulateInvestment;
    expect(whole.path).toHaveLength(lv.size);
    expect((await gql(t, SIM, { amount: 5, to: "2020-01-01" })).simulateInvestment).toBeNull();
  });

  it("rejects a non-positive amount naming amount", async () => {
    for (const amount of [0, -5])
      expect(await failure(t, SIM, { amount })).toMatchObject({ code: "BAD_USER_INPUT", field: "amount" });
    expect(await failure(t, SIM, { amount: 1, from: "2024-02-01", to: "2024-01-01" })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "from",
    });
  });

  it("explains a comparison without a benchmark", async () => {
    // The last test of the file: it removes the benchmark's closes of December 2025.
    await t.db.updateTable("index_values").set({ benchmark_close: null }).where("date", ">=", "2025-12-01").execute();
    const c = (await gql(t, CMP, { from: "2025-12-01" })).benchmarkComparison;
    expect(c).toMatchObject({ available: false, benchmark: null, active: null, startDate: "2025-12-01" });
    expect(c.reason).toBe("NO_CLOSES_IN_WINDOW");
    expect(c.series[0]).toEqual({ date: "2025-12-01", index: 100, benchmark: null });
    // With a gap the benchmark's series carries its last known close, and its total return is
    // that series' last/first − 1.
    const gappy = (await gql(t, CMP, { from: "2025-11-03" })).benchmarkComparison;
    expect(gappy.available).toBe(true);
    const december = gappy.series.filter((p: any) => p.date >= "2025-12-01");
    expect(gappy.benchmarkMissingDates).toBe(december.length);
    expect(gappy.benchmarkMissingDates).toBeGreaterThan(10);
    expect(new Set(december.map((p: any) => p.benchmark)).size).toBe(1); // November's last close, carried
    expect(gappy.benchmark.observations).toBe(gappy.series.length - 1);
    expect(gappy.benchmark.totalReturn).toBeCloseTo(gappy.series.at(-1).benchmark / gappy.series[0].benchmark - 1, 12);
  });
});
