import { sql, type Kysely } from "kysely";
import type { AdjustmentEntry, Database, Row, RowUpdate } from "../db/schema.js";
import type { StrategyConfig } from "./strategy-config.type.js";
import { paramsOf, STRATEGY_PARAM_NAMES, STRATEGY_PARAMETERS, type StrategyParams } from "./parameters.js";

/**
 * Every column of the strategy row but the audit trail: it grows by an entry per change, forever,
 * and is read by page (findHistoryPage), so reading the configuration never loads it. The
 * parameter columns come from the registry (parameters.ts); the others are listed here.
 */
type ConfigRow = Omit<Row<"strategy_configs">, "adjustment_history">;
type ConfigColumn = Exclude<keyof Database["strategy_configs"], "adjustment_history">;
const CONFIG_COLUMNS: readonly ConfigColumn[] = [
  "id",
  ...STRATEGY_PARAM_NAMES.map((name) => STRATEGY_PARAMETERS[name].column),
  "ai_adjusted",
  "ai_adjustment_reason",
  "ai_confidence_score",
  "version",
  "created_at",
  "updated_at",
];
/** The recompute's state that StrategyConfig still shows (index_state, not the audited row). */
type RecomputeState = Pick<Row<"index_state">, "last_rebalance" | "force_rebalance" | "forced_rebalance_dates">;

/**
 * The parameters of a strategy_configs row, each read from its column (parameters.ts). An
 * enum column holding a value outside its set (the table's check forbids it) is an error,
 * not a value passed on.
 */
export function paramsFromRow(r: ConfigRow): StrategyParams {
  const params: Record<string, unknown> = {};
  for (const name of STRATEGY_PARAM_NAMES) {
    const def = STRATEGY_PARAMETERS[name];
    const v = r[def.column];
    if (def.kind === "enum" && !Object.hasOwn(def.values, v as string))
      throw new Error(`strategy_configs.${def.column} holds ${JSON.stringify(v)}, not one of its values`);
    params[name] = v;
  }
  return params as StrategyParams;
}

export const toStrategyConfig = (r: ConfigRow, x: RecomputeState): StrategyConfig => ({
  ...paramsFromRow(r),
  lastRebalance: x.last_rebalance,
  forceRebalance: x.force_rebalance,
  forcedRebalanceDates: x.forced_rebalance_dates,
  aiAdjusted: r.ai_adjusted,
  aiAdjustmentReason: r.ai_adjustment_reason,
  aiConfidenceScore: r.ai_confidence_score,
  version: r.version,
  updatedAt: r.updated_at,
});

const STATE_COLUMNS = ["x.last_rebalance", "x.force_rebalance", "x.forced_rebalance_dates"] as const;

const selectConfig = (db: Kysely<Database>) =>
  db
    .selectFrom("strategy_configs as s")
    .innerJoin("index_state as x", "x.id", "s.id")
    .select(CONFIG_COLUMNS.map((c) => `s.${c}` as const))
    .select(STATE_COLUMNS)
    .where("s.id", "=", 1);

/** The configuration in force (the singleton row the first migration inserts) with the recompute's state. */
export async function getStrategyConfig(db: Kysely<Database>): Promise<StrategyConfig> {
  const row = await selectConfig(db).executeTakeFirstOrThrow();
  return toStrategyConfig(row, row);
}

/** The configuration row, locked until the transaction ends (strategy writers and recomputes serialise on it). */
export async function getStrategyConfigForUpdate(db: Kysely<Database>): Promise<StrategyConfig> {
  const row = await selectConfig(db).forUpdate("s").executeTakeFirstOrThrow();
  return toStrategyConfig(row, row);
}

/**
 * Optimistic write: applies `set`, bumps the version and appends `entry` to the audit trail in
 * ONE statement, only if the stored version is still `expectedVersion`. Null when it is not.
 */
export async function writeStrategyConfig(
  db: Kysely<Database>,
  expectedVersion: number,
  set: RowUpdate<"strategy_configs">,
  entry: AdjustmentEntry,
): Promise<StrategyConfig | null> {
  const row = await db
    .updateTable("strategy_configs")
    .set({
      ...set,
      version: sql`version + 1`,
      adjustment_history: sql`adjustment_history || ${JSON.stringify([entry])}::jsonb`,
    })
    .where("id", "=", 1)
    .where("version", "=", expectedVersion)
    .returning(CONFIG_COLUMNS)
    .executeTakeFirst();
  if (!row) return null;
  const state = await db
    .selectFrom("index_state")
    .select(["last_rebalance", "force_rebalance", "forced_rebalance_dates"])
    .where("id", "=", 1)
    .executeTakeFirstOrThrow();
  return toStrategyConfig(row, state);
}

/** Records a forceRebalance request (the mutation audits it on the strategy row); the next recompute clears it. */
export async function requestForcedRebalance(db: Kysely<Database>): Promise<void> {
  await db.updateTable("index_state").set({ force_rebalance: true }).where("id", "=", 1).execute();
}

/** Audit entries newest first, before 1-based position `before` (exclusive), with their positions. */
export async function findHistoryPage(
  db: Kysely<Database>,
  before: number | null,
  limit: number,
): Promise<{ position: number; entry: AdjustmentEntry }[]> {
  const { rows } = await sql<{ position: number; entry: AdjustmentEntry }>`
    select t.ord::int as position, t.entry
    from strategy_configs s cross join lateral jsonb_array_elements(s.adjustment_history) with ordinality as t(entry,
      ord)
    where s.id = 1 ${before === null ? sql`` : sql`and t.ord < ${before}`}
    order by t.ord desc
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ position: Number(r.position), entry: r.entry }));
}

export async function countHistory(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("strategy_configs")
    .select(sql<number>`jsonb_array_length(adjustment_history)`.as("n"))
    .where("id", "=", 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Records what a recompute derived, in index_state (never on the audited strategy row): the
 * latest rebalance date, the forced rebalance dates to reproduce, a cleared force_rebalance
 * request, and the parameters and strategy version the stored index was computed with.
 */
export async function recordRecomputeState(
  db: Kysely<Database>,
  state: {
    lastRebalance: string | null;
    forcedRebalanceDates: string[];
    params: StrategyParams;
    strategyVersion: number;
  },
): Promise<void> {
  await db
    .updateTable("index_state")
    .set({
      last_rebalance: state.lastRebalance,
      force_rebalance: false,
      forced_rebalance_dates: JSON.stringify(state.forcedRebalanceDates),
      computed_params: JSON.stringify(state.params),
      computed_strategy_version: state.strategyVersion,
      computed_at: sql<Date>`now()`,
    })
    .where("id", "=", 1)
    .execute();
}

/** The strategy the stored index was computed with: its parameters and version. */
export interface IndexConfig {
  params: StrategyParams;
  /** strategy_configs.version it was computed from; null when no index has been computed. */
  strategyVersion: number | null;
}

/**
 * The parameters the stored index was computed with (DOMAIN §6: holdings, alerts and their
 * threshold, and every figure derived from the stored index use them). Before any recompute
 * there is no stored index; the configuration in force stands in.
 */
export async function getIndexConfig(db: Kysely<Database>): Promise<IndexConfig> {
  const row = await db
    .selectFrom("index_state")
    .select(["computed_params", "computed_strategy_version"])
    .where("id", "=", 1)
    .executeTakeFirstOrThrow();
  if (row.computed_params === null) {
    const current = await getStrategyConfig(db);
    return { params: paramsOf(current), strategyVersion: null };
  }
  const stored = row.computed_params;
  // Every name is present: the recompute writes paramsOf(config); a parameter added later
  // without a recompute since is absent and takes the value in force.
  const missing = STRATEGY_PARAM_NAMES.filter((k) => !(k in stored));
  const current = missing.length ? await getStrategyConfig(db) : null;
  const params = Object.fromEntries(
    STRATEGY_PARAM_NAMES.map((k) => [k, k in stored ? stored[k] : current![k]]),
  ) as StrategyParams;
  return { params, strategyVersion: row.computed_strategy_version };
}
