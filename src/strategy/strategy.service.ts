import type { Kysely, Updateable } from "kysely";
import type { Viewer } from "../context.js";
import type { AdjustmentEntry, Database, StrategyConfigsTable } from "../db/schema.js";
import { badInput, conflict } from "../errors.js";
import type { StrategyConfig } from "./strategy-config.type.js";
import { paramsOf, STRATEGY_PARAM_COLUMNS, STRATEGY_PARAM_NAMES, type StrategyParams } from "./strategy-params.js";
import { getStrategyConfigForUpdate, requestForcedRebalance, writeStrategyConfig } from "./strategy.repo.js";
import { assertValidStrategy } from "./strategy.validation.js";

export type ChangeKind = "update" | "ai_adjustment" | "force_rebalance";

export interface StrategyChange {
  kind: ChangeKind;
  patch: Partial<StrategyParams>;
  reason: string;
  /** The version the caller read; null only for forceRebalance (then the current one). */
  expectedVersion: number | null;
  /** ai_* fields (applyAiAdjustment) or force_rebalance (forceRebalance). */
  flags?: { ai?: { confidence: number }; forceRebalance?: boolean };
}

export interface StrategyChangeResult {
  config: StrategyConfig;
  entry: AdjustmentEntry;
}

const staleVersion = (current: number) =>
  conflict(`the strategy configuration has changed (version ${current}); read it again and retry`, {
    currentVersion: current,
  });

/**
 * Validates the merged configuration, writes it and appends its audit entry, in the caller's
 * transaction. The row is locked first, so concurrent writers serialise; a stale
 * expectedVersion is CONFLICT (extensions.currentVersion), and the write itself is
 * conditional on the version as well.
 */
export async function changeStrategy(
  trx: Kysely<Database>,
  viewer: Viewer,
  change: StrategyChange,
): Promise<StrategyChangeResult> {
  const current = await getStrategyConfigForUpdate(trx);
  const expected = change.expectedVersion ?? current.version;
  if (current.version !== expected) throw staleVersion(current.version);
  const before = paramsOf(current);
  const after: StrategyParams = { ...before };
  for (const k of STRATEGY_PARAM_NAMES)
    if (change.patch[k] !== undefined) (after as Record<string, unknown>)[k] = change.patch[k];
  assertValidStrategy(after);

  const set: Record<string, unknown> = {};
  const changes: AdjustmentEntry["changes"] = {};
  const note = (field: string, column: string | null, from: unknown, to: unknown) => {
    if (Object.is(from, to)) return;
    if (column !== null) set[column] = to;
    changes[field] = { from, to };
  };
  for (const k of STRATEGY_PARAM_NAMES) note(k, STRATEGY_PARAM_COLUMNS[k], before[k], after[k]);
  const ai = change.flags?.ai;
  if (ai) {
    if (!Number.isFinite(ai.confidence) || ai.confidence < 0 || ai.confidence > 1)
      throw badInput("confidence must be in [0, 1]", [{ field: "confidence", message: "must be in [0, 1]" }]);
    note("aiAdjusted", "ai_adjusted", current.aiAdjusted, true);
    note("aiAdjustmentReason", "ai_adjustment_reason", current.aiAdjustmentReason, change.reason);
    note("aiConfidenceScore", "ai_confidence_score", current.aiConfidenceScore, ai.confidence);
  }
  // The request is audited here (entry + version bump); its state lives in index_state, where
  // the recompute that honours it clears it.
  const force = change.flags?.forceRebalance === true;
  if (force) note("forceRebalance", null, current.forceRebalance, true);

  const entry: AdjustmentEntry = {
    timestamp: new Date().toISOString(),
    changes,
    userId: viewer.userId,
    actor: viewer.via === "admin-token" ? "admin-token" : "user",
    reason: change.reason,
    kind: change.kind,
    version: expected + 1,
  };
  if (force) await requestForcedRebalance(trx);
  const config = await writeStrategyConfig(trx, expected, set as Updateable<StrategyConfigsTable>, entry);
  if (!config) throw staleVersion(current.version);
  return { config, entry };
}
