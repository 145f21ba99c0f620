// DOMAIN §3: schedule (first trading date of each ISO week / month / quarter) and forced dates.
import { describe, expect, it } from "vitest";
import { dateKey } from "../../../../src/analytics/engine/dates.js";
import { resolveForcedDates, scheduledDates } from "../../../../src/analytics/engine/schedule.js";

const on = (dates: string[], f: "daily" | "weekly" | "monthly" | "quarterly") => {
  const s = scheduledDates(dates.map(dateKey), f);
  return dates.filter((_, i) => s[i]);
};

describe("rebalance schedule", () => {
  it("weekly: first trading date of each ISO (Monday-start) week; the calendar's first date counts", () => {
    const dates = ["2024-01-03", "2024-01-05", "2024-01-09", "2024-01-14", "2024-01-15", "2024-12-30", "2025-01-02"];
    // 2024-01-14 is a Sunday (same week as 01-09); 2024-12-30 (Mon) and 2025-01-02 share ISO week 2025-W01
    expect(on(dates, "weekly")).toEqual(["2024-01-03", "2024-01-09", "2024-01-15", "2024-12-30"]);
  });

  it("monthly and quarterly: first trading date of each calendar month / quarter", () => {
    const dates = [
      "2024-02-28",
      "2024-03-01",
      "2024-03-28",
      "2024-04-02",
      "2024-05-01",
      "2024-06-28",
      "2024-07-01",
      "2024-10-01",
      "2025-01-02",
    ];
    expect(on(dates, "monthly")).toEqual([
      "2024-02-28",
      "2024-03-01",
      "2024-04-02",
      "2024-05-01",
      "2024-06-28",
      "2024-07-01",
      "2024-10-01",
      "2025-01-02",
    ]);
    expect(on(dates, "quarterly")).toEqual(["2024-02-28", "2024-04-02", "2024-07-01", "2024-10-01", "2025-01-02"]);
  });

  it("daily: every trading date", () => {
    expect(on(["2024-01-02", "2024-01-03"], "daily")).toEqual(["2024-01-02", "2024-01-03"]);
  });
});

describe("forced rebalance dates", () => {
  it("adds the latest trading date when forced, keeps recorded ones, sorted and unique", () => {
    expect(resolveForcedDates(["2024-02-01", "2024-01-10"], true, ["2024-01-10", "2024-03-01"])).toEqual([
      "2024-01-10",
      "2024-02-01",
      "2024-03-01",
    ]);
    expect(resolveForcedDates(["2024-01-10"], false, ["2024-03-01"])).toEqual(["2024-01-10"]);
    expect(resolveForcedDates([], true, [])).toEqual([]);
  });
});
