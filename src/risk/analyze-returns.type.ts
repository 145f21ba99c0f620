import { Field, ObjectType } from "type-graphql";
import { CONVENTIONS, MetricConventions } from "./metric-conventions.type.js";
import { MetricSetFields } from "./metric-set.fields.js";
import { PublicData } from "../graphql/cache-scope.js";

@PublicData()
@ObjectType({
  simpleResolvers: true,
  description:
    "The §6 metric set of a caller-supplied return series (metricsFromReturns). Level-based metrics use the " +
    "wealth path W_0 = 1, W_k = W_{k−1}(1 + r_k) over the non-missing returns.",
})
export class ReturnAnalysis extends MetricSetFields {
  @Field(() => MetricConventions, { description: CONVENTIONS }) conventions!: MetricConventions;
}
