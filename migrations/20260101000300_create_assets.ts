import { sql, type Kysely } from "kysely";
import { addUpdatedAtTrigger, withTimestamps } from "./_timestamps.js";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("assets")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("symbol", "text", (c) => c.notNull().unique())
    .addColumn("name", "text")
    .addColumn("sector", "text")
    // False keeps the asset (and its prices) out of the index universe; the benchmark never enters it.
    .addColumn("investable", "boolean", (c) => c.notNull().defaultTo(true))
    .$call(withTimestamps)
    .addCheckConstraint("assets_symbol_format", sql`symbol ~ '^[A-Z0-9][A-Z0-9.\\-]{0,15}$'`)
    .execute();
  await db.schema.createIndex("idx_assets_sector").on("assets").column("sector").execute();
  await addUpdatedAtTrigger(db, "assets");
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("assets").execute();
}
