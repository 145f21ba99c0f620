import { sql, type Kysely } from "kysely";

// Market-data dates stay within what the imports and mutations accept (0001-01-01 through
// 9999-12-31). The recompute reads price dates as day numbers (date - '1970-01-01'), which
// fails on 'infinity' and would not print back as 'YYYY-MM-DD' past year 9999; a row written
// around the API (plain SQL) is refused at the door instead of breaking every recompute.
const TABLES = ["prices", "market_cap_data"];

export async function up(db: Kysely<any>): Promise<void> {
  for (const t of TABLES) {
    await sql`alter table ${sql.table(t)} add constraint ${sql.raw(`${t}_date_range`)}
      check (date between '0001-01-01' and '9999-12-31')`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of TABLES) await sql`alter table ${sql.table(t)} drop constraint ${sql.raw(`${t}_date_range`)}`.execute(db);
}
