import { describe, expect, it } from "vitest";
import { estimatedDailyRows, OPEN_RANGE_ROWS } from "../../../src/graphql/complexity.js";
import { decodeCursor, encodeCursor, pageSize, toConnection } from "../../../src/graphql/pagination.js";

describe("cursors and pages", () => {
  it("round-trips opaque cursors and refuses another list's cursor", () => {
    const c = encodeCursor("asset", "BRK.B");
    expect(c).not.toContain("BRK");
    expect(decodeCursor("asset", c)).toBe("BRK.B");
    expect(() => decodeCursor("user", c)).toThrow(/invalid cursor/);
  });

  it("bounds the page size", () => {
    expect(pageSize(undefined, 50, 500)).toBe(50);
    expect(pageSize(500, 50, 500)).toBe(500);
    expect(() => pageSize(501, 50, 500)).toThrow(/between 0 and 500/);
    expect(() => pageSize(-1, 50, 500)).toThrow();
  });

  it("answers hasNextPage from one extra row", () => {
    const conn = toConnection([1, 2, 3], 2, String, 10, false);
    expect(conn.edges.map((e) => e.node)).toEqual([1, 2]);
    expect(conn.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: "1", endCursor: "2" });
    expect(toConnection([1], 2, String, 1, true).pageInfo.hasNextPage).toBe(false);
  });
});

describe("cost estimates", () => {
  it("weights a daily series by its trading days", () => {
    expect(estimatedDailyRows("2024-01-01", "2024-12-31")).toBe(Math.ceil((365 * 252) / 365) + 1);
    expect(estimatedDailyRows("2024-01-02", "2024-01-02")).toBe(1);
    expect(estimatedDailyRows(null, "2024-01-01")).toBe(OPEN_RANGE_ROWS);
    expect(estimatedDailyRows("2024-02-01", "2024-01-01")).toBe(1);
  });
});
