/**
 * The shapes of the jsonb documents some columns hold. These are not row types (those derive from
 * the generated interface in src/db/generated/database.ts): scripts/db-types.ts maps the columns
 * to these types.
 */

/** One entry of strategy_configs.adjustment_history (the audit trail). */
export interface AdjustmentEntry {
  timestamp: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  userId: number | null;
  actor?: string;
  reason: string;
  kind?: string;
  version?: number;
}

/** The strategy parameters by API name, as stored in index_state.computed_params. */
export type StrategyParamsSnapshot = Record<string, string | number | null>;
