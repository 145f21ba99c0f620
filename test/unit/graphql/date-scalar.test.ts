import { Kind } from "graphql";
import { describe, expect, it } from "vitest";
import { DateScalar } from "../../../src/graphql/date-scalar.js";
import { addDays, daysBetween, isIsoDate } from "../../../src/shared/dates.js";

describe("Date scalar", () => {
  it.each(["2024-02-29", "2023-12-31", "2000-02-29", "1999-01-01"])("accepts %s", (d) => {
    expect(DateScalar.parseValue(d)).toBe(d);
    expect(DateScalar.parseLiteral({ kind: Kind.STRING, value: d })).toBe(d);
    expect(DateScalar.serialize(d)).toBe(d);
  });

  it.each([
    "2023-02-29",
    "1900-02-29",
    "2024-13-01",
    "2024-04-31",
    "2024-1-01",
    "20240101",
    "2024-01-01T00:00:00Z",
    "",
    "0000-01-01",
  ])("rejects %s with BAD_USER_INPUT", (d) => {
    expect(() => DateScalar.parseValue(d)).toThrow(/YYYY-MM-DD/);
    try {
      DateScalar.parseValue(d);
    } catch (e) {
      expect((e as any).extensions.code).toBe("BAD_USER_INPUT");
    }
  });

  it("rejects non-strings", () => {
    expect(() => DateScalar.parseValue(20240101)).toThrow();
    expect(() => DateScalar.parseLiteral({ kind: Kind.INT, value: "20240101" })).toThrow();
  });

  it("does date arithmetic in UTC", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-03-31", 1)).toBe("2024-04-01");
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
  });
});
