import type { Kysely } from "kysely";
import type { App } from "../app.js";
import type { AppConfig } from "../config.js";
import type { Database } from "../db/schema.js";
import { deleteExpiredRefreshTokens } from "./refresh-token.repo.js";
import { deleteEndedCounters } from "./throttle.repo.js";
import { throttleWindows } from "./throttle.service.js";

/**
 * Deletes the account rows no request can use any more: login counters whose window has
 * ended and refresh tokens past their expiry. Without it both tables grow with every address,
 * email and sign-in ever seen.
 */
export async function purgeExpiredAuthRows(
  db: Kysely<Database>,
  config: AppConfig,
): Promise<{ loginAttempts: number; refreshTokens: number }> {
  return {
    loginAttempts: await deleteEndedCounters(db, throttleWindows(config)),
    refreshTokens: await deleteExpiredRefreshTokens(db),
  };
}

const HOURLY = 3_600_000;

/**
 * Runs purgeExpiredAuthRows now and then every `everyMs` while the process serves. Each API
 * process may run it (the deletes are idempotent). Returns a stop function; the timer never
 * keeps the process alive.
 */
export function scheduleAuthHousekeeping(app: App, everyMs = HOURLY): () => void {
  const run = () =>
    purgeExpiredAuthRows(app.database.db, app.config).then(
      (deleted) => app.log.info({ deleted }, "purged expired login counters and refresh tokens"),
      (err: unknown) => app.log.error({ err }, "auth housekeeping failed"),
    );
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
