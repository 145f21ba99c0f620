import type { Transaction } from "kysely";
import type { Context } from "../context.js";
import type { Database } from "../db/schema.js";
import { recomputeIndex } from "../index/recompute.service.js";

/**
 * Recomputes the index after a strategy change, inside the mutation's transaction (`trx`), so
 * that a failed recompute rolls the change back. Called only when the caller asked for it.
 */
export async function recomputeAfterStrategyChange(ctx: Context, trx: Transaction<Database>): Promise<void> {
  const summary = await recomputeIndex(ctx.db, trx);
  ctx.log.info({ summary }, "index recomputed after a strategy change");
}
