import { sql, type Kysely } from "kysely";
import type { Database, Row } from "../db/schema.js";

/**
 * What a counter counts: failed logins per email ('email'), per client address ('address'),
 * per (email, address) ('email_address'); registrations per address ('register_address') and
 * in total ('register').
 */
export type ThrottleScope = Row<"login_attempts">["scope"];

export interface AttemptCount {
  /** Attempts counted in the current window, this one included. */
  attempts: number;
  /** Whole seconds until the current window ends (≥ 1). */
  retryAfterSeconds: number;
}

/**
 * Counts one attempt for (scope, key) in a fixed window of `windowSeconds`, atomically (one
 * upsert, so concurrent attempts from several API processes are all counted): an expired
 * window restarts at 1. Returns the count and when the window ends.
 */
/** True for a counter whose window of `windowSeconds` has ended. */
const windowEnded = (windowSeconds: number) =>
  sql<boolean>`login_attempts.window_start <= now() - ${windowSeconds} * interval '1 second'`;

export async function countAttempt(
  db: Kysely<Database>,
  scope: ThrottleScope,
  key: string,
  windowSeconds: number,
): Promise<AttemptCount> {
  const expired = windowEnded(windowSeconds);
  const row = await db
    .insertInto("login_attempts")
    .values({ scope, key, failures: 1 })
    .onConflict((oc) =>
      oc.columns(["scope", "key"]).doUpdateSet({
        failures: sql`case when ${expired} then 1 else login_attempts.failures + 1 end`,
        window_start: sql`case when ${expired} then now() else login_attempts.window_start end`,
      }),
    )
    .returning([
      "failures",
      sql<number>`greatest(1,
        ceil(extract(epoch from (window_start + ${windowSeconds} * interval '1 second' - now()))))::int`.as("retry"),
    ])
    .executeTakeFirstOrThrow();
  return { attempts: row.failures, retryAfterSeconds: Number(row.retry) };
}

/** Forgets the counter of (scope, key) (a successful login clears its email's counter). */
export async function clearAttempts(db: Kysely<Database>, scope: ThrottleScope, key: string): Promise<void> {
  await db.deleteFrom("login_attempts").where("scope", "=", scope).where("key", "=", key).execute();
}

/**
 * Takes back one counted attempt (a successful login does not count against its address or
 * email): a counter at 1 (the success's own attempt) is deleted, a higher one decremented.
 */
export async function uncountAttempt(db: Kysely<Database>, scope: ThrottleScope, key: string): Promise<void> {
  const gone = await db
    .deleteFrom("login_attempts")
    .where("scope", "=", scope)
    .where("key", "=", key)
    .where("failures", "<=", 1)
    .executeTakeFirst();
  if (Number(gone.numDeletedRows) > 0) return;
  await db
    .updateTable("login_attempts")
    .set({ failures: sql`greatest(1, failures - 1)` })
    .where("scope", "=", scope)
    .where("key", "=", key)
    .execute();
}

/**
 * Deletes the counters whose window has ended (the next attempt would restart them at 1),
 * each scope with its own window; returns how many.
 */
export async function deleteEndedCounters(
  db: Kysely<Database>,
  windows: Record<ThrottleScope, number>,
): Promise<number> {
  const r = await db
    .deleteFrom("login_attempts")
    .where((eb) =>
      eb.or(
        Object.entries(windows).map(([scope, seconds]) =>
          eb.and([eb("scope", "=", scope as ThrottleScope), windowEnded(seconds)]),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
