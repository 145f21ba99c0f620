import type { Insertable, Selectable, Updateable } from "kysely";
import type { Database } from "./generated/database.js";

/**
 * Kysely's view of the tables: `Database` is generated from the migrated schema
 * (src/db/generated/database.ts, `npm run db:types`); row types derive from it. Dates are
 * 'YYYY-MM-DD' strings and int8/numeric are numbers on both engines (src/db/create-db.ts installs
 * the parsers); timestamps are JS Dates.
 */
export type { Database } from "./generated/database.js";
export type { AdjustmentEntry, StrategyParamsSnapshot } from "./json-columns.js";

export type TableName = keyof Database;
/** A row as selected. */
export type Row<T extends TableName> = Selectable<Database[T]>;
/** A row as inserted (generated and nullable columns optional). */
export type NewRow<T extends TableName> = Insertable<Database[T]>;
/** A partial row as updated. */
export type RowUpdate<T extends TableName> = Updateable<Database[T]>;

/** Table interfaces under the names code used before generation (derived, not hand-written). */
export type AssetsTable = Database["assets"];
export type IndexStateTable = Database["index_state"];
export type LoginAttemptsTable = Database["login_attempts"];
export type RiskMetricsTable = Database["risk_metrics"];
export type StrategyConfigsTable = Database["strategy_configs"];
