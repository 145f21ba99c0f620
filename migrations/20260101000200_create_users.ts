import { sql, type Kysely } from "kysely";
import { addUpdatedAtTrigger, withTimestamps } from "./_timestamps.js";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().defaultTo("user"))
    .$call(withTimestamps)
    // Emails are stored normalised (trimmed, lower-case) so the unique key is case-insensitive.
    .addCheckConstraint("users_email_normalised", sql`email = lower(btrim(email)) and length(email) between 3 and 254`)
    .addCheckConstraint("users_role_known", sql`role in ('user', 'admin')`)
    .execute();
  await addUpdatedAtTrigger(db, "users");
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("users").execute();
}
