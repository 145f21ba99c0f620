import { sql, type Kysely } from "kysely";

/**
 * The throttle counters of issue 9 share login_attempts (one atomic upsert per counter, the
 * same fixed windows and purge): 'email_address' (failed logins of one email from one
 * address), 'register_address' and 'register' (sign-ups per address and in total), besides
 * 'email' and 'address'. Only the scope check changes.
 */
const SCOPES = ["email", "address", "email_address", "register_address", "register"];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("login_attempts").dropConstraint("login_attempts_scope_known").execute();
  await db.schema
    .alterTable("login_attempts")
    .addCheckConstraint("login_attempts_scope_known", sql`scope in (${sql.join(SCOPES.map((s) => sql.lit(s)))})`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("login_attempts").where("scope", "not in", ["email", "address"]).execute();
  await db.schema.alterTable("login_attempts").dropConstraint("login_attempts_scope_known").execute();
  await db.schema
    .alterTable("login_attempts")
    .addCheckConstraint("login_attempts_scope_known", sql`scope in ('email', 'address')`)
    .execute();
}
