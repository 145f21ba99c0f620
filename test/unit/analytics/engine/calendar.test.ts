// DOMAIN §1: trading calendar (half rule), benchmark exclusion, dropped dates reported.
import { describe, expect, it } from "vitest";
import { buildUniverse } from "../../../../src/analytics/engine/calendar.js";
import { defaultEngineConfig } from "../../../../src/index/engine-config.js";
import { runEngine } from "../../../../src/analytics/engine/engine.js";
import type { EngineAsset, EnginePrice } from "../../../../src/analytics/engine/types.js";

const asset = (id: number, symbol: string, investable = true): EngineAsset => ({ id, symbol, investable });
const rows = (assetId: number, dates: string[], close = 10): EnginePrice[] =>
  dates.map((date) => ({ assetId, date, close }));

describe("trading calendar", () => {
  const assets = [asset(1, "A"), asset(2, "B"), asset(3, "C"), asset(4, "D"), asset(9, "SPY")];
  const days = ["2024-01-11", "2024-01-12", "2024-01-16", "2024-01-17"];

  it("drops a holiday stray print (fewer than half the previous kept date's rows) and reports it", () => {
    const prices = [1, 2, 3, 4].flatMap((id) => rows(id, days));
    prices.push({ assetId: 2, date: "2024-01-15", close: 1000 }, { assetId: 9, date: "2024-01-15", close: 400 });
    const u = buildUniverse(assets, prices, "SPY");
    expect(u.calendar).toEqual(days);
    expect(u.dropped).toEqual([{ date: "2024-01-15", rows: 2, investableRows: 1, reason: "HALF_RULE" }]);
    // The stray print's row is ignored: B's close matrix only has the kept dates.
    expect(Array.from({ length: 4 }, (_, d) => u.close[d * 5 + 1])).toEqual([10, 10, 10, 10]);
  });

  it("keeps a date with exactly half the rows, compares with the previous KEPT date, keeps the first date", () => {
    const prices = [
      ...rows(1, ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]),
      ...rows(2, ["2024-01-02", "2024-01-03"]),
      ...rows(3, ["2024-01-02"]),
      ...rows(4, ["2024-01-02"]),
    ];
    // counts: 4, 2 (2·2 ≥ 4 kept), 1 (2·1 ≥ 2 kept), 1 (kept)
    const u = buildUniverse(assets, prices, "SPY");
    expect(u.calendar).toEqual(["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]);
    const first = buildUniverse(
      assets,
      rows(1, ["2024-01-01"]).concat([2, 3, 4].flatMap((id) => rows(id, ["2024-01-02"]))),
      "SPY",
    );
    expect(first.calendar).toEqual(["2024-01-01", "2024-01-02"]);
  });

  it(
    "never counts the benchmark (even flagged investable) or non-investables; benchmark-only dates are " + "dropped",
    () => {
      const a = [asset(1, "A"), asset(2, "B", false), asset(9, "SPY", true)];
      const prices = [
        ...rows(1, ["2024-01-02", "2024-01-04"]),
        ...rows(2, ["2024-01-03"]),
        ...rows(9, ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]),
      ];
      const u = buildUniverse(a, prices, "SPY");
      expect(u.calendar).toEqual(["2024-01-02", "2024-01-04"]);
      expect(u.inUniverse).toEqual(new Uint8Array([1, 0, 0]));
      expect(u.dropped.map((x) => [x.date, x.reason, x.rows])).toEqual([
        ["2024-01-03", "NO_INVESTABLE_ROWS", 2],
        ["2024-01-05", "NO_INVESTABLE_ROWS", 1],
      ]);
    },
  );

  it("reports dropped dates as DATE_DROPPED events through runEngine", () => {
    const prices = [1, 2, 3, 4].flatMap((id) => rows(id, days));
    prices.push({ assetId: 2, date: "2024-01-15", close: 1000 });
    const res = runEngine({ assets, prices, marketCaps: [], config: defaultEngineConfig() });
    expect(res.droppedDates.map((x) => x.date)).toEqual(["2024-01-15"]);
    expect(res.events.filter((e) => e.type === "DATE_DROPPED")).toEqual([
      { date: "2024-01-15", type: "DATE_DROPPED", detail: "HALF_RULE:1" },
    ]);
  });

  it("treats a timestamp's date part as the date", () => {
    const u = buildUniverse(
      [asset(1, "A")],
      [
        { assetId: 1, date: "2024-01-02T00:00:00Z", close: 5 },
        { assetId: 1, date: "2024-01-03", close: 6 },
      ],
      null,
    );
    expect(u.calendar).toEqual(["2024-01-02", "2024-01-03"]);
  });
});
