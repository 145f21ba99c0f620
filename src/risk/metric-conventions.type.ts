import { Field, Float, Int, ObjectType } from "type-graphql";
import { PublicData } from "../graphql/cache-scope.js";

/** How every number of a metric set is to be read (docs/metrics.md), so clients need not guess. */
@PublicData()
@ObjectType({ simpleResolvers: true, description: "The conventions behind a metric set (docs/metrics.md)." })
export class MetricConventions {
  @Field(() => Int, { description: "A: periods per year used to annualise (252 for daily index levels)." })
  periodsPerYear!: number;
  @Field(() => Float, {
    description: "Annual risk-free rate (decimal); per period rf = riskFreeRate / periodsPerYear.",
  })
  riskFreeRate!: number;
  @Field(() => Int, { description: "Delta degrees of freedom of every variance, std and covariance." }) ddof!: number;
  @Field(() => String, { description: "VaR estimator: TYPE_7_QUANTILE (Hyndman & Fan type 7, linear interpolation)." })
  varMethod!: string;
  @Field(() => String, { description: "LOSS_IS_NEGATIVE: VaR is a return quantile, −0.02 = a 2 % loss." })
  varSign!: string;
  @Field(() => String, { description: "NON_POSITIVE: drawdowns are ≤ 0 (−0.10 = 10 % below the peak)." })
  drawdownSign!: string;
  @Field(() => String, { description: "DECIMAL: 0.12 means 12 %; never percent." }) units!: string;
  @Field(() => String, { nullable: true, description: "The benchmark of the paired metrics; null when there is none." })
  benchmarkSymbol!: string | null;
}

export function metricConventions(
  periodsPerYear: number,
  riskFreeRate: number,
  benchmarkSymbol: string | null,
): MetricConventions {
  return {
    periodsPerYear,
    riskFreeRate,
    ddof: 1,
    varMethod: "TYPE_7_QUANTILE",
    varSign: "LOSS_IS_NEGATIVE",
    drawdownSign: "NON_POSITIVE",
    units: "DECIMAL",
    benchmarkSymbol,
  };
}
