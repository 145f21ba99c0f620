import { sql, type Kysely } from "kysely";

/**
 * Failed-login counters shared by every API process (fixed windows). One row per
 * (scope, key): scope 'email' keys on the normalised email, scope 'address' on the client address.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("login_attempts")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("window_start", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("login_attempts_pk", ["scope", "key"])
    .addCheckConstraint("login_attempts_scope_known", sql`scope in ('email', 'address')`)
    .addCheckConstraint("login_attempts_failures_positive", sql`failures >= 1`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("login_attempts").execute();
}
