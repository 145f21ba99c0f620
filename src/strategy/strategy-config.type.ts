import { Field, Float, GraphQLISODateTime, Int, ObjectType } from "type-graphql";
import { DateScalar } from "../graphql/date-scalar.js";
import { PublicData } from "../graphql/cache-scope.js";

@PublicData()
@ObjectType({ description: "The strategy in force: sleeve blend, cleaning rules, rebalancing (DOMAIN §1)." })
export class StrategyConfig {
  @Field(() => Float, { description: "Momentum sleeve weight in [0, 1]; the three sleeve weights sum to 1." })
  momentumWeight!: number;
  @Field(() => Float, { description: "Market-cap sleeve weight in [0, 1]." }) marketCapWeight!: number;
  @Field(() => Float, { description: "Risk-parity (inverse volatility) sleeve weight in [0, 1]." })
  riskParityWeight!: number;
  @Field(() => Float, { description: "A daily index return at or below this raises an alert (decimal, in [-1, 0])." })
  dailyDropThreshold!: number;
  @Field(() => Float, { description: "Upper bound of a daily return fed to signals (decimal, > 0)." })
  maxDailyReturn!: number;
  @Field(() => Float, { description: "Lower bound of a daily return fed to signals (decimal, < 0)." })
  minDailyReturn!: number;
  @Field(() => Float, { description: "Closes strictly below this are treated as missing." }) minPriceThreshold!: number;
  @Field(() => String, { description: "daily | weekly | monthly | quarterly" }) rebalanceFrequency!: string;
  @Field(() => DateScalar, {
    nullable: true,
    description:
      "The latest rebalance date of the stored index (recorded by the recompute, outside the audited configuration).",
  })
  lastRebalance!: string | null;
  @Field(() => Boolean, {
    description:
      "When true, the next computation rebalances on the latest trading date (set by the audited forceRebalance, cleared by the recompute that honours it).",
  })
  forceRebalance!: boolean;
  @Field(() => [DateScalar], { description: "Dates of earlier forced rebalances (reproduced by every recompute)." })
  forcedRebalanceDates!: string[];
  @Field(() => Int, { description: "Trading dates a missing close may be carried forward." })
  maxForwardFillDays!: number;
  @Field(() => Float, { description: "k in |r − μ| > k·σ for outliers." }) outlierStdThreshold!: number;
  @Field(() => Int) momentumLookbackDays!: number;
  @Field(() => Int) volatilityLookbackDays!: number;
  @Field(() => Float, { nullable: true, description: "Cap on one asset's weight, in (0, 1]; null = no cap." })
  maxAssetWeight!: number | null;
  @Field(() => Float, { description: "Transaction cost per unit of two-way turnover, in basis points." })
  transactionCostBps!: number;
  @Field(() => Float, { description: "Annual risk-free rate (decimal) for Sharpe and Sortino." }) riskFreeRate!: number;
  @Field(() => String, { nullable: true, description: "Symbol of the benchmark asset (never in the universe)." })
  benchmarkSymbol!: string | null;
  @Field(() => Boolean) aiAdjusted!: boolean;
  @Field(() => String, { nullable: true }) aiAdjustmentReason!: string | null;
  @Field(() => Float, { nullable: true, description: "Confidence in [0, 1] of the last AI adjustment." })
  aiConfidenceScore!: number | null;
  @Field(() => Int, { description: "Optimistic-concurrency version; pass it back as expectedVersion when updating." })
  version!: number;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}
