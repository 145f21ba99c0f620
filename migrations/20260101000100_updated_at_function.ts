import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // Only bump updated_at when the row really changed, so idempotent upserts leave it alone.
  await sql`create or replace function set_updated_at() returns trigger language plpgsql as $$
    begin
      if row(new.*) is distinct from row(old.*) then
        new.updated_at := now();
      end if;
      return new;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists set_updated_at()`.execute(db);
}
