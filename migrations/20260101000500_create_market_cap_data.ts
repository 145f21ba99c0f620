import { sql, type Kysely } from "kysely";
import { addUpdatedAtTrigger, withTimestamps } from "./_timestamps.js";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("market_cap_data")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("asset_id", "integer", (c) => c.notNull().references("assets.id").onDelete("cascade"))
    // Point-in-time record date (the seed's DateTime; only the date part has meaning, DOMAIN §1).
    .addColumn("date", "date", (c) => c.notNull())
    .addColumn("market_cap", sql`double precision`)
    .addColumn("shares_outstanding", sql`double precision`)
    .addColumn("free_float", sql`double precision`)
    .addColumn("average_volume", sql`double precision`)
    .$call(withTimestamps)
    // One record per (asset, date): a re-sent record replaces the earlier one (the latest wins).
    .addUniqueConstraint("market_cap_data_asset_date_uc", ["asset_id", "date"])
    .addCheckConstraint("market_cap_free_float_range", sql`free_float is null or (free_float > 0 and free_float <= 1)`)
    .addCheckConstraint(
      "market_cap_values_finite",
      sql`(market_cap is null or (market_cap >= 0 and market_cap < 'Infinity'::float8))
        and (shares_outstanding is null or (shares_outstanding >= 0 and shares_outstanding < 'Infinity'::float8))
        and (average_volume is null or (average_volume >= 0 and average_volume < 'Infinity'::float8))`,
    )
    .execute();
  await db.schema.createIndex("idx_market_cap_data_date").on("market_cap_data").column("date").execute();
  await addUpdatedAtTrigger(db, "market_cap_data");
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("market_cap_data").execute();
}
