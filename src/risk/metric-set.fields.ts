import { Field, Float, Int, ObjectType } from "type-graphql";
import type { MetricSet } from "../analytics/metrics/types.js";

/**
 * The §6 metric set as GraphQL fields, shared by every type that reports one (on-demand
 * windows, caller-supplied returns, the benchmark comparison). Decimals (0.12 = 12 %), never
 * percent; null when undefined (too few observations, zero variance), never NaN or 0.
 * Subclasses inherit its fields; it is never referenced, so the schema does not emit it.
 */
@ObjectType()
export abstract class MetricSetFields implements MetricSet {
  @Field(() => Float, { nullable: true, description: "V_n/V_0 − 1 (decimal)." }) totalReturn!: number | null;
  @Field(() => Float, { nullable: true, description: "(1 + totalReturn)^(A/n) − 1 (decimal, A periods a year)." })
  annualizedReturn!: number | null;
  @Field(() => Float, { nullable: true, description: "The last period's return r_n (decimal)." }) dailyReturn!:
    | number
    | null;
  @Field(() => Float, { nullable: true, description: "std(r, ddof 1)·√A (decimal); 0 for a constant series." })
  volatility!: number | null;
  @Field(() => Float, { nullable: true, description: "mean(r − rf)/std(r − rf)·√A (pure number)." }) sharpeRatio!:
    | number
    | null;
  @Field(() => Float, { nullable: true, description: "mean(r − rf)·A / downsideDeviation (pure number)." })
  sortinoRatio!: number | null;
  @Field(() => Float, { nullable: true, description: "√(mean over all n of min(r − rf, 0)²)·√A (decimal, ≥ 0)." })
  downsideDeviation!: number | null;
  @Field(() => Float, { nullable: true, description: "Worst peak-to-trough decline (decimal, ≤ 0)." }) maxDrawdown!:
    | number
    | null;
  @Field(() => Float, {
    nullable: true,
    description: "Decline of the last level from the running peak (decimal, ≤ 0).",
  })
  currentDrawdown!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "annualizedReturn / |maxDrawdown| (pure number); null unless maxDrawdown < 0.",
  })
  calmarRatio!: number | null;
  @Field(() => Float, { nullable: true, description: "5 % type-7 quantile of r (decimal; a loss is negative)." })
  var95!: number | null;
  @Field(() => Float, { nullable: true, description: "1 % type-7 quantile of r (decimal; a loss is negative)." })
  var99!: number | null;
  @Field(() => Float, { nullable: true, description: "cov(r, b)/var(b), both ddof 1, over paired returns." })
  betaSp500!: number | null;
  @Field(() => Float, { nullable: true, description: "Pearson correlation of r and b over paired returns." })
  correlationSp500!: number | null;
  @Field(() => Float, { nullable: true, description: "std(r − b, ddof 1)·√A (decimal)." }) trackingError!:
    | number
    | null;
  @Field(() => Float, { nullable: true, description: "mean(r − b)·A / trackingError (pure number)." })
  informationRatio!: number | null;
  @Field(() => Int, { description: "n: the number of (non-missing) returns in the window." }) observations!: number;
  @Field(() => Int, {
    description: "Returns paired with a defined benchmark return (the sample of beta, correlation, TE, IR).",
  })
  pairedObservations!: number;
}
