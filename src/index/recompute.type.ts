import { Field, Float, Int, ObjectType } from "type-graphql";
import { DateScalar } from "../graphql/date-scalar.js";

@ObjectType({ description: "What a recompute produced, and how long its parts took (docs/recompute.md)." })
export class RecomputeResult {
  @Field(() => Int, { description: "Trading dates in the calendar." }) tradingDates!: number;
  @Field(() => DateScalar, {
    nullable: true,
    description: "The first date with a non-empty eligible set; the index is 100 at its close. Null: no index.",
  })
  inceptionDate!: string | null;
  @Field(() => DateScalar, { nullable: true, description: "The last trading date of the index; null: no index." })
  latestDate!: string | null;
  @Field(() => Float, { nullable: true, description: "The index level at latestDate's close; null: no index." })
  latestLevel!: number | null;
  @Field(() => Int, { description: "Rebalances made, inception included." }) rebalances!: number;
  @Field(() => DateScalar, { nullable: true, description: "The latest rebalance date; null: no index." })
  lastRebalance!: string | null;
  @Field(() => Int, {
    description: "Reported events (fallbacks, skips, forced sales, dropped dates), drop alerts excluded.",
  })
  events!: number;
  @Field(() => Int, { description: "Dates whose daily return was at or below dailyDropThreshold." }) alerts!: number;
  @Field(() => Int, { description: "(asset, date) cells with a data-quality flag." }) flaggedPrices!: number;
  @Field(() => Int, { description: "Milliseconds locking the strategy row and reading the market data." })
  readMs!: number;
  @Field(() => Int, { description: "Milliseconds in the engine (levels, weights, events)." }) engineMs!: number;
  @Field(() => Int, { description: "Milliseconds computing the stored daily metric rows." }) metricsMs!: number;
  @Field(() => Int, { description: "Milliseconds writing the derived tables (the commit excluded)." }) writeMs!: number;
  @Field(() => Int, { description: "Milliseconds from start to the end of the writes (the commit excluded)." })
  totalMs!: number;
}
