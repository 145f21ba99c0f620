import type { Transaction } from "kysely";
import { runEngine } from "../analytics/engine/engine.js";
import type { EngineResult } from "../analytics/engine/types.js";
import { riskMetricSeries } from "../analytics/metrics/series.js";
import type { RiskMetricRow } from "../analytics/metrics/types.js";
import type { Database } from "../db/schema.js";
import { bumpIndexVersion } from "../graphql/data-version.repo.js";
import { paramsOf } from "../strategy/parameters.js";
import { getStrategyConfigForUpdate, recordRecomputeState } from "../strategy/strategy.repo.js";
import { toEngineConfig } from "./engine-config.js";
import { loadMarketData } from "./engine-input.repo.js";
import { replaceIndexOutputs } from "./index-output.repo.js";
import { allowLongStatements } from "../db/statement-timeout.js";
import { metrics as observed } from "../metrics.js";
import { appendLiveEvent } from "../live/live-events.repo.js";
import { indexChanges, LiveTopic, type AlertRaisedPayload, type IndexUpdatedPayload } from "../live/topics.js";
import { findIndexValueSeries } from "./index-value.repo.js";
import { findIndexEvents } from "./index-event.repo.js";
import { DROP_ALERT } from "./index-event.js";

export interface RecomputeSummary {
  tradingDates: number;
  inceptionDate: string | null;
  latestDate: string | null;
  latestLevel: number | null;
  rebalances: number;
  lastRebalance: string | null;
  events: number;
  alerts: number;
  flaggedPrices: number;
  /** Milliseconds spent reading inputs, in the engine and metrics, and writing outputs. */
  timings: { readMs: number; engineMs: number; metricsMs: number; writeMs: number; totalMs: number };
}

/** The engine and the stored metric series over one market-data snapshot (pure, no I/O). */
export function computeIndex(result: EngineResult, riskFreeRate: number): RiskMetricRow[] {
  return riskMetricSeries(
    result.levels.map((l) => l.date),
    result.levels.map((l) => l.value),
    result.benchmarkAssetId === null ? null : result.benchmarkCloses,
    { periodsPerYear: 252, riskFreeRate },
  );
}

/**
 * Recomputes the whole index from the stored prices, market caps and strategy, and replaces
 * index_values, allocations, risk_metrics, the events, holdings and data-quality flags, and
 * index_state (last_rebalance, the configuration it was computed with) in the caller's
 * transaction, which the resolver or command opens (`db.transaction().execute(recomputeIndex)`),
 * alone or with the change that asks for it (a strategy mutation, an asset deletion): readers
 * see the old index or the new one. Recomputes are serialised by the strategy row lock; any
 * failure rolls the transaction back and leaves the previous index untouched.
 */
export async function recomputeIndex(trx: Transaction<Database>): Promise<RecomputeSummary> {
  const started = performance.now();
  await allowLongStatements(trx);
  // The strategy row lock serialises recomputes across processes, and strategy writers take
  // the same lock first, so every path acquires the one lock in the same order (no deadlock).
  const strategy = await getStrategyConfigForUpdate(trx);
  const market = await loadMarketData(trx);
  const read = performance.now();
  const result = runEngine({ ...market, config: toEngineConfig(strategy) });
  const engineDone = performance.now();
  const metrics = computeIndex(result, strategy.riskFreeRate);
  const metricsDone = performance.now();
  // The stored index before it is replaced: what changed goes out as live events on commit.
  const [before] = await findIndexValueSeries(trx, [{ from: null, to: null }]);
  const alertsBefore = new Set((await findIndexEvents(trx, { from: null, to: null }, [DROP_ALERT])).map((e) => e.date));
  await replaceIndexOutputs(trx, result, metrics);
  await recordRecomputeState(trx, {
    lastRebalance: result.lastRebalance,
    forcedRebalanceDates: result.forcedRebalanceDates,
    params: paramsOf(strategy),
    strategyVersion: strategy.version,
  });
  await bumpIndexVersion(trx); // cached responses of the old index stop matching (src/http/response-cache.ts)
  await publishRecompute(trx, result, before, alertsBefore, strategy);
  const done = performance.now();
  observed.recomputeDuration.observe((done - started) / 1000);
  observed.recomputeRows.inc(result.calendar.length);
  const latest = result.levels.at(-1);
  return {
    tradingDates: result.calendar.length,
    inceptionDate: result.inceptionDate,
    latestDate: latest?.date ?? null,
    latestLevel: latest?.value ?? null,
    rebalances: result.rebalances.length,
    lastRebalance: result.lastRebalance,
    events: result.events.length,
    alerts: result.alerts.length,
    flaggedPrices: result.quality.flags.reduce((n, f) => n + (f ? 1 : 0), 0),
    timings: {
      readMs: Math.round(read - started),
      engineMs: Math.round(engineDone - read),
      metricsMs: Math.round(metricsDone - engineDone),
      writeMs: Math.round(done - metricsDone),
      totalMs: Math.round(done - started),
    },
  };
}

/** indexUpdated (always) and alertRaised (when alerts appeared), appended in the recompute's transaction. */
async function publishRecompute(
  trx: Transaction<Database>,
  result: EngineResult,
  before: { dates: readonly string[]; values: ArrayLike<number> },
  alertsBefore: ReadonlySet<string>,
  strategy: { version: number; dailyDropThreshold: number },
): Promise<void> {
  const latest = result.levels.at(-1);
  const n = before.dates.length;
  const index: IndexUpdatedPayload = {
    latestDate: latest?.date ?? null,
    latestLevel: latest?.value ?? null,
    previousLatestDate: n ? before.dates[n - 1] : null,
    previousLatestLevel: n ? before.values[n - 1] : null,
    tradingDates: result.calendar.length,
    ...indexChanges(before, result.levels),
    rebalances: result.rebalances.length,
    lastRebalance: result.lastRebalance,
    strategyVersion: strategy.version,
  };
  await appendLiveEvent(trx, LiveTopic.INDEX_UPDATED, { ...index });
  const raised = result.alerts.filter((a) => !alertsBefore.has(a.date));
  if (raised.length) {
    const alerts: AlertRaisedPayload = { threshold: strategy.dailyDropThreshold, alerts: raised };
    await appendLiveEvent(trx, LiveTopic.ALERT_RAISED, { ...alerts });
  }
}
