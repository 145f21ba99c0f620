import { sql, type Kysely } from "kysely";

/**
 * Rotating refresh tokens. Only a SHA-256 of each token is stored. Every token belongs to a
 * family (one sign-in); rotating marks the old row `rotated_at`, and presenting a rotated token
 * again revokes the whole family (reuse detection).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("refresh_tokens")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("family_id", "uuid", (c) => c.notNull())
    // hex SHA-256 of the opaque token the client holds.
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("rotated_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("refresh_tokens_hash_sha256", sql`token_hash ~ '^[0-9a-f]{64}$'`)
    .execute();
  await db.schema.createIndex("idx_refresh_tokens_family").on("refresh_tokens").column("family_id").execute();
  await db.schema.createIndex("idx_refresh_tokens_user").on("refresh_tokens").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("refresh_tokens").execute();
}
