import type { Kysely } from "kysely";
import type { AppConfig } from "../config.js";
import type { Database } from "../db/schema.js";
import { rateLimited } from "../errors.js";
import { addressKey } from "./address-key.js";
import { clearAttempts, countAttempt, uncountAttempt, type ThrottleScope } from "./throttle.repo.js";

/**
 * Throttles shared through the database (every API process sees the same counters), in
 * fixed windows. Each attempt is counted BEFORE the expensive work (an atomic upsert), so N
 * concurrent attempts cannot slip past a bound; an attempt over a bound is refused with
 * RATE_LIMITED (retryAfterSeconds = until that counter's window ends) without any argon2 work.
 * Addresses are keyed by addressKey (IPv6 by /64). See docs/security.md, "Throttles".
 *
 * Logins, in this order, each counter counted only when the previous ones admitted the attempt:
 *  1. per address (LOGIN_MAX_ATTEMPTS_PER_ADDRESS, 50): one address guessing many emails. A
 *     request it refuses counts against no email.
 *  2. per (email, address) (LOGIN_MAX_ATTEMPTS, 5): one address guessing one account. A
 *     stranger exhausts only their own pair: the owner, from another address, is not locked.
 *  3. per email (LOGIN_MAX_ATTEMPTS_PER_EMAIL, 100): a ceiling on guesses against one account
 *     from every address together; reaching it takes at least 100 / 5 = 20 addresses (/64s).
 * A success clears its pair's counter and takes its own attempt back from the address and
 * email counters, so only failures accumulate.
 */
export async function admitLoginAttempt(
  db: Kysely<Database>,
  config: AppConfig,
  email: string,
  address: string,
): Promise<void> {
  const a = config.auth;
  const from = addressKey(address);
  await admit(db, "address", from, a.loginMaxAttemptsPerAddress, a.loginWindowSeconds);
  await admit(db, "email_address", pairKey(email, from), a.loginMaxAttempts, a.loginWindowSeconds);
  await admit(db, "email", email, a.loginMaxAttemptsPerEmail, a.loginWindowSeconds);
}

export async function loginSucceeded(db: Kysely<Database>, email: string, address: string): Promise<void> {
  const from = addressKey(address);
  await clearAttempts(db, "email_address", pairKey(email, from));
  await uncountAttempt(db, "address", from);
  await uncountAttempt(db, "email", email);
}

/**
 * Takes back an attempt that was admitted but never checked (the argon2 gate was full): a busy
 * server must not use up anybody's attempts.
 */
export async function loginNotAttempted(db: Kysely<Database>, email: string, address: string): Promise<void> {
  const from = addressKey(address);
  await uncountAttempt(db, "address", from);
  await uncountAttempt(db, "email_address", pairKey(email, from));
  await uncountAttempt(db, "email", email);
}

/** Takes back an admitted registration that never hashed (the argon2 gate was full). */
export async function registrationNotAttempted(db: Kysely<Database>, address: string): Promise<void> {
  await uncountAttempt(db, "register_address", addressKey(address));
  await uncountAttempt(db, "register", "*");
}

/**
 * Registrations (each costs an argon2 hash and a row): per address (REGISTER_MAX_PER_ADDRESS),
 * then in total (REGISTER_MAX_GLOBAL), per REGISTER_WINDOW_SECONDS. An address over its own
 * bound does not use up the global one.
 */
export async function admitRegistration(db: Kysely<Database>, config: AppConfig, address: string): Promise<void> {
  const a = config.auth;
  await admit(db, "register_address", addressKey(address), a.registerMaxPerAddress, a.registerWindowSeconds);
  await admit(db, "register", "*", a.registerMaxGlobal, a.registerWindowSeconds);
}

/** The window of each scope (the housekeeping purge deletes counters whose window ended). */
export function throttleWindows(config: AppConfig): Record<ThrottleScope, number> {
  const login = config.auth.loginWindowSeconds;
  const register = config.auth.registerWindowSeconds;
  return { address: login, email_address: login, email: login, register_address: register, register };
}

/** The address key never contains a space, so "<address> <email>" is unambiguous. */
const pairKey = (email: string, from: string) => `${from} ${email}`;

async function admit(
  db: Kysely<Database>,
  scope: ThrottleScope,
  key: string,
  max: number,
  windowSeconds: number,
): Promise<void> {
  const count = await countAttempt(db, scope, key, windowSeconds);
  if (count.attempts > max) throw rateLimited(count.retryAfterSeconds);
}
