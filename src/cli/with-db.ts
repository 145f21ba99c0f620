import type { Kysely } from "kysely";
import { loadConfig, type AppConfig } from "../config.js";
import { createDb } from "../db/create-db.js";
import { migrateToLatest } from "../db/migrate.js";
import type { Database } from "../db/schema.js";

/** Runs a CLI action against the configured database (migrated first), closing it afterwards. */
export async function withDb<T>(
  action: (db: Kysely<Database>, config: AppConfig) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  // The CLI's maintenance work takes a direct connection (DATABASE_DIRECT_URL, default DATABASE_URL):
  // migrations hold a session lock, which a transaction pooler would not keep.
  const handle = await createDb({
    databaseUrl: config.databaseDirectUrl,
    poolSize: config.poolSize,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    dataDir: config.dataDir,
  });
  try {
    if (options.migrate !== false) await migrateToLatest(handle.db);
    return await action(handle.db, config);
  } finally {
    await handle.close();
  }
}
