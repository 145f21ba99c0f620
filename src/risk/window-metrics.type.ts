import { Field, ObjectType } from "type-graphql";
import { DateScalar } from "../graphql/date-scalar.js";
import { CONVENTIONS, MetricConventions } from "./metric-conventions.type.js";
import { MetricSetFields } from "./metric-set.fields.js";
import { MetricWindow } from "./metric-window.enum.js";
import type { MetricWindow as MetricWindowName } from "../analytics/metrics/types.js";
import { PublicData } from "../graphql/cache-scope.js";

@PublicData()
@ObjectType({
  simpleResolvers: true,
  description:
    "Risk and performance of the index over one on-demand window, computed from the stored levels with the " +
    "same functions as the stored rows (DOMAIN §6; docs/metrics.md).",
})
export class WindowRiskMetrics extends MetricSetFields {
  @Field(() => MetricWindow, { nullable: true, description: "The named window, or null for an explicit from/to." })
  window!: MetricWindowName | null;
  @Field(() => DateScalar, {
    description:
      "The trading date of the start level V_0 (latest trading date ≤ the requested start, at least inception).",
  })
  startDate!: string;
  @Field(() => DateScalar, {
    description: "The trading date of the last level V_n (latest trading date ≤ the requested end).",
  })
  endDate!: string;
  @Field(() => MetricConventions, { description: CONVENTIONS }) conventions!: MetricConventions;
}
