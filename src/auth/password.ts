import argon2 from "argon2";
import type { AppConfig } from "../config.js";
import type { FieldProblem } from "../errors.js";
import { passwordStrength } from "./password-strength.js";

/**
 * Length first (NIST SP 800-63B: no composition rules, a sane maximum), then a strength
 * estimate: zxcvbn-ts with its common-password, name and English dictionaries, keyboard
 * patterns, l33t substitutions, dates and sequences must give at least MIN_PASSWORD_SCORE.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
/** zxcvbn's 0..4 scale: 3 = "safely unguessable" (under 10^10 guesses is 2 or less). */
export const MIN_PASSWORD_SCORE = 3;

type Argon2Params = AppConfig["auth"]["argon2"];

/**
 * Problems with a candidate password (empty when acceptable). Length counts code points. A
 * weak one gets zxcvbn's feedback: what makes it guessable and how to do better. The email
 * and its local part count as guessable words.
 */
export function passwordProblems(password: string, email?: string): FieldProblem[] {
  const field = "password";
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return [{ field, message: `must be at least ${PASSWORD_MIN_LENGTH} characters` }];
  if (length > PASSWORD_MAX_LENGTH) return [{ field, message: `must be at most ${PASSWORD_MAX_LENGTH} characters` }];
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase())
    return [{ field, message: "must not be the email address" }];
  const userInputs = email ? [email.trim().toLowerCase(), email.trim().toLowerCase().split("@")[0]] : [];
  const { score, warning, suggestions } = passwordStrength(password, userInputs);
  if (score >= MIN_PASSWORD_SCORE) return [];
  const advice = [warning, ...suggestions].filter((x): x is string => !!x).join(" ");
  return [
    {
      field,
      message:
        `is too easy to guess (strength ${score} of 4, at least ${MIN_PASSWORD_SCORE} needed)` +
        (advice ? `: ${advice}` : ""),
    },
  ];
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
