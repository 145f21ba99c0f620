import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { LiveTopic } from "./topics.js";

/** A committed event as listeners read it back. */
export interface LiveEventRow {
  id: number;
  topic: LiveTopic;
  payload: Record<string, unknown>;
}

/**
 * Appends an event in the caller's transaction (it becomes visible, and its NOTIFY is
 * delivered, only when that transaction commits; a rollback leaves no trace). Event writers
 * are serialised from this point to their commit by a transaction-level advisory lock, so ids
 * become visible in increasing order: a listener that has seen id n has seen every committed
 * id below n, and "read the rows after the last id" never skips one that commits late.
 */
export async function appendLiveEvent(
  trx: Kysely<Database>,
  topic: LiveTopic,
  payload: Record<string, unknown>,
): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtext('autoindex_live_' || current_schema()))`.execute(trx);
  const row = await trx
    .insertInto("live_events")
    .values({ topic, payload: JSON.stringify(payload) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Committed events after `afterId`, oldest first, at most `limit`. */
export async function liveEventsAfter(db: Kysely<Database>, afterId: number, limit: number): Promise<LiveEventRow[]> {
  const rows = await db
    .selectFrom("live_events")
    .select(["id", "topic", "payload"])
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit)
    .execute();
  // Rows are written by appendLiveEvent only: a known topic and a JSON object (the column is jsonb).
  return rows.map((r) => ({
    id: Number(r.id),
    topic: r.topic as LiveTopic,
    payload: r.payload as Record<string, unknown>,
  }));
}

/** The newest committed event id (0 when none): where a starting listener begins. */
export async function latestLiveEventId(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("live_events")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirst();
  return row?.id == null ? 0 : Number(row.id);
}

/** Deletes events older than the retention; a listener offline longer than that cannot catch up on them. */
export async function pruneLiveEvents(db: Kysely<Database>, retentionSeconds: number): Promise<number> {
  const result = await db
    .deleteFrom("live_events")
    .where("created_at", "<", sql<Date>`now() - make_interval(secs => ${retentionSeconds})`)
    .executeTakeFirst();
  return Number(result.numDeletedRows ?? 0);
}

/** The NOTIFY channel of a schema's events (see the migration's trigger). */
export const liveChannel = (schema: string) => `autoindex_live_${schema}`;
