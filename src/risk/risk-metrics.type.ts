import { Field, ObjectType } from "type-graphql";
import { DateScalar } from "../graphql/date-scalar.js";
import { PublicData } from "../graphql/cache-scope.js";
import { StoredMetricFields } from "./metric-set.fields.js";

/**
 * A stored risk_metrics row: the index from inception to `date` (docs/metrics.md); one field
 * per stored metric (metric-definitions.ts).
 */
@PublicData()
@ObjectType({
  simpleResolvers: true,
  description:
    "Risk and performance of the index from inception to date, as the recompute stored them: A = 252 periods " +
    "a year, rf = the strategy's riskFreeRate, b = the benchmark's returns; decimals, null when undefined " +
    "(too few returns, zero variance).",
})
export class RiskMetrics extends StoredMetricFields {
  @Field(() => DateScalar, { description: "The last trading date the row covers (inception..date)." })
  date!: string;
}
