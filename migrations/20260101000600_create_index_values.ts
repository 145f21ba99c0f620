import { sql, type Kysely } from "kysely";
import { addUpdatedAtTrigger, withTimestamps } from "./_timestamps.js";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("index_values")
    .addColumn("id", "serial", (c) => c.primaryKey())
    // Unique date: this is also idx_index_value_date of the seed.
    .addColumn("date", "date", (c) => c.notNull().unique())
    .addColumn("value", sql`double precision`, (c) => c.notNull())
    .$call(withTimestamps)
    .addCheckConstraint("index_values_value_finite", sql`value >= 0 and value < 'Infinity'::float8`)
    .execute();
  await addUpdatedAtTrigger(db, "index_values");
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("index_values").execute();
}
