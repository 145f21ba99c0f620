import { Migrator, sql, type Kysely, type MigrationResultSet } from "kysely";

/**
 * Migrations see the database as it was when each was written, not as the current `Database`
 * type says: kysely's Migrator takes a Kysely<any>, and so does everything here.
 */
// biome-ignore lint/suspicious/noExplicitAny: the Migrator's own parameter type
type AnyDb = Kysely<any>;
import { migrations } from "../../migrations/index.js";
import { LONG_STATEMENT_TIMEOUT_MS } from "./statement-timeout.js";

/** schema: where the migration bookkeeping tables live when not the default (isolated test schemas). */
function migrator(db: AnyDb, schema?: string): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

/** Brings the schema to the latest migration. Idempotent; concurrent callers are serialised by Kysely's lock table. */
export async function migrateToLatest(db: AnyDb, schema?: string): Promise<string[]> {
  return applied(
    await withLongStatements(db, async (conn) => migrator(conn, schema ?? (await homeSchema(conn))).migrateToLatest()),
  );
}

/** Reverts the latest migration (for `autoindex migrate --down`). */
export async function migrateDown(db: AnyDb, schema?: string): Promise<string[]> {
  return applied(
    await withLongStatements(db, async (conn) => migrator(conn, schema ?? (await homeSchema(conn))).migrateDown()),
  );
}

/**
 * The schema the connection creates tables in (its search_path's first, usually public), named
 * explicitly: without a schema Kysely takes a bookkeeping table of ANY schema of the database for
 * its own (a database shared by several schemas, say through `options=-c search_path=…`).
 */
async function homeSchema(conn: AnyDb): Promise<string> {
  const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(conn);
  return rows[0]!.s;
}

/**
 * Runs `fn` on one connection whose statement_timeout is the maintenance budget: the API's pool
 * cancels statements past QUERY_TIMEOUT_MS, which a migration of a large table (a foreign key
 * validated over every allocation) may need longer than. The connection's own setting is
 * restored after.
 */
async function withLongStatements<T>(db: AnyDb, fn: (conn: AnyDb) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`select set_config('statement_timeout', ${String(LONG_STATEMENT_TIMEOUT_MS)}, false)`.execute(conn);
    try {
      return await fn(conn);
    } finally {
      await sql`reset statement_timeout`.execute(conn);
    }
  });
}

function applied({ error, results }: MigrationResultSet): string[] {
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => `${r.direction} ${r.migrationName}`);
}
