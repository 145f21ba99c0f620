import { describe, expect, it } from "vitest";
import { PAIR_BYTES, unpackPairs } from "../../../src/db/packed-series.js";

/** Packs pairs as Postgres does: int4send(day) || float8send(value), big-endian. */
function pack(pairs: [number, number][]): Uint8Array {
  const bytes = new Uint8Array(pairs.length * PAIR_BYTES);
  const view = new DataView(bytes.buffer);
  pairs.forEach(([day, value], i) => {
    view.setInt32(i * PAIR_BYTES, day);
    view.setFloat64(i * PAIR_BYTES + 4, value);
  });
  return bytes;
}

describe("packed (day, value) series", () => {
  it("decodes days since 1970-01-01 (before it too) and exact doubles, in packed order", () => {
    const bytes = pack([
      [-1, 0.1],
      [0, 1e-300],
      [19_783, 123.456789012345],
      [2_932_896, Number.MAX_VALUE],
    ]);
    expect(unpackPairs(bytes)).toEqual({
      dates: ["1969-12-31", "1970-01-01", "2024-03-01", "9999-12-31"],
      values: [0.1, 1e-300, 123.456789012345, Number.MAX_VALUE],
    });
  });

  it("reads a view into a larger buffer (as the driver hands it) at its own offset", () => {
    const whole = new Uint8Array(3 + PAIR_BYTES);
    whole.set(pack([[19_000, 42]]), 3);
    expect(unpackPairs(whole.subarray(3))).toEqual({ dates: ["2022-01-08"], values: [42] });
  });

  it("gives empty columns for no rows and refuses a partial pair", () => {
    expect(unpackPairs(null)).toEqual({ dates: [], values: [] });
    expect(unpackPairs(new Uint8Array(0))).toEqual({ dates: [], values: [] });
    expect(() => unpackPairs(new Uint8Array(PAIR_BYTES + 1))).toThrow(/whole number/);
  });
});
