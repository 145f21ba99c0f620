import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "./schema.js";

/**
 * The statement budget of the long maintenance work (a recompute, an import, the demo seed):
 * the API's pool cancels any statement past QUERY_TIMEOUT_MS (statement_timeout, Postgres),
 * which a recompute of a large universe may need longer than.
 */
export const LONG_STATEMENT_TIMEOUT_MS = 10 * 60_000;

/** Raises statement_timeout for the rest of the transaction `trx` (set_config(…, true) = SET LOCAL). */
export async function allowLongStatements(
  trx: Transaction<Database> | Kysely<Database>,
  ms = LONG_STATEMENT_TIMEOUT_MS,
): Promise<void> {
  await sql`select set_config('statement_timeout', ${String(ms)}, true)`.execute(trx);
}
