import { Migrator, type Kysely, type MigrationResultSet } from "kysely";
import { migrations } from "../../migrations/index.js";

/** schema: where the migration bookkeeping tables live when not the default (isolated test schemas). */
function migrator(db: Kysely<any>, schema?: string): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
}

/** Brings the schema to the latest migration. Idempotent; concurrent callers are serialised by Kysely's lock table. */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  return applied(await migrator(db, schema).migrateToLatest());
}

/** Reverts the latest migration (for `autoindex migrate --down`). */
export async function migrateDown(db: Kysely<any>, schema?: string): Promise<string[]> {
  return applied(await migrator(db, schema).migrateDown());
}

function applied({ error, results }: MigrationResultSet): string[] {
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => `${r.direction} ${r.migrationName}`);
}
