import { Arg, Ctx, Float, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { windowComputationCost } from "../graphql/complexity.js";
import { dateRange } from "../graphql/date-range.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { checkAmount, simulateInvestment } from "./simulation.js";
import { InvestmentSimulation } from "./simulation.type.js";
import { PublicData } from "../graphql/cache-scope.js";
import { INDEX_SERIES } from "../index/index-read.loaders.js";

@Resolver(() => InvestmentSimulation)
export class SimulationResolver {
  @PublicData()
  @Query(() => InvestmentSimulation, {
    nullable: true,
    complexity: windowComputationCost,
    description:
      "What `amount` invested at the close of from (window rules of riskMetrics; default inception) is worth " +
      "through to. Null when there is no index (or to is before inception). BAD_USER_INPUT naming the argument " +
      "for a bad amount or from after to.",
  })
  async simulateInvestment(
    @Ctx() ctx: Context,
    @Arg("amount", () => Float, { description: "Currency units invested; finite and > 0 (BAD_USER_INPUT otherwise)." })
    amount: number,
    @Arg("from", () => DateScalar, {
      nullable: true,
      description: "Purchase at the close of the latest trading date ≤ from (at least inception); null = inception.",
    })
    from?: string | null,
    @Arg("to", () => DateScalar, {
      nullable: true,
      description: "Hold to the latest trading date ≤ to; null = the latest date.",
    })
    to?: string | null,
  ): Promise<InvestmentSimulation | null> {
    checkAmount(amount);
    const range = dateRange(from, to);
    return simulateInvestment(await ctx.cache.get(INDEX_SERIES), amount, range.from, range.to);
  }
}
