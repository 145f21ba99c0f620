import argon2 from "argon2";
import type { AppConfig } from "../config.js";
import type { FieldProblem } from "../errors.js";
import { COMMON_PASSWORDS } from "./common-passwords.js";

/** Length-first policy (NIST SP 800-63B): no composition rules, a blocklist, a sane maximum. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

type Argon2Params = AppConfig["auth"]["argon2"];

/** Problems with a candidate password (empty when acceptable). Length counts code points. */
export function passwordProblems(password: string, email?: string): FieldProblem[] {
  const field = "password";
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return [{ field, message: `must be at least ${PASSWORD_MIN_LENGTH} characters` }];
  if (length > PASSWORD_MAX_LENGTH) return [{ field, message: `must be at most ${PASSWORD_MAX_LENGTH} characters` }];
  if (isCommon(password)) return [{ field, message: "is too common; choose a longer, less predictable password" }];
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) return [{ field, message: "must not be the email address" }];
  return [];
}

/** A blocklisted word as is, followed only by digits/symbols, or one repeated character. */
export function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  if (new Set(lower).size === 1) return true;
  if (COMMON_PASSWORDS.has(lower)) return true;
  const base = lower.replace(/[\d\W_]+$/u, "");
  return base !== lower && base.length > 0 && COMMON_PASSWORDS.has(base);
}

export function hashPassword(password: string, params: Argon2Params): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, ...params });
}

/** False for a wrong password or a malformed hash; never throws on bad input. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

const dummyHashes = new Map<string, Promise<string>>();

/**
 * A hash with the configured parameters for a password nobody knows: a login for an unknown
 * email verifies against it so that it costs as much as a login for a known one.
 */
export function dummyHash(params: Argon2Params): Promise<string> {
  const key = `${params.memoryCost}:${params.timeCost}:${params.parallelism}`;
  let h = dummyHashes.get(key);
  if (!h) {
    h = hashPassword(`dummy-${Math.random()}-${Date.now()}`, params);
    dummyHashes.set(key, h);
  }
  return h;
}
