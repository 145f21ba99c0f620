import type { Kysely } from "kysely";
import type { AppConfig } from "../config.js";
import type { Database } from "../db/schema.js";
import { rateLimited } from "../errors.js";
import { clearAttempts, countAttempt, uncountAttempt } from "./throttle.repo.js";

/**
 * Login throttling per email and per client address, shared through the database. Each
 * attempt is counted BEFORE the password is checked (an atomic upsert), so N concurrent
 * guesses cannot slip past the bound; an attempt over either bound is refused with
 * RATE_LIMITED without verifying anything. A success clears the email's counter and takes
 * its own attempt back from the address's counter, so only failures accumulate.
 */
export async function admitLoginAttempt(db: Kysely<Database>, config: AppConfig, email: string, address: string): Promise<void> {
  const { loginWindowSeconds: window, loginMaxAttempts, loginMaxAttemptsPerAddress } = config.auth;
  const byEmail = await countAttempt(db, "email", email, window);
  const byAddress = await countAttempt(db, "address", address, window);
  const over = [byEmail.attempts > loginMaxAttempts ? byEmail : null, byAddress.attempts > loginMaxAttemptsPerAddress ? byAddress : null];
  const waits = over.filter((c) => c !== null).map((c) => c.retryAfterSeconds);
  if (waits.length) throw rateLimited(Math.max(...waits));
}

export async function loginSucceeded(db: Kysely<Database>, email: string, address: string): Promise<void> {
  await clearAttempts(db, "email", email);
  await uncountAttempt(db, "address", address);
}
