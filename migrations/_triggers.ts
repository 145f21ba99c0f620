import { sql, type Kysely, type RawBuilder } from "kysely";

// Frozen helpers for the migrations that create trigger functions and statement triggers.
// Never change their output: migrations that ran must mean the same thing forever. Add a new
// helper instead.

/**
 * `set search_path = <the current schema>, pg_temp`, for a function's definition: binds its
 * unqualified table names to the schema it is created in (as a foreign key binds to its
 * tables), whatever the search_path or role of the caller; temporary tables come last.
 */
export async function pinnedSearchPath(db: Kysely<any>): Promise<RawBuilder<unknown>> {
  const { rows } = await sql<{ schema: string }>`select quote_ident(current_schema()) as schema`.execute(db);
  return sql.raw(`set search_path = ${rows[0].schema}, pg_temp`);
}

/** The transition tables each event has, as new_rows / old_rows (a trigger with them takes one event). */
const TRANSITION_TABLES = {
  insert: "referencing new table as new_rows",
  update: "referencing old table as old_rows new table as new_rows",
  delete: "referencing old table as old_rows",
  truncate: "",
};

export type TriggerEvent = keyof typeof TRANSITION_TABLES;

/**
 * `create trigger <prefix>_<event> after <event> on <table> <transition tables>
 *   for each statement execute function <fn>()`.
 */
export async function statementTrigger(
  db: Kysely<any>,
  table: string,
  prefix: string,
  event: TriggerEvent,
  fn: string,
): Promise<void> {
  await sql
    .raw(
      `create trigger ${prefix}_${event} after ${event} on ${table} ${TRANSITION_TABLES[event]} ` +
        `for each statement execute function ${fn}()`,
    )
    .execute(db);
}
