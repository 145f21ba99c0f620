import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { StrategyConfig } from "./strategy-config.type.js";
import { PublicData } from "../graphql/cache-scope.js";
import { STRATEGY_CONFIG } from "../index/index-read.loaders.js";

@Resolver(() => StrategyConfig)
export class StrategyResolver {
  @PublicData()
  @Query(() => StrategyConfig, { description: "The strategy configuration in force." })
  strategyConfig(@Ctx() ctx: Context): Promise<StrategyConfig> {
    // The same per-request read the analytics fields use (one statement per request).
    return ctx.cache.get(STRATEGY_CONFIG);
  }
}
