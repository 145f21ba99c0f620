import { sql, type Kysely } from "kysely";

// Market-data dates stay within what the imports and mutations accept (0001-01-01 through
// 9999-12-31). The recompute reads price dates as day numbers (date - '1970-01-01'), which
// fails on 'infinity' and would not print back as 'YYYY-MM-DD' past year 9999; a row written
// around the API (plain SQL) is refused at the door instead of breaking every recompute.
// Rows already out of range (they break every recompute already) stop the migration with a
// list of them, to delete or correct first.
const TABLES = ["prices", "market_cap_data"];
const RANGE = sql`date between '0001-01-01' and '9999-12-31'`;

export async function up(db: Kysely<any>): Promise<void> {
  for (const t of TABLES) {
    const { rows } = await sql<{ row: string }>`
      select format('(asset_id %s, date %s)', asset_id, date) as row from ${sql.table(t)} where not (${RANGE}) limit 10`.execute(
      db,
    );
    if (rows.length)
      throw new Error(
        `${t} has dates outside 0001-01-01..9999-12-31, which no recompute can read; delete or correct them first: ${rows.map((r) => r.row).join(", ")}`,
      );
    await sql`alter table ${sql.table(t)} add constraint ${sql.raw(`${t}_date_range`)} check (${RANGE})`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of TABLES)
    await sql`alter table ${sql.table(t)} drop constraint ${sql.raw(`${t}_date_range`)}`.execute(db);
}
