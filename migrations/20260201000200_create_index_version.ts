import { sql, type Kysely } from "kysely";

// A counter of the stored index (index values, allocations, risk metrics, events, holdings,
// data-quality flags and the strategy row's recompute state), bumped inside every recompute's
// transaction. With market_data_version and strategy_configs.version it names one state of
// everything a public read returns, so every process sharing the database can tell at once
// whether a cached response is still current. A singleton row, like market_data_version.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("index_version")
    .addColumn("id", "integer", (c) => c.primaryKey().defaultTo(1))
    .addColumn("version", "bigint", (c) => c.notNull().defaultTo(0))
    .addCheckConstraint("index_version_singleton", sql`id = 1`)
    .execute();
  await sql`insert into index_version (id, version) values (1, 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("index_version").execute();
}
