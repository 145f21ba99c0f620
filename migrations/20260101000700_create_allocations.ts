import { sql, type Kysely } from "kysely";
import { addUpdatedAtTrigger, withTimestamps } from "./_timestamps.js";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("allocations")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("date", "date", (c) => c.notNull())
    // restrict: an asset held by the index is deleted only together with its index rows.
    .addColumn("asset_id", "integer", (c) => c.notNull().references("assets.id").onDelete("restrict"))
    .addColumn("weight", sql`double precision`, (c) => c.notNull())
    .$call(withTimestamps)
    // (date, asset_id) makes a recompute's rows idempotent; its leading column serves idx_allocation_date.
    .addUniqueConstraint("allocations_date_asset_uc", ["date", "asset_id"])
    .addCheckConstraint("allocations_weight_range", sql`weight >= 0 and weight <= 1`)
    .execute();
  await db.schema.createIndex("idx_allocations_asset_id").on("allocations").column("asset_id").execute();
  await addUpdatedAtTrigger(db, "allocations");
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("allocations").execute();
}
