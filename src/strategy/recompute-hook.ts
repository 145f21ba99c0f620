import type { Kysely } from "kysely";
import type { Context } from "../context.js";
import type { Database } from "../db/schema.js";
import { badInput } from "../errors.js";

/**
 * Recomputes the index after a strategy change, inside the mutation's transaction (`trx`), so
 * that a failed recompute rolls the change back. Called only when the caller asked for it.
 */
export async function recomputeAfterStrategyChange(_ctx: Context, _trx: Kysely<Database>): Promise<void> {
  // Placeholder until the engine issue lands: the engine integration replaces this body.
  throw badInput("recompute is not available yet", [{ field: "recompute", message: "not available yet; omit it or pass false" }]);
}
