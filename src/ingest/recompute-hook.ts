import type { Kysely } from "kysely";
import { formatSummary } from "../cli/recompute.command.js";
import type { Database } from "../db/schema.js";
import { recomputeIndex } from "../index/recompute.service.js";

/** Recomputes the index after an import (`autoindex import ... --recompute`). */
export async function recomputeIndexFromCli(db: Kysely<Database>): Promise<void> {
  console.log(formatSummary(await recomputeIndex(db)));
}
