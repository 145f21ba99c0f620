import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { DateRange } from "../graphql/date-range.js";
import { toIndexEvent } from "./index-event.js";
import type { IndexEvent } from "./index-event.type.js";

/** Events between from and to (inclusive), optionally of the given types, by date then in processing order. */
export async function findIndexEvents(
  db: Kysely<Database>,
  range: DateRange,
  types: readonly string[] | null,
): Promise<IndexEvent[]> {
  let q = db.selectFrom("index_events").select(["date", "type", "asset_id", "detail", "value"]);
  if (range.from) q = q.where("date", ">=", range.from);
  if (range.to) q = q.where("date", "<=", range.to);
  if (types !== null) q = q.where("type", "=", (eb) => eb.fn.any(eb.val([...types])));
  const rows = await q.orderBy("date").orderBy("id").execute();
  return rows.map((r) =>
    toIndexEvent({ date: r.date, type: r.type, assetId: r.asset_id, detail: r.detail, value: r.value }),
  );
}
