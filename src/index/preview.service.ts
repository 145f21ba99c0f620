import type { Kysely } from "kysely";
import { runEngine } from "../analytics/engine/engine.js";
import type { EngineResult } from "../analytics/engine/types.js";
import type { RiskMetricRow } from "../analytics/metrics/types.js";
import type { Database } from "../db/schema.js";
import type { StrategyConfig } from "../strategy/strategy-config.type.js";
import type { StrategyParams } from "../strategy/parameters.js";
import { paramsOf } from "../strategy/parameters.js";
import { getStrategyConfig } from "../strategy/strategy.repo.js";
import { assertValidStrategy } from "../strategy/strategy.validation.js";
import { toEngineConfig } from "./engine-config.js";
import { cachedMarketData } from "./market-data.cache.js";
import { computeIndex } from "./recompute.service.js";

export interface Preview {
  /** The stored configuration with the proposed parameters applied. */
  config: StrategyConfig;
  params: StrategyParams;
  result: EngineResult;
  /** The metric row the latest date would get (inception..latest), as a recompute would store it. */
  metrics: RiskMetricRow | null;
  engineMs: number;
}

/**
 * Runs the engine for a hypothetical configuration (the stored one with `patch` applied,
 * validated as a whole) over the stored market data, writing nothing.
 */
export async function previewStrategy(db: Kysely<Database>, patch: Partial<StrategyParams>): Promise<Preview> {
  const [stored, market] = await Promise.all([getStrategyConfig(db), cachedMarketData(db)]);
  const params = { ...paramsOf(stored), ...patch };
  assertValidStrategy(params);
  const started = performance.now();
  const result = runEngine({ ...market, config: toEngineConfig({ ...stored, ...params }) });
  const series = computeIndex(result, params.riskFreeRate);
  return {
    config: { ...stored, ...params },
    params,
    result,
    metrics: series.at(-1) ?? null,
    engineMs: Math.round(performance.now() - started),
  };
}
