import type { EngineConfig } from "../analytics/engine/types.js";
import { defaultStrategyParams, paramsOf, type StrategyParams } from "../strategy/parameters.js";
import type { StrategyConfig } from "../strategy/strategy-config.type.js";

/** The engine's input config: every strategy parameter (parameters.ts) and the recompute state it honours. */
export type StrategyEngineConfig = EngineConfig & StrategyParams;

/**
 * The engine's view of a strategy configuration: every parameter, as the registry defines it,
 * plus the forced-rebalance state. The engine declares what it reads (EngineConfig); the
 * compiler checks here that the registry supplies each of those with the same type.
 */
export function toEngineConfig(
  c: StrategyParams & Pick<StrategyConfig, "forceRebalance" | "forcedRebalanceDates">,
): StrategyEngineConfig {
  return { ...paramsOf(c), forceRebalance: c.forceRebalance, forcedRebalanceDates: c.forcedRebalanceDates };
}

/** A fresh config holding every default (parameters.ts), no forced rebalance; override fields with a spread. */
export function defaultEngineConfig(): StrategyEngineConfig {
  return { ...defaultStrategyParams(), forceRebalance: false, forcedRebalanceDates: [] };
}
