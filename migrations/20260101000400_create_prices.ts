import { sql, type Kysely } from "kysely";
import { addUpdatedAtTrigger, withTimestamps } from "./_timestamps.js";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("prices")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    // restrict: deleting an asset with prices must be explicit (the asset admin forces it).
    .addColumn("asset_id", "integer", (c) => c.notNull().references("assets.id").onDelete("restrict"))
    .addColumn("date", "date", (c) => c.notNull())
    .addColumn("close", sql`double precision`, (c) => c.notNull())
    .$call(withTimestamps)
    // The unique key is also the composite (asset_id, date) index of the seed (idx_price_asset_date).
    .addUniqueConstraint("_asset_date_uc", ["asset_id", "date"])
    .addCheckConstraint("prices_close_positive_finite", sql`close > 0 and close < 'Infinity'::float8`)
    .execute();
  await db.schema.createIndex("idx_prices_date").on("prices").column("date").execute();
  await addUpdatedAtTrigger(db, "prices");
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("prices").execute();
}
