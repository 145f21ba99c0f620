import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AnalyzeReturnsDocument,
  IndexAnalysisDocument,
  IndexReportsDocument,
  WindowMetricsDocument,
} from "../../generated/graphql.js";
import { ENGINE } from "../../helpers/db.js";
import { startTestServer, type TestServer } from "../../helpers/http.js";
import { request } from "../../helpers/typed.js";
import { recomputeIndex, seedDemoData } from "../../helpers/services.js";

describe(`analytics queries over HTTP (${ENGINE})`, () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await seedDemoData(s.db);
    await recomputeIndex(s.db);
  });
  afterAll(() => s?.close());

  it("answers on-demand and stored metrics with typed operations", async () => {
    const all = await request(s, WindowMetricsDocument, {});
    expect(all.riskMetrics!.startDate < "2021-07-01").toBe(true); // inception, after the 60-day lookback
    expect(all.riskMetrics?.totalReturn).toBeCloseTo(all.riskMetricsHistory[0].totalReturn!, 12);
    expect(all.riskMetrics?.conventions).toMatchObject({
      periodsPerYear: 252,
      ddof: 1,
      varMethod: "TYPE_7_QUANTILE",
      units: "DECIMAL",
      benchmarkSymbol: "SPY",
    });
    expect(all.riskMetrics?.endDate).toBe("2025-12-31");
    const q1 = await request(s, WindowMetricsDocument, { to: "2024-05-31" });
    expect(q1.threeMonths).toMatchObject({ startDate: "2024-02-29", endDate: "2024-05-31" });
    expect(q1.riskMetrics?.startDate).toBe(all.riskMetrics?.startDate);
    const ytd = await request(s, WindowMetricsDocument, { to: "2024-05-31", window: "YTD" });
    expect(ytd.named).toEqual({ window: "YTD", startDate: "2023-12-29" });
  });

  it("analyses a caller's returns without the database", async () => {
    const data = await request(s, AnalyzeReturnsDocument, { returns: [0.1, null, -0.1], periodsPerYear: 12 });
    expect(data.analyzeReturns).toMatchObject({
      observations: 2,
      pairedObservations: 0,
      conventions: { periodsPerYear: 12, riskFreeRate: 0 },
    });
    expect(data.analyzeReturns?.totalReturn).toBeCloseTo(-0.01, 15);
  });

  it("answers holdings, comparison, simulation and alerts in one request", async () => {
    const data = await request(s, IndexAnalysisDocument, {
      date: "2023-03-13",
      from: "2023-03-01",
      to: "2023-03-31",
      amount: 1000,
    });
    const h = data.holdings!;
    expect(h.date).toBe("2023-03-13");
    expect(h.positions.reduce((x, p) => x + p.weight, h.cashWeight)).toBeCloseTo(1, 12);
    expect(data.benchmarkComparison).toMatchObject({
      benchmarkSymbol: "SPY",
      available: true,
      startDate: "2023-03-01",
      endDate: "2023-03-31",
    });
    expect(data.benchmarkComparison?.series[0]).toEqual({ date: "2023-03-01", index: 100, benchmark: 100 });
    const sim = data.simulateInvestment!;
    expect(sim.path[0]).toEqual({ date: "2023-03-01", value: 1000 });
    expect(sim.finalValue).toBe(sim.path.at(-1)!.value);
    const crash = data.alerts.find((a) => a.date === "2023-03-13");
    expect(crash?.dailyReturn).toBeLessThan(-0.07);
    const level = (d: string) => sim.path.find((p) => p.date === d)!.value;
    expect(crash!.dailyReturn).toBeCloseTo(level("2023-03-13") / level("2023-03-10") - 1, 12);
  });

  it("reports events, rebalances and data quality", async () => {
    const data = await request(s, IndexReportsDocument, {
      from: "2023-05-01",
      to: "2023-05-31",
      symbols: ["HLCN"],
      types: ["FORCED_SALE"],
    });
    expect(data.indexEvents).toEqual([
      {
        date: "2023-05-18",
        type: "FORCED_SALE",
        reason: "REDISTRIBUTED",
        droppedRows: null,
        detail: "REDISTRIBUTED",
        value: null,
        asset: { symbol: "HLCN" },
      },
    ]);
    expect(data.rebalances.length).toBeGreaterThanOrEqual(4);
    for (const r of data.rebalances) expect(r.allocations.reduce((x, a) => x + a.weight, 0)).toBeCloseTo(1, 9);
    expect(data.dataQuality.rows.map((r) => [r.date, r.asset.symbol, r.stale])).toEqual([
      ["2023-05-16", "HLCN", true],
      ["2023-05-17", "HLCN", true],
    ]);
    expect(data.dataQuality).toMatchObject({ truncated: false, summary: { stale: 2, rows: 2, assetsAffected: 1 } });
  });

  it("names the field of every rejected argument", async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ["query($r: [Float]!) { analyzeReturns(returns: $r) { observations } }", { r: [0.1, -2] }, "returns"],
      [
        "query($r: [Float]!, $b: [Float]) { analyzeReturns(returns: $r, benchmarkReturns: $b) { observations } }",
        { r: [0.1], b: [] },
        "benchmarkReturns",
      ],
      [
        "query($r: [Float]!) { analyzeReturns(returns: $r, periodsPerYear: 0) { observations } }",
        { r: [0.1] },
        "periodsPerYear",
      ],
      ["{ simulateInvestment(amount: -1) { roi } }", {}, "amount"],
      ['{ riskMetrics(window: ALL, from: "2024-01-01") { totalReturn } }', {}, "window"],
      ['{ riskMetrics(from: "2024-02-01", to: "2024-01-01") { totalReturn } }', {}, "from"],
      ['{ dataQuality(symbols: ["NOPE"]) { truncated } }', {}, "symbols"],
    ];
    for (const [query, variables, field] of cases) {
      const res = await s.post(query, variables);
      expect(res.body.errors?.[0]?.extensions, field).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
  });

  it("refuses a value outside an enum argument in GraphQL validation, with a stable code", async () => {
    const literal = await s.post("{ indexEvents(types: [BOGUS]) { date } }");
    expect(literal.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(literal.body.errors[0].message).toMatch(/IndexEventType/);
    const variable = await s.post("query($t: [IndexEventType!]) { indexEvents(types: $t) { date } }", { t: ["BOGUS"] });
    expect(variable.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(variable.body.errors[0].message).toMatch(/"BOGUS" does not exist in "IndexEventType" enum/);
  });
});
