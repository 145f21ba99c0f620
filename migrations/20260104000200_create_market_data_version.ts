import { sql, type Kysely } from "kysely";

// A counter bumped by every statement that changes the engine's inputs (assets, prices,
// market caps). Processes cache the engine input keyed by it (previews stay fast) and every
// process sees a change at once, so the API stays stateless. Statement-level triggers: one
// bump per statement, whatever its row count.
const TABLES = ["assets", "prices", "market_cap_data"];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("market_data_version")
    .addColumn("id", "integer", (c) => c.primaryKey().defaultTo(1))
    .addColumn("version", "bigint", (c) => c.notNull().defaultTo(0))
    .addCheckConstraint("market_data_version_singleton", sql`id = 1`)
    .execute();
  await sql`insert into market_data_version (id, version) values (1, 0)`.execute(db);
  await sql`create or replace function bump_market_data_version() returns trigger language plpgsql as $$
    begin
      update market_data_version set version = version + 1 where id = 1;
      return null;
    end $$`.execute(db);
  for (const t of TABLES) {
    await sql`create trigger ${sql.raw(`${t}_bump_market_data_version`)}
      after insert or update or delete or truncate on ${sql.table(t)}
      for each statement execute function bump_market_data_version()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of TABLES)
    await sql`drop trigger if exists ${sql.raw(`${t}_bump_market_data_version`)} on ${sql.table(t)}`.execute(db);
  await sql`drop function if exists bump_market_data_version()`.execute(db);
  await db.schema.dropTable("market_data_version").execute();
}
