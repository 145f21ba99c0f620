import { describe, expect, it } from "vitest";
import { dummyHash, hashPassword, passwordProblems, verifyPassword } from "../../../src/auth/password.js";

const LOW = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

describe("password policy (length first, then a zxcvbn-ts strength score ≥ 3, no composition rules)", () => {
  it("accepts a long lower-case passphrase without digits or symbols", () => {
    expect(passwordProblems("correct horse battery")).toEqual([]);
    expect(passwordProblems("vivid-otter-lantern-92")).toEqual([]);
  });

  it("refuses fewer than 12 characters, counting code points", () => {
    expect(passwordProblems("Tr0ub4dor&3")[0]).toMatchObject({
      field: "password",
      message: expect.stringMatching(/at least 12/),
    });
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(passwordProblems("😀".repeat(11))).toHaveLength(1);
    expect(passwordProblems("😀🙂😃😄😁😆😅😂🤣😊😇😉")).toEqual([]);
  });

  it(
    "refuses a common password dressed up past 12 characters (the old blocklist let P@ssw0rd2024! through), " +
      "with zxcvbn's advice",
    () => {
      const [problem] = passwordProblems("P@ssw0rd2024!");
      expect(problem).toMatchObject({ field: "password" });
      expect(problem.message).toMatch(/^is too easy to guess \(strength [0-2] of 4, at least 3 needed\): /);
      expect(problem.message).toMatch(/similar to a commonly used password/);
      expect(problem.message).toMatch(/predictable letter substitutions/);
    },
  );

  it("refuses repeats, keyboard walks, sequences and blocklisted words with trailing digits", () => {
    for (const p of [
      "passwordpassword",
      "Password123456",
      "password123456!",
      "QWERTYUIOPASDFGHJKL",
      "aaaaaaaaaaaaaaa",
      "abcdefghijkz",
      "qwertyqwerty",
    ])
      expect(passwordProblems(p), p).toEqual([
        { field: "password", message: expect.stringMatching(/too easy to guess/) },
      ]);
  });

  it("counts the email and its local part as guessable", () => {
    expect(passwordProblems("someone@example.org", " SomeOne@Example.org ")[0].message).toMatch(/email/);
    expect(passwordProblems("jonathan.smithers1", "jonathan.smithers@example.org")[0].message).toMatch(
      /too easy to guess/,
    );
    expect(passwordProblems("jonathan.smithers1")).toEqual([]);
  });

  it(
    "refuses over-long passwords, and estimates only the first 32 characters (the estimate's cost grows fast " +
      "with length)",
    () => {
      expect(passwordProblems("x".repeat(100) + "y".repeat(157))[0].message).toMatch(/at most 256/);
      const strong = "vivid-otter-lantern-92";
      expect(passwordProblems(strong + "a".repeat(200))).toEqual([]);
      expect(passwordProblems("a".repeat(32) + strong)[0].message).toMatch(/too easy to guess/);
    },
  );
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
