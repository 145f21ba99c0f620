import { Field, Float, Int, ObjectType } from "type-graphql";
import { DateScalar } from "../graphql/date-scalar.js";

@ObjectType({ description: "What a recompute produced, and how long its parts took." })
export class RecomputeResult {
  @Field(() => Int, { description: "Trading dates in the calendar." }) tradingDates!: number;
  @Field(() => DateScalar, {
    nullable: true,
    description: "The first date with a non-empty eligible set; the index is 100 at its close.",
  })
  inceptionDate!: string | null;
  @Field(() => DateScalar, { nullable: true }) latestDate!: string | null;
  @Field(() => Float, { nullable: true }) latestLevel!: number | null;
  @Field(() => Int) rebalances!: number;
  @Field(() => DateScalar, { nullable: true }) lastRebalance!: string | null;
  @Field(() => Int, { description: "Reported events (fallbacks, skips, forced sales, dropped dates)." })
  events!: number;
  @Field(() => Int, { description: "Dates whose daily return was at or below dailyDropThreshold." }) alerts!: number;
  @Field(() => Int, { description: "(asset, date) cells with a data-quality flag." }) flaggedPrices!: number;
  @Field(() => Int) readMs!: number;
  @Field(() => Int) engineMs!: number;
  @Field(() => Int) metricsMs!: number;
  @Field(() => Int) writeMs!: number;
  @Field(() => Int) totalMs!: number;
}
