import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINE, type TestApp } from "../../helpers/db.js";
import { demoApp, failure, gql, levels } from "./setup.js";

const FIELDS = `totalReturn annualizedReturn dailyReturn volatility sharpeRatio sortinoRatio maxDrawdown currentDrawdown
  var95 var99 betaSp500 correlationSp500 trackingError informationRatio`;
const Q = `query($window: MetricWindow, $from: Date, $to: Date) {
  riskMetrics(window: $window, from: $from, to: $to) {
    window startDate endDate observations pairedObservations downsideDeviation calmarRatio ${FIELDS}
    conventions { periodsPerYear riskFreeRate ddof varMethod varSign drawdownSign units benchmarkSymbol }
  }
}`;

describe(`riskMetrics on demand (${ENGINE})`, () => {
  let t: TestApp;
  let dates: string[];
  let lv: Awaited<ReturnType<typeof levels>>;
  beforeAll(async () => {
    t = await demoApp();
    lv = await levels(t);
    dates = [...lv.keys()];
  });
  afterAll(() => t?.close());
  const lastDateOnOrBefore = (d: string) => dates.filter((x) => x <= d).at(-1)!;

  it("ALL (the default) equals the latest stored row field by field", async () => {
    const data = await gql(
      t,
      `{ riskMetricsHistory { date ${FIELDS} } riskMetrics { window startDate endDate observations ${FIELDS} } }`,
    );
    const stored = data.riskMetricsHistory[0];
    const live = data.riskMetrics;
    expect(live).toMatchObject({
      window: "ALL",
      startDate: dates[0],
      endDate: stored.date,
      observations: dates.length - 1,
    });
    for (const f of FIELDS.split(/\s+/)) {
      expect(stored[f], f).not.toBeNull();
      expect(Math.abs(live[f] - stored[f]), f).toBeLessThanOrEqual(1e-12);
    }
  });

  it("reports its conventions", async () => {
    const m = (await gql(t, Q, { window: "ALL" })).riskMetrics;
    expect(m.conventions).toEqual({
      periodsPerYear: 252,
      riskFreeRate: 0,
      ddof: 1,
      varMethod: "TYPE_7_QUANTILE",
      varSign: "LOSS_IS_NEGATIVE",
      drawdownSign: "NON_POSITIVE",
      units: "DECIMAL",
      benchmarkSymbol: "SPY",
    });
    expect(m.maxDrawdown).toBeLessThan(0);
    expect(m.calmarRatio).toBeCloseTo(m.annualizedReturn / -m.maxDrawdown, 12);
  });

  it("ONE_MONTH ending on a month end clamps to the shorter month (2024-03-31 → 2024-02-29)", async () => {
    const m = (await gql(t, Q, { window: "ONE_MONTH", to: "2024-03-31" })).riskMetrics;
    expect(m.window).toBe("ONE_MONTH");
    expect(m.endDate).toBe(lastDateOnOrBefore("2024-03-31"));
    expect(m.startDate).toBe("2024-02-29");
    const n = dates.filter((d) => d > "2024-02-29" && d <= m.endDate).length;
    expect(m.observations).toBe(n);
    expect(m.totalReturn).toBeCloseTo(lv.get(m.endDate)!.value / lv.get("2024-02-29")!.value - 1, 13);
  });

  it(
    "ONE_MONTH by default ends at the latest date and starts at the level of the latest date ≤ one month " + "before",
    async () => {
      const m = (await gql(t, Q, { window: "ONE_MONTH" })).riskMetrics;
      expect(m.endDate).toBe("2025-12-31");
      expect(m.startDate).toBe(lastDateOnOrBefore("2025-11-30"));
      expect(m.startDate).toBe("2025-11-28");
    },
  );

  it("YTD starts at the previous year's last trading date", async () => {
    const m = (await gql(t, Q, { window: "YTD", to: "2024-06-14" })).riskMetrics;
    expect(m.startDate).toBe(lastDateOnOrBefore("2023-12-31"));
    expect(m.startDate.slice(0, 4)).toBe("2023");
    expect(m.endDate).toBe("2024-06-14");
    expect(m.totalReturn).toBeCloseTo(lv.get("2024-06-14")!.value / lv.get(m.startDate)!.value - 1, 13);
  });

  it("takes an explicit from/to over the crash", async () => {
    const m = (await gql(t, Q, { from: "2023-03-10", to: "2023-03-14" })).riskMetrics;
    expect(m).toMatchObject({
      window: null,
      startDate: "2023-03-10",
      endDate: "2023-03-14",
      observations: 2,
      pairedObservations: 2,
    });
    expect(m.totalReturn).toBeCloseTo(lv.get("2023-03-14")!.value / lv.get("2023-03-10")!.value - 1, 13);
    expect(m.var99).toBeLessThan(-0.07);
  });

  it("starts at inception for a start before it, and is null for an end before it", async () => {
    const early = (await gql(t, Q, { from: "2000-01-01", to: "2021-06-30" })).riskMetrics;
    expect(early.startDate).toBe(dates[0]);
    expect((await gql(t, Q, { window: "THREE_YEARS", to: "2021-06-30" })).riskMetrics.startDate).toBe(dates[0]);
    expect((await gql(t, Q, { to: "2000-01-01" })).riskMetrics).toBeNull();
  });

  it("rejects from > to naming from, and a window with from naming window", async () => {
    expect(await failure(t, Q, { from: "2024-02-01", to: "2024-01-01" })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "from",
    });
    expect(await failure(t, Q, { window: "YTD", from: "2024-01-01" })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "window",
    });
  });
});
