import { describe, expect, it } from "vitest";
import { assetSpec } from "../../../src/ingest/asset-rows.js";
import { ImportFileError, resolveColumns } from "../../../src/ingest/columns.js";
import { marketCapSpec } from "../../../src/ingest/market-cap-rows.js";
import { priceSpec } from "../../../src/ingest/price-rows.js";
import { pairKey, parseDecimal } from "../../../src/ingest/row-checks.js";

const priceCols = { symbol: 0, date: 1, close: 2 };
const price = (...f: string[]) => priceSpec.parse(f, priceCols);

describe("price lines", () => {
  it("accepts a valid line, trimming cells", () => {
    expect(price(" AAA ", "2024-02-29", " 12.5 ")).toEqual({
      ok: true,
      value: { symbol: "AAA", date: "2024-02-29", close: 12.5 },
    });
  });
  it.each([
    [["", "2024-01-02", "1"], "invalid symbol"],
    [["aa a", "2024-01-02", "1"], "invalid symbol"],
    [["AAA", "2023-02-29", "1"], "invalid date"],
    [["AAA", "2024/01/02", "1"], "invalid date"],
    [["AAA", "", "1"], "invalid date"],
    [["AAA", "2024-01-02", "0"], "non-positive close"],
    [["AAA", "2024-01-02", "-3.2"], "non-positive close"],
    [["AAA", "2024-01-02", ""], "invalid close"],
    [["AAA", "2024-01-02", "abc"], "invalid close"],
    [["AAA", "2024-01-02", "NaN"], "invalid close"],
    [["AAA", "2024-01-02", "Infinity"], "invalid close"],
    [["AAA", "2024-01-02", "1e400"], "invalid close"],
    [["AAA", "2024-01-02", "0x10"], "invalid close"],
  ])("refuses %j as %s", (fields, code) => {
    const r = price(...fields);
    expect(r.ok).toBe(false);
    expect(r.ok ? null : r.code).toBe(code);
  });
});

describe("market-cap lines", () => {
  const cols = resolveColumns(
    ["symbol", "date", "market_cap", "shares_outstanding", "free_float", "average_volume"],
    marketCapSpec.required,
    marketCapSpec.optional,
  );
  const mc = (...f: string[]) => marketCapSpec.parse(f, cols);
  it("accepts empty cells as null and free_float = 1", () => {
    expect(mc("AAA", "2024-01-02", "1e9", "", "1", "")).toMatchObject({
      ok: true,
      value: { marketCap: 1e9, sharesOutstanding: null, freeFloat: 1, averageVolume: null },
    });
  });
  it.each([
    [["AAA", "2024-01-02", "-1", "", "", ""], "invalid market_cap"],
    [["AAA", "2024-01-02", "", "x", "", ""], "invalid shares_outstanding"],
    [["AAA", "2024-01-02", "", "", "0", ""], "invalid free_float"],
    [["AAA", "2024-01-02", "", "", "1.01", ""], "invalid free_float"],
    [["AAA", "2024-01-02", "", "", "", "Infinity"], "invalid average_volume"],
    [["AAA", "2024-13-01", "", "", "", ""], "invalid date"],
  ])("refuses %j as %s", (fields, code) => {
    const r = mc(...fields);
    expect(r.ok ? null : r.code).toBe(code);
  });
  it("treats absent optional columns as null", () => {
    const c = resolveColumns(["date", "symbol"], marketCapSpec.required, marketCapSpec.optional);
    expect(marketCapSpec.parse(["2024-01-02", "AAA"], c)).toMatchObject({
      ok: true,
      value: { symbol: "AAA", marketCap: null, freeFloat: null },
    });
  });
});

describe("asset lines", () => {
  const cols = resolveColumns(["investable", "symbol", "sector"], assetSpec.required, assetSpec.optional);
  it("parses investable flags and empty cells", () => {
    expect(assetSpec.parse(["no", "AAA", ""], cols)).toEqual({
      ok: true,
      value: { symbol: "AAA", name: null, sector: null, investable: false },
    });
    expect(assetSpec.parse(["", "BRK.B", "Financials"], cols)).toMatchObject({
      ok: true,
      value: { investable: true, sector: "Financials" },
    });
  });
  it("refuses a bad flag or symbol", () => {
    expect(assetSpec.parse(["maybe", "AAA", ""], cols)).toMatchObject({ ok: false, code: "invalid investable" });
    expect(assetSpec.parse(["true", "TOO-LONG-SYMBOL-XYZ", ""], cols)).toMatchObject({
      ok: false,
      code: "invalid symbol",
    });
  });
});

describe("columns and helpers", () => {
  it("finds columns by name in any order, case-insensitively, ignoring extra ones", () => {
    expect(resolveColumns([" Close", "extra", "SYMBOL", "date "], priceSpec.required, priceSpec.optional)).toEqual({
      close: 0,
      symbol: 2,
      date: 3,
    });
  });
  it("names every missing required column", () => {
    expect(() => resolveColumns(["symbol", "px"], priceSpec.required, [])).toThrow(ImportFileError);
    expect(() => resolveColumns(["symbol", "px"], priceSpec.required, [])).toThrow(
      /missing required columns date, close/,
    );
  });
  it("parses only plain decimals and keys pairs uniquely", () => {
    expect([parseDecimal("1.5e3"), parseDecimal(".5"), parseDecimal("-2")]).toEqual([1500, 0.5, -2]);
    expect(parseDecimal(" ")).toBeNaN();
    expect(pairKey(1, "2024-01-02")).not.toBe(pairKey(1, "2024-01-03"));
    expect(pairKey(1, "9999-12-31")).toBeLessThan(pairKey(2, "0001-01-01"));
  });
});
