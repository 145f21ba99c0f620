import { sql, type Kysely } from "kysely";

// The market-data version moves only when a statement changes rows. Until now every insert,
// update or delete statement on assets, prices or market caps bumped it, even one that
// changed nothing (an upsert re-sending stored values, a delete matching no row): it then
// invalidated every process's cached engine inputs for nothing, and waited for the version
// row's lock behind any long import. The triggers now see the statement's changed rows
// (transition tables) and bump only when there is one; a truncate always bumps.
const TABLES = ["assets", "prices", "market_cap_data"];
const TRANSITION_TABLES = {
  insert: "referencing new table as changed_rows",
  update: "referencing new table as changed_rows",
  delete: "referencing old table as changed_rows",
};

export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ schema: string }>`select quote_ident(current_schema()) as schema`.execute(db);
  await sql`create function bump_market_data_version_if_changed() returns trigger language plpgsql
    ${sql.raw(`set search_path = ${rows[0].schema}, pg_temp`)} as $$
    begin
      if exists (select from changed_rows) then
        update market_data_version set version = version + 1 where id = 1;
      end if;
      return null;
    end $$`.execute(db);
  for (const t of TABLES) {
    await sql`drop trigger ${sql.raw(`${t}_bump_market_data_version`)} on ${sql.table(t)}`.execute(db);
    for (const [event, transition] of Object.entries(TRANSITION_TABLES)) {
      await sql.raw(`create trigger ${t}_bump_market_data_version_${event} after ${event} on ${t} ${transition}
        for each statement execute function bump_market_data_version_if_changed()`).execute(db);
    }
    await sql.raw(`create trigger ${t}_bump_market_data_version_truncate after truncate on ${t}
      for each statement execute function bump_market_data_version()`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of TABLES) {
    for (const event of [...Object.keys(TRANSITION_TABLES), "truncate"]) await sql.raw(`drop trigger ${t}_bump_market_data_version_${event} on ${t}`).execute(db);
    await sql.raw(`create trigger ${t}_bump_market_data_version after insert or update or delete or truncate on ${t}
      for each statement execute function bump_market_data_version()`).execute(db);
  }
  await sql`drop function bump_market_data_version_if_changed()`.execute(db);
}
