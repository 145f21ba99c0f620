import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { DateRange } from "../graphql/date-range.js";
import type { IndexValue } from "./index-value.type.js";

export async function findIndexValues(db: Kysely<Database>, range: DateRange): Promise<IndexValue[]> {
  let q = db.selectFrom("index_values").select(["date", "value"]);
  if (range.from) q = q.where("date", ">=", range.from);
  if (range.to) q = q.where("date", "<=", range.to);
  return q.orderBy("date").execute();
}

/** True once a recompute has written index levels. */
export async function hasIndex(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom("index_values").select("date").limit(1).execute()).length > 0;
}
