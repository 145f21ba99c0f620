import { randomBytes } from "node:crypto";
import { sql, type Kysely } from "kysely";
import pg from "pg";
import type { Logger } from "pino";
import { createApp, type App, type AppOptions } from "../../src/app.js";
import { loadConfig, type AppConfig, type Env } from "../../src/config.js";
import { createDb, type DbHandle } from "../../src/db/create-db.js";
import { migrateToLatest } from "../../src/db/migrate.js";
import type { Database } from "../../src/db/schema.js";

/**
 * Tests run on the engine the environment names: PostgreSQL when DATABASE_URL is set, else
 * an in-memory PGlite. On Postgres every test file gets its own schema, dropped at the end,
 * so files can run in parallel against one server.
 */
export const DATABASE_URL = process.env.DATABASE_URL || undefined;
export const ENGINE = DATABASE_URL ? "postgres" : "pglite";

const newSchemaName = () => `t_${randomBytes(6).toString("hex")}`;

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

export interface TestDb extends DbHandle {
  /** Empties every table (and resets the strategy row), keeping the schema. */
  reset(): Promise<void>;
}

export async function createTestDb(options: { onQuery?: (sql: string) => void } = {}): Promise<TestDb> {
  const schema = DATABASE_URL ? newSchemaName() : undefined;
  const handle = await createDb({
    databaseUrl: DATABASE_URL,
    dataDir: "memory://",
    schema,
    poolSize: 5,
    onQuery: options.onQuery,
  });
  await migrateToLatest(handle.db, schema);
  return {
    ...handle,
    reset: () => resetTables(handle.db),
    async close() {
      await handle.close();
      if (schema) await dropSchema(schema);
    },
  };
}

/** Truncates every application table and restores the default strategy configuration and index state. */
export async function resetTables(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ tablename: string }>`
    select tablename from pg_tables where schemaname = current_schema()
      and tablename not like 'kysely_%'
      and tablename not in ('market_data_version', 'index_version', 'live_events')`.execute(db);
  if (rows.length)
    await sql.raw(`truncate ${rows.map((r) => `"${r.tablename}"`).join(", ")} restart identity cascade`).execute(db);
  await sql`insert into strategy_configs (id) values (1) on conflict (id) do nothing`.execute(db);
  await sql`insert into index_state (id) values (1) on conflict (id) do nothing`.execute(db);
}

export function testConfig(overrides: Partial<Env> = {}): AppConfig {
  return loadConfig({}, {
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    AUTOINDEX_DATA_DIR: "memory://",
    ...overrides,
  } as Partial<Env>);
}

export interface TestApp {
  app: App;
  db: Kysely<Database>;
  /** Every SQL statement executed since the last clear(). */
  statements: string[];
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** A full application (Apollo + database) for executeOperation and HTTP tests. */
export async function createTestApp(
  overrides: Partial<Env> = {},
  options: Pick<AppOptions, "log" | "executor"> = {},
): Promise<TestApp> {
  const schema = DATABASE_URL ? newSchemaName() : undefined;
  const statements: string[] = [];
  const config = testConfig({ ...(DATABASE_URL ? { DATABASE_URL } : {}), ...overrides });
  const app = await createApp(config, { onQuery: (q) => statements.push(q), schema, ...options });
  return {
    app,
    db: app.database.db,
    statements,
    reset: () => resetTables(app.database.db),
    async close() {
      await app.stop();
      if (schema) await dropSchema(schema);
    },
  };
}
