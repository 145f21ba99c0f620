import { Field, Float, GraphQLISODateTime, Int, ObjectType } from "type-graphql";
import { DateScalar } from "../graphql/date-scalar.js";
import { PublicData } from "../graphql/cache-scope.js";
import { StrategyParameterFields } from "./parameter-fields.js";

/** The parameters' fields come from their definitions (parameters.ts); the rest is audit and recompute state. */
@PublicData()
@ObjectType({
  description:
    "The strategy in force: sleeve blend, cleaning rules, rebalancing (docs/strategy.md), with its audit " +
    "state and what the latest recompute recorded.",
})
export class StrategyConfig extends StrategyParameterFields {
  @Field(() => DateScalar, {
    nullable: true,
    description:
      "The latest rebalance date of the stored index (recorded by the recompute, outside the audited configuration).",
  })
  lastRebalance!: string | null;
  @Field(() => Boolean, {
    description:
      "When true, the next computation rebalances on the latest trading date (set by the audited " +
      "forceRebalance, cleared by the recompute that honours it).",
  })
  forceRebalance!: boolean;
  @Field(() => [DateScalar], { description: "Dates of earlier forced rebalances (reproduced by every recompute)." })
  forcedRebalanceDates!: string[];
  @Field(() => Boolean, { description: "True when the last change came from applyAiAdjustment." })
  aiAdjusted!: boolean;
  @Field(() => String, { nullable: true, description: "The reason given with the last AI adjustment; null if none." })
  aiAdjustmentReason!: string | null;
  @Field(() => Float, { nullable: true, description: "Confidence in [0, 1] of the last AI adjustment." })
  aiConfidenceScore!: number | null;
  @Field(() => Int, { description: "Optimistic-concurrency version; pass it back as expectedVersion when updating." })
  version!: number;
  @Field(() => GraphQLISODateTime, { description: "When the configuration row last changed (UTC)." })
  updatedAt!: Date;
}
