import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Logger } from "pino";
import type { AppConfig } from "../config.js";
import { createDb, type DbHandle } from "./create-db.js";
import { migrateToLatest } from "./migrate.js";
import type { Database } from "./schema.js";

/**
 * Work that needs a session of its own (migrations take Kysely's session-level advisory lock
 * and raise statement_timeout for the session): on DATABASE_DIRECT_URL when DATABASE_URL is a
 * transaction pooler, else on `fallback` (the app's own pool) when given.
 */
export async function withDirectDb<T>(
  config: AppConfig,
  fn: (db: Kysely<Database>) => Promise<T>,
  options: { schema?: string; fallback?: DbHandle } = {},
): Promise<T> {
  const direct = config.databaseDirectUrl;
  if (options.fallback && (!direct || direct === config.databaseUrl)) return fn(options.fallback.db);
  const handle = await createDb({
    databaseUrl: direct,
    dataDir: config.dataDir,
    poolSize: 2,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    schema: options.schema,
  });
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

/** Migrates the configured database on a direct connection (see withDirectDb). */
export const migrateConfigured = (config: AppConfig, options: { schema?: string; fallback?: DbHandle } = {}) =>
  withDirectDb(config, (db) => migrateToLatest(db, options.schema), options);

/**
 * Behind a transaction pooler the app cannot set statement_timeout per connection: the server
 * must (ALTER ROLE … SET statement_timeout, or PgBouncer's connect_query). Says so when it is not.
 */
export async function checkPooledStatementTimeout(db: Kysely<Database>, config: AppConfig, log: Logger) {
  const { rows } = await sql<{ ms: string }>`
    select setting as ms from pg_settings where name = 'statement_timeout'`.execute(db);
  const ms = Number(rows[0]?.ms ?? 0);
  if (ms === 0 || ms > config.limits.queryTimeoutMs)
    log.warn(
      { statementTimeoutMs: ms, queryTimeoutMs: config.limits.queryTimeoutMs },
      "DATABASE_POOL_MODE=transaction: the server's statement_timeout does not bound requests to QUERY_TIMEOUT_MS; " +
        "set it on the role (ALTER ROLE … SET statement_timeout) or in PgBouncer's connect_query",
    );
}
