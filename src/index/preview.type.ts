import { Field, Float, Int, ObjectType } from "type-graphql";
import { Allocation } from "../allocations/allocation.type.js";
import { perIndexDayCost, universeListCost } from "../graphql/complexity.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { RiskMetrics } from "../risk/risk-metrics.type.js";
import { StrategyConfig } from "../strategy/strategy-config.type.js";
import { IndexValue } from "./index-value.type.js";
import type { FallbackType } from "../analytics/engine/types.js";
import { WeightingFallback } from "./weighting-fallback.enum.js";

@ObjectType({ description: "A rebalance the previewed configuration would make." })
export class PreviewRebalance {
  @Field(() => DateScalar) date!: string;
  @Field(() => Boolean) forced!: boolean;
  @Field(() => Int, { description: "|E(t)|: assets eligible that date." }) eligibleCount!: number;
  @Field(() => Float, { description: "Two-way turnover Σ|w − w_drift| (decimal)." }) turnover!: number;
  @Field(() => Float, { description: "Transaction cost in index points." }) cost!: number;
  @Field(() => [WeightingFallback], { description: "Equal-weight fallbacks used that date (none: an empty list)." })
  fallbacks!: FallbackType[];
  @Field(() => [Allocation], { description: "Target weights (w > 0), heaviest first.", complexity: universeListCost })
  allocations!: Allocation[];
}

@ObjectType({ description: "A reported event of the previewed computation (DOMAIN §7)." })
export class PreviewEvent {
  @Field(() => DateScalar) date!: string;
  @Field(() => String) type!: string;
  @Field(() => Int, { nullable: true }) assetId!: number | null;
  @Field(() => String, { nullable: true }) detail!: string | null;
}

@ObjectType({ description: "The index a hypothetical configuration would produce; nothing is written." })
export class StrategyPreview {
  @Field(() => StrategyConfig, {
    description: "The stored configuration with the proposed changes applied (validated).",
  })
  config!: StrategyConfig;
  @Field(() => DateScalar, { nullable: true }) inceptionDate!: string | null;
  @Field(() => [IndexValue], { description: "Levels from inception (100) on.", complexity: perIndexDayCost(1) })
  indexValues!: IndexValue[];
  @Field(() => [PreviewRebalance], { complexity: perIndexDayCost(1) }) rebalances!: PreviewRebalance[];
  @Field(() => RiskMetrics, {
    nullable: true,
    description: "Metrics from inception to the latest date, as a recompute would store them.",
  })
  metrics!: RiskMetrics | null;
  @Field(() => [PreviewEvent], { complexity: perIndexDayCost(1) }) events!: PreviewEvent[];
  @Field(() => Int, { description: "Dates whose daily return is at or below dailyDropThreshold." }) alerts!: number;
  @Field(() => Int, { description: "Time spent in the engine and metrics, in milliseconds." }) engineMs!: number;
}
