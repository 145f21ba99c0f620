import { describe, expect, it } from "vitest";
import { estimatedBits, secretWeakness, smallestPeriod } from "../../src/secret-strength.js";

describe("secret strength", () => {
  it("smallest period: the shortest pattern whose repetition (possibly cut) is the string", () => {
    expect(smallestPeriod("aaaa")).toBe(1);
    expect(smallestPeriod("abcabcab")).toBe(3);
    expect(smallestPeriod("abcd")).toBe(4);
  });

  it("estimated bits: n × Shannon entropy of characters, or of neighbour differences when lower", () => {
    // "abab": characters 2 × 1 bit each = 4 bits; differences (+1, −1, +1): 3 × 0.918 = 2.75 bits.
    expect(estimatedBits("abab")).toBeCloseTo(3 * (-(2 / 3) * Math.log2(2 / 3) - (1 / 3) * Math.log2(1 / 3)), 10);
    // "abcd": 4 distinct characters = 8 bits, but every difference is +1: 0 bits.
    expect(estimatedBits("abcd")).toBe(0);
  });

  it("accepts generator output, refuses what people type", () => {
    expect(secretWeakness("nk2lcN5RiXXlJ8sy4w66ETq7/W8b1mwG4AYyv+HE0IoYwIyA")).toBeNull();
    // openssl rand -hex 32
    expect(secretWeakness("c8884afca3dc0e878fd4541c692695db370aea059b17c53b07101881ab82bfde")).toBeNull();
    expect(secretWeakness("q".repeat(40))).toMatch(/repeats a pattern of 1 character$/);
  });
});
