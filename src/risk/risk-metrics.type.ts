import { Field, Float, ObjectType } from "type-graphql";
import { DateScalar } from "../graphql/date-scalar.js";
import { PublicData } from "../graphql/cache-scope.js";

/**
 * Risk and performance of the index from inception to `date` (DOMAIN §6). Decimals
 * (0.12 = 12%), never percent; null when undefined (too few observations, zero variance).
 */
@PublicData()
@ObjectType({
  simpleResolvers: true,
  description: "Risk and performance metrics of the index from inception to date; decimals, null when undefined.",
})
export class RiskMetrics {
  @Field(() => DateScalar) date!: string;
  @Field(() => Float, { nullable: true, description: "V_n/V_0 − 1." }) totalReturn!: number | null;
  @Field(() => Float, { nullable: true, description: "(1 + total)^(252/n) − 1." }) annualizedReturn!: number | null;
  @Field(() => Float, { nullable: true, description: "The last daily return." }) dailyReturn!: number | null;
  @Field(() => Float, { nullable: true, description: "std(r, ddof 1)·√252." }) volatility!: number | null;
  @Field(() => Float, { nullable: true }) sharpeRatio!: number | null;
  @Field(() => Float, { nullable: true }) sortinoRatio!: number | null;
  @Field(() => Float, { nullable: true, description: "Worst peak-to-trough decline, ≤ 0." }) maxDrawdown!:
    | number
    | null;
  @Field(() => Float, { nullable: true, description: "Decline from the running peak, ≤ 0." }) currentDrawdown!:
    | number
    | null;
  @Field(() => Float, { nullable: true, description: "5% quantile of daily returns (type 7); a loss is negative." })
  var95!: number | null;
  @Field(() => Float, { nullable: true, description: "1% quantile of daily returns (type 7); a loss is negative." })
  var99!: number | null;
  @Field(() => Float, { nullable: true, description: "cov(r, b)/var(b) against the benchmark." }) betaSp500!:
    | number
    | null;
  @Field(() => Float, { nullable: true }) correlationSp500!: number | null;
  @Field(() => Float, { nullable: true, description: "std(r − b, ddof 1)·√252." }) trackingError!: number | null;
  @Field(() => Float, { nullable: true }) informationRatio!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Deterministic heuristic 0–100 over the trailing 252 dates (docs/metrics.md).",
  })
  aiRiskScore!: number | null;
  @Field(() => Float, { nullable: true }) aiRiskAdjustedRoi!: number | null;
  @Field(() => String, {
    nullable: true,
    description: "HIGH_VOLATILITY | BULL | BEAR | SIDEWAYS over the trailing 63 dates.",
  })
  aiMarketRegime!: string | null;
}
