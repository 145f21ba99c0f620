import { sql, type CreateTableBuilder, type Kysely } from "kysely";

// Frozen helpers shared by the migrations. Never change their output: migrations that ran
// must mean the same thing forever. Add a new helper instead.

/** created_at / updated_at columns, both timestamptz not null default now(). */
export function withTimestamps<T extends string, C extends string>(
  t: CreateTableBuilder<T, C>,
): CreateTableBuilder<T, C> {
  return t
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`));
}

/** Keeps updated_at current on every UPDATE (set_updated_at() comes from the first migration). */
export async function addUpdatedAtTrigger(db: Kysely<any>, table: string): Promise<void> {
  await sql`create trigger ${sql.raw(`${table}_set_updated_at`)} before update on ${sql.table(table)}
    for each row execute function set_updated_at()`.execute(db);
}
