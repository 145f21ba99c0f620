import { randomBytes } from "node:crypto";
import { sql, type Kysely } from "kysely";
import pg from "pg";
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
/**
 * DATABASE_POOL_MODE=transaction: DATABASE_URL is PgBouncer in transaction mode and
 * DATABASE_DIRECT_URL the server behind it. A search_path needs session state, so each test
 * file gets a database of its own there instead of a schema (PgBouncer's `*` entry connects
 * to whichever database a client names).
 */
export const POOL_MODE = DATABASE_URL && process.env.DATABASE_POOL_MODE === "transaction" ? "transaction" : "session";
export const DIRECT_URL = (process.env.DATABASE_DIRECT_URL || undefined) ?? DATABASE_URL;

const newSchemaName = () => `t_${randomBytes(6).toString("hex")}`;

async function adminQuery(url: string | undefined, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const dropSchema = (schema: string) => adminQuery(DATABASE_URL, `drop schema if exists ${schema} cascade`);

const inDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/** Where one test file's data lives on Postgres: its connection strings, the schema if any, how to drop it. */
export interface IsolatedDatabase {
  /** Through the pooler in transaction mode; with `-c search_path=<schema>` in its options otherwise. */
  url: string;
  directUrl: string;
  /** Session mode only: the schema (createDb's `schema` option) to pass instead of using `url`. */
  schema?: string;
  /** The environment a server process needs to use it (DATABASE_URL, DATABASE_DIRECT_URL, DATABASE_POOL_MODE). */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A fresh schema (session mode) or database (transaction mode) on the test server; Postgres only. */
export async function isolatedDatabase(): Promise<IsolatedDatabase> {
  if (!DATABASE_URL || !DIRECT_URL) throw new Error("isolatedDatabase needs DATABASE_URL");
  const name = newSchemaName();
  if (POOL_MODE === "transaction") {
    await adminQuery(DIRECT_URL, `create database ${name}`);
    const url = inDatabase(DATABASE_URL, name);
    const directUrl = inDatabase(DIRECT_URL, name);
    return {
      url,
      directUrl,
      env: { DATABASE_URL: url, DATABASE_DIRECT_URL: directUrl, DATABASE_POOL_MODE: "transaction" },
      drop: () => adminQuery(DIRECT_URL, `drop database if exists ${name} with (force)`),
    };
  }
  await adminQuery(DATABASE_URL, `create schema ${name}`);
  const u = new URL(DATABASE_URL);
  u.searchParams.set("options", `-c search_path=${name}`);
  return {
    url: u.toString(),
    directUrl: u.toString(),
    schema: name,
    env: { DATABASE_URL: u.toString() },
    drop: () => dropSchema(name),
  };
}

export interface TestDb extends DbHandle {
  /** Empties every table (and resets the strategy row), keeping the schema. */
  reset(): Promise<void>;
}

export async function createTestDb(options: { onQuery?: (sql: string) => void } = {}): Promise<TestDb> {
  if (POOL_MODE === "transaction") {
    const iso = await isolatedDatabase();
    const direct = await createDb({ databaseUrl: iso.directUrl, poolSize: 1 });
    await migrateToLatest(direct.db).finally(() => direct.close());
    const handle = await createDb({
      databaseUrl: iso.url,
      poolMode: "transaction",
      poolSize: 5,
      onQuery: options.onQuery,
    });
    return {
      ...handle,
      reset: () => resetTables(handle.db),
      async close() {
        await handle.close();
        await iso.drop();
      },
    };
  }
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
  const iso = POOL_MODE === "transaction" ? await isolatedDatabase() : undefined;
  const schema = DATABASE_URL && !iso ? newSchemaName() : undefined;
  const statements: string[] = [];
  const config = testConfig({ ...(iso?.env ?? (DATABASE_URL ? { DATABASE_URL } : {})), ...overrides } as Partial<Env>);
  const app = await createApp(config, { onQuery: (q) => statements.push(q), schema, ...options }).catch(async (err) => {
    await iso?.drop();
    throw err;
  });
  return {
    app,
    db: app.database.db,
    statements,
    reset: () => resetTables(app.database.db),
    async close() {
      await app.stop();
      if (schema) await dropSchema(schema);
      await iso?.drop();
    },
  };
}
