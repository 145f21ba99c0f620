import { Field, Float, Int, ObjectType } from "type-graphql";
import { Allocation } from "../allocations/allocation.type.js";
import { perIndexDayCost, universeListCost } from "../graphql/complexity.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { RiskMetrics } from "../risk/risk-metrics.type.js";
import { StrategyConfig } from "../strategy/strategy-config.type.js";
import { IndexEventReason, IndexEventType, RebalanceFallback } from "./index-event.enum.js";
import { IndexValue } from "./index-value.type.js";

@ObjectType({ description: "A rebalance the previewed configuration would make." })
export class PreviewRebalance {
  @Field(() => DateScalar, { description: "The trading date at whose close the weights would be set." })
  date!: string;
  @Field(() => Boolean, { description: "True for a forced rebalance (forceRebalance), scheduled or not." })
  forced!: boolean;
  @Field(() => Int, { description: "|E(t)|: assets eligible that date." }) eligibleCount!: number;
  @Field(() => Float, { description: "Two-way turnover Σ|w − w_drift| (decimal; 1 at inception)." }) turnover!: number;
  @Field(() => Float, { description: "Transaction cost in index points: V(t) · bps/10000 · turnover." }) cost!: number;
  @Field(() => [RebalanceFallback], { description: "Equal-weight fallbacks used that date; empty when none." })
  fallbacks!: RebalanceFallback[];
  @Field(() => [Allocation], { description: "Target weights (w > 0), heaviest first.", complexity: universeListCost })
  allocations!: Allocation[];
}

@ObjectType({ description: "A reported event of the previewed computation (DOMAIN §7)." })
export class PreviewEvent {
  @Field(() => DateScalar, { description: "The trading date (for DATE_DROPPED: the dropped date)." }) date!: string;
  @Field(() => IndexEventType, { description: "What would happen (see IndexEventType; never DROP_ALERT here)." })
  type!: IndexEventType;
  @Field(() => Int, { nullable: true, description: "The asset concerned (FORCED_SALE), else null." }) assetId!:
    | number
    | null;
  @Field(() => IndexEventReason, { nullable: true, description: "Why, as IndexEvent.reason; null when the type says." })
  reason!: IndexEventReason | null;
  @Field(() => Int, { nullable: true, description: "DATE_DROPPED: the price rows of that date; else null." })
  droppedRows!: number | null;
  @Field(() => String, { nullable: true, description: "The engine's detail text, as IndexEvent.detail." }) detail!:
    | string
    | null;
}

@ObjectType({ description: "The index a hypothetical configuration would produce; nothing is written." })
export class StrategyPreview {
  @Field(() => StrategyConfig, {
    description: "The stored configuration with the proposed changes applied (validated).",
  })
  config!: StrategyConfig;
  @Field(() => DateScalar, {
    nullable: true,
    description: "The first date with a non-empty eligible set (level 100); null when there is none.",
  })
  inceptionDate!: string | null;
  @Field(() => [IndexValue], { description: "Levels from inception (100) on.", complexity: perIndexDayCost(1) })
  indexValues!: IndexValue[];
  @Field(() => [PreviewRebalance], { description: "Every rebalance, by date.", complexity: perIndexDayCost(1) })
  rebalances!: PreviewRebalance[];
  @Field(() => RiskMetrics, {
    nullable: true,
    description: "Metrics from inception to the latest date, as a recompute would store them.",
  })
  metrics!: RiskMetrics | null;
  @Field(() => [PreviewEvent], {
    description: "Every reported event (drop alerts are counted in alerts instead), by date.",
    complexity: perIndexDayCost(1),
  })
  events!: PreviewEvent[];
  @Field(() => Int, { description: "Dates whose daily return is at or below dailyDropThreshold." }) alerts!: number;
  @Field(() => Int, { description: "Time spent in the engine and metrics, in milliseconds." }) engineMs!: number;
}
