import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { createUser } from "../auth/auth.service.js";
import { hasAdmin } from "../auth/user.repo.js";
import type { AppConfig } from "../config.js";
import type { Database } from "../db/schema.js";
import { AppError, ErrorCode } from "../errors.js";

/** The demo's admin account (example.org is reserved for examples: it reaches nobody). */
export const DEMO_ADMIN_EMAIL = "demo-admin@example.org";

export interface DemoAdmin {
  email: string;
  /** Generated for this database and printed in one start banner: only its hash is stored. */
  password: string;
}

/**
 * `serve --demo` in development: an admin account, so that a new user can try the strategy
 * administration (the dashboard's Strategy view, the playground's mutations) without the CLI.
 * Created only when the database has no admin at all, with a random password that is returned
 * to be printed in the start banner (standard output: a log collector keeps it too); never in
 * production, where admins are made with `autoindex users create --admin`. Null when nothing
 * was created.
 */
export async function ensureDemoAdmin(db: Kysely<Database>, config: AppConfig): Promise<DemoAdmin | null> {
  if (!config.isDevelopment || (await hasAdmin(db))) return null;
  // 144 random bits: far above the strength estimator's minimum.
  const password = randomBytes(18).toString("base64url");
  try {
    await createUser(db, config, { email: DEMO_ADMIN_EMAIL, password, role: "admin" });
  } catch (err) {
    // Another process started on the same database made it first.
    if (err instanceof AppError && err.code === ErrorCode.CONFLICT) return null;
    throw err;
  }
  return { email: DEMO_ADMIN_EMAIL, password };
}
