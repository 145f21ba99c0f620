import { Field, Float, Int, ObjectType } from "type-graphql";
import { PublicData } from "../graphql/cache-scope.js";
import { storedEnum } from "../graphql/stored-enum.js";

// Each convention is a closed set (one value today): an enum, so a client can switch on it.
const VarMethod = storedEnum("VarMethod", "How value at risk is estimated.", {
  TYPE_7_QUANTILE: "Hyndman & Fan type 7 sample quantile (linear interpolation between order statistics).",
});
const VarSign = storedEnum("VarSign", "The sign convention of value at risk.", {
  LOSS_IS_NEGATIVE: "VaR is a return quantile: −0.02 is a 2 % loss.",
});
const DrawdownSign = storedEnum("DrawdownSign", "The sign convention of drawdowns.", {
  NON_POSITIVE: "Drawdowns are ≤ 0: −0.10 is 10 % below the running peak.",
});
const MetricUnits = storedEnum("MetricUnits", "How returns, volatilities and drawdowns are expressed.", {
  DECIMAL: "0.12 means 12 %; never percent.",
});

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
  @Field(() => VarMethod, {
    description: "VaR estimator: TYPE_7_QUANTILE (Hyndman & Fan type 7, linear interpolation).",
  })
  varMethod!: "TYPE_7_QUANTILE";
  @Field(() => VarSign, { description: "LOSS_IS_NEGATIVE: VaR is a return quantile, −0.02 = a 2 % loss." })
  varSign!: "LOSS_IS_NEGATIVE";
  @Field(() => DrawdownSign, { description: "NON_POSITIVE: drawdowns are ≤ 0 (−0.10 = 10 % below the peak)." })
  drawdownSign!: "NON_POSITIVE";
  @Field(() => MetricUnits, { description: "DECIMAL: 0.12 means 12 %; never percent." }) units!: "DECIMAL";
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
