import { describe, expect, it } from "vitest";
import { assertDistinctKeys, type Column } from "../../../src/index/index-output.repo.js";

const keys = (dates: (string | null)[], ids: number[]): Column[] => [
  { name: "date", type: "date", values: dates },
  { name: "asset_id", type: "int", values: ids },
];

describe("assertDistinctKeys (the recompute's diff pairs rows by key)", () => {
  it("accepts distinct keys in key order and in any other order", () => {
    expect(() => assertDistinctKeys("t", keys(["2024-01-02", "2024-01-02", "2024-01-03"], [1, 2, 1]))).not.toThrow();
    expect(() => assertDistinctKeys("t", keys(["2024-01-03", "2024-01-02", "2024-01-02"], [1, 2, 1]))).not.toThrow();
    expect(() => assertDistinctKeys("t", keys([], []))).not.toThrow();
  });

  it("refuses a repeated key, in order or not, and a null key", () => {
    expect(() => assertDistinctKeys("t", keys(["2024-01-02", "2024-01-02"], [1, 1]))).toThrow(
      "t: key (2024-01-02, 1) appears twice",
    );
    expect(() => assertDistinctKeys("t", keys(["2024-01-03", "2024-01-02", "2024-01-03"], [1, 1, 1]))).toThrow(
      /appears twice/,
    );
    expect(() => assertDistinctKeys("t", keys(["2024-01-02", null], [1, 2]))).toThrow("t: row 1 has no date");
  });
});
