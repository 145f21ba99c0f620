import { describe, expect, it } from "vitest";
import { dummyHash, hashPassword, isCommon, passwordProblems, verifyPassword } from "../../../src/auth/password.js";

const LOW = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

describe("password policy (length first, blocklist, no composition rules)", () => {
  it("accepts a long lower-case passphrase without digits or symbols", () => {
    expect(passwordProblems("correct horse battery")).toEqual([]);
    expect(passwordProblems("abcdefghijkz")).toEqual([]);
  });

  it("refuses fewer than 12 characters, counting code points", () => {
    expect(passwordProblems("Tr0ub4dor&3")[0]).toMatchObject({ field: "password", message: expect.stringMatching(/at least 12/) });
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(passwordProblems("😀".repeat(11))).toHaveLength(1);
    expect(passwordProblems("😀🙂😃😄😁😆😅😂🤣😊😇😉")).toEqual([]);
  });

  it("refuses blocklisted passwords, also with trailing digits/symbols, and repeated characters", () => {
    for (const p of ["passwordpassword", "Password123456", "password123456!", "QWERTYUIOPASDFGHJKL", "aaaaaaaaaaaaaaa", "correcthorsebatterystaple"])
      expect(isCommon(p), p).toBe(true);
    expect(passwordProblems("password123456!")[0].message).toMatch(/too common/);
    expect(isCommon("passwords are long now")).toBe(false);
  });

  it("refuses the email as password and over-long passwords", () => {
    expect(passwordProblems("someone@example.org", " SomeOne@Example.org ")[0].message).toMatch(/email/);
    expect(passwordProblems("x".repeat(100) + "y".repeat(157))[0].message).toMatch(/at most 256/);
  });
});

describe("argon2id hashing", () => {
  it("hashes with argon2id and the given parameters, and verifies", async () => {
    const hash = await hashPassword("a long enough passphrase", LOW);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(await verifyPassword(hash, "a long enough passphrase")).toBe(true);
    expect(await verifyPassword(hash, "a long enough passphrasE")).toBe(false);
  });

  it("never throws on a malformed hash, and the dummy hash matches nothing", async () => {
    expect(await verifyPassword("not-a-hash", "whatever whatever")).toBe(false);
    const dummy = await dummyHash(LOW);
    expect(dummy).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(dummy, "")).toBe(false);
  });
});
