import { sql, type Kysely } from "kysely";
import { pinnedSearchPath, statementTrigger } from "./_triggers.js";

// The market-data version moves only when a statement changes rows. Until now every insert,
// update or delete statement on assets, prices or market caps bumped it, even one that
// changed nothing (an upsert re-sending stored values, a delete matching no row): it then
// invalidated every process's cached engine inputs for nothing, and waited for the version
// row's lock behind any long import. The triggers now see the statement's changed rows
// (transition tables) and bump only when there is one; a truncate always bumps.
const TABLES = ["assets", "prices", "market_cap_data"];
const CHANGING_EVENTS = ["insert", "update", "delete"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create function bump_market_data_version_if_changed() returns trigger language plpgsql
    ${await pinnedSearchPath(db)} as $$
    declare
      changed boolean;
    begin
      -- One query per event: only the transition table the event has may be named.
      if tg_op = 'DELETE' then
        changed := exists (select from old_rows);
      else
        changed := exists (select from new_rows);
      end if;
      if changed then
        update market_data_version set version = version + 1 where id = 1;
      end if;
      return null;
    end $$`.execute(db);
  for (const t of TABLES) {
    const prefix = `${t}_bump_market_data_version`;
    await sql.raw(`drop trigger ${prefix} on ${t}`).execute(db);
    for (const event of CHANGING_EVENTS)
      await statementTrigger(db, t, prefix, event, "bump_market_data_version_if_changed");
    await statementTrigger(db, t, prefix, "truncate", "bump_market_data_version");
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of TABLES) {
    const prefix = `${t}_bump_market_data_version`;
    for (const event of [...CHANGING_EVENTS, "truncate"])
      await sql.raw(`drop trigger ${prefix}_${event} on ${t}`).execute(db);
    await sql
      .raw(`create trigger ${prefix} after insert or update or delete or truncate on ${t}
      for each statement execute function bump_market_data_version()`)
      .execute(db);
  }
  await sql`drop function bump_market_data_version_if_changed()`.execute(db);
}
