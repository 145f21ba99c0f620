import { describe, expect, it } from "vitest";
import {
  minusMonths,
  resolveNamedWindow,
  resolveWindow,
  windowStartDate,
} from "../../../../src/analytics/metrics/windows.js";

describe("windowStartDate: calendar months clamped to the month's last day", () => {
  it("1M: 03-31 → 02-29 in a leap year, 02-28 otherwise; across a year boundary", () => {
    expect(windowStartDate("2024-03-31", "ONE_MONTH")).toBe("2024-02-29");
    expect(windowStartDate("2023-03-31", "ONE_MONTH")).toBe("2023-02-28");
    expect(windowStartDate("2024-01-15", "ONE_MONTH")).toBe("2023-12-15");
    expect(windowStartDate("2024-05-31", "ONE_MONTH")).toBe("2024-04-30");
  });

  it("3M: 05-31 → 02-29; 01-31 → 10-31 of the previous year", () => {
    expect(windowStartDate("2024-05-31", "THREE_MONTHS")).toBe("2024-02-29");
    expect(windowStartDate("2024-01-31", "THREE_MONTHS")).toBe("2023-10-31");
  });

  it("1Y and 3Y from a leap day clamp to 02-28; century rules (2000 leap, 1900 not)", () => {
    expect(windowStartDate("2024-02-29", "ONE_YEAR")).toBe("2023-02-28");
    expect(windowStartDate("2028-02-29", "THREE_YEARS")).toBe("2025-02-28");
    expect(windowStartDate("2027-02-28", "THREE_YEARS")).toBe("2024-02-28");
    expect(windowStartDate("2001-02-28", "ONE_YEAR")).toBe("2000-02-28");
    expect(minusMonths("2000-03-31", 1)).toBe("2000-02-29");
    expect(minusMonths("1900-03-31", 1)).toBe("1900-02-28");
  });

  it("YTD is Dec 31 of the previous year, also on Jan 1 and Dec 31", () => {
    expect(windowStartDate("2024-06-14", "YTD")).toBe("2023-12-31");
    expect(windowStartDate("2024-01-01", "YTD")).toBe("2023-12-31");
    expect(windowStartDate("2024-12-31", "YTD")).toBe("2023-12-31");
  });

  it("ALL is null (inception); the date part of a timestamp is used; bad dates throw", () => {
    expect(windowStartDate("2024-03-31", "ALL")).toBeNull();
    expect(windowStartDate("2024-03-31T23:30:00-05:00", "ONE_MONTH")).toBe("2024-02-29");
    expect(() => windowStartDate("2023-02-29", "ONE_MONTH")).toThrow(RangeError);
    expect(() => windowStartDate("31/03/2024", "ONE_MONTH")).toThrow(RangeError);
  });
});

describe("resolveWindow: [start, end] indexes into the trading dates", () => {
  // Inception 2023-12-28; 2023-12-29 is the last trading date of 2023; 01-04 is not a trading date.
  const dates = ["2023-12-28", "2023-12-29", "2024-01-02", "2024-01-03", "2024-01-05"];

  it("end = latest trading date ≤ to; null to = the last date", () => {
    expect(resolveWindow(dates, null, null)).toEqual({ start: 0, end: 4 });
    expect(resolveWindow(dates, null, "2024-01-04")).toEqual({ start: 0, end: 3 });
    expect(resolveWindow(dates, null, "2024-01-05")).toEqual({ start: 0, end: 4 });
  });

  it("start = latest trading date ≤ from; before inception = inception", () => {
    expect(resolveWindow(dates, "2023-12-31", null)).toEqual({ start: 1, end: 4 }); // YTD start level
    expect(resolveWindow(dates, "2024-01-02", null)).toEqual({ start: 2, end: 4 });
    expect(resolveWindow(dates, "2020-01-01", null)).toEqual({ start: 0, end: 4 });
  });

  it("from and to in the same gap give one level; no trading date ≤ to gives null", () => {
    expect(resolveWindow(dates, "2024-01-04", "2024-01-04")).toEqual({ start: 3, end: 3 });
    expect(resolveWindow(dates, null, "2023-12-27")).toBeNull();
    expect(resolveWindow([], null, null)).toBeNull();
  });

  it("from > to (rejected by the caller) resolves to null rather than an inverted range", () => {
    expect(resolveWindow(dates, "2024-01-05", "2024-01-03")).toBeNull();
  });

  it("named windows start from the REQUESTED end", () => {
    expect(resolveNamedWindow(dates, "YTD", "2024-01-05")).toEqual({ start: 1, end: 4 });
    expect(resolveNamedWindow(dates, "YTD", null)).toEqual({ start: 1, end: 4 });
    // 1M before 2024-01-04 is 2023-12-04: before inception → inception; end at 01-03.
    expect(resolveNamedWindow(dates, "ONE_MONTH", "2024-01-04")).toEqual({ start: 0, end: 3 });
    expect(resolveNamedWindow(dates, "ALL", "2024-01-02")).toEqual({ start: 0, end: 2 });
    expect(resolveNamedWindow([], "ALL", null)).toBeNull();
  });
});
