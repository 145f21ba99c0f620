import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { getStrategyConfig } from "./strategy.repo.js";
import { StrategyConfig } from "./strategy-config.type.js";

@Resolver(() => StrategyConfig)
export class StrategyResolver {
  @Query(() => StrategyConfig, { description: "The strategy configuration in force." })
  strategyConfig(@Ctx() ctx: Context): Promise<StrategyConfig> {
    return getStrategyConfig(ctx.db);
  }
}
