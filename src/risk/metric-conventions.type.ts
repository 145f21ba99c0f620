import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { PublicData } from "../graphql/cache-scope.js";

/** Description of every `conventions` field. */
export const CONVENTIONS = "How to read the numbers above: periods, rate, ddof, VaR and sign conventions.";

// One-value enums: they name the convention in force, so a client can check it rather than assume it
// (a second convention would be a new value, which typed clients see).
export const VarMethod = { TYPE_7_QUANTILE: "TYPE_7_QUANTILE" } as const;
export type VarMethod = (typeof VarMethod)[keyof typeof VarMethod];
export const VarSign = { LOSS_IS_NEGATIVE: "LOSS_IS_NEGATIVE" } as const;
export type VarSign = (typeof VarSign)[keyof typeof VarSign];
export const DrawdownSign = { NON_POSITIVE: "NON_POSITIVE" } as const;
export type DrawdownSign = (typeof DrawdownSign)[keyof typeof DrawdownSign];
export const MetricUnits = { DECIMAL: "DECIMAL" } as const;
export type MetricUnits = (typeof MetricUnits)[keyof typeof MetricUnits];

registerEnumType(VarMethod, {
  name: "VarMethod",
  description: "How value at risk is estimated (docs/metrics.md).",
  valuesConfig: {
    TYPE_7_QUANTILE: {
      description: "The empirical quantile of Hyndman & Fan type 7 (linear interpolation, R's and NumPy's default).",
    },
  },
});
registerEnumType(VarSign, {
  name: "VarSign",
  description: "The sign convention of value at risk.",
  valuesConfig: { LOSS_IS_NEGATIVE: { description: "VaR is a return quantile: −0.02 means a 2 % loss." } },
});
registerEnumType(DrawdownSign, {
  name: "DrawdownSign",
  description: "The sign convention of drawdowns.",
  valuesConfig: { NON_POSITIVE: { description: "Drawdowns are ≤ 0: −0.10 means 10 % below the running peak." } },
});
registerEnumType(MetricUnits, {
  name: "MetricUnits",
  description: "How returns, volatilities, drawdowns and VaR are expressed.",
  valuesConfig: { DECIMAL: { description: "Decimals: 0.12 means 12 %; never percent." } },
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
  @Field(() => VarMethod, { description: "The VaR estimator." }) varMethod!: VarMethod;
  @Field(() => VarSign, { description: "The VaR sign convention." }) varSign!: VarSign;
  @Field(() => DrawdownSign, { description: "The drawdown sign convention." }) drawdownSign!: DrawdownSign;
  @Field(() => MetricUnits, { description: "The units of returns and risk figures." }) units!: MetricUnits;
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
    varMethod: VarMethod.TYPE_7_QUANTILE,
    varSign: VarSign.LOSS_IS_NEGATIVE,
    drawdownSign: DrawdownSign.NON_POSITIVE,
    units: MetricUnits.DECIMAL,
    benchmarkSymbol,
  };
}
