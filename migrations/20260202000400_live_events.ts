import { sql, type Kysely } from "kysely";

// The log of live events (GraphQL subscriptions, src/live/). A writer inserts its event in the
// transaction of the change it announces, so the event exists exactly when the change
// commits; the trigger's pg_notify is delivered by Postgres at that commit (never for a
// rollback) to every listening process. The notification carries only the row id: listeners
// read the rows after the last id they saw, which also lets a reconnected listener catch up.
// The channel names the schema, so schemas sharing one database never hear each other.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("live_events")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("live_events_created_at").on("live_events").column("created_at").execute();
  await sql`
    create function live_events_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('autoindex_live_' || tg_table_schema, new.id::text);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger live_events_notify after insert on live_events
    for each row execute function live_events_notify()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("live_events").execute();
  await sql`drop function live_events_notify()`.execute(db);
}
