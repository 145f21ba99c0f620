import { describe, expect, it } from "vitest";
import { addDays, dateOfDay, daysBetween, daysInMonth, isIsoDate } from "../../../src/shared/dates.js";

describe("calendar dates", () => {
  it("decodes day numbers exactly like Date arithmetic, 0001-01-01..9999-12-31", () => {
    const first = daysBetween("1970-01-01", "0001-01-01");
    const last = daysBetween("1970-01-01", "9999-12-31");
    expect(dateOfDay(first)).toBe("0001-01-01");
    expect(dateOfDay(last)).toBe("9999-12-31");
    for (let day = first; day <= last; day += 997) expect(dateOfDay(day)).toBe(addDays("1970-01-01", day));
    for (let day = -800; day <= 30_000; day++) expect(dateOfDay(day)).toBe(addDays("1970-01-01", day));
  });

  it("checks dates by their calendar", () => {
    expect(dateOfDay(0)).toBe("1970-01-01");
    expect(dateOfDay(19_783)).toBe("2024-03-01");
    for (const ok of ["2024-02-29", "2000-02-29", "0004-02-29", "9999-12-31", "0001-01-01", "2023-04-30"])
      expect(isIsoDate(ok)).toBe(true);
    for (const bad of [
      "2023-02-29",
      "1900-02-29",
      "0100-02-29",
      "2024-04-31",
      "2024-00-10",
      "2024-01-00",
      "0000-01-01",
      "2024-1-01",
      "2024-01-0a",
      "2024/01/01",
      " 2024-01-01",
    ])
      expect(isIsoDate(bad)).toBe(false);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2024, m))).toEqual([
      31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2100, 2)).toBe(28);
  });
});
