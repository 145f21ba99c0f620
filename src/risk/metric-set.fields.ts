import { Field, Float, Int, ObjectType } from "type-graphql";
import type { MetricSet } from "../analytics/metrics/types.js";
import { MarketRegime } from "./market-regime.enum.js";
import {
  type MetricDefinition,
  type MetricName,
  METRICS,
  metricDescription,
  SET_METRIC_NAMES,
  STORED_METRIC_NAMES,
  type StoredMetrics,
} from "./metric-definitions.js";

/** Applies one @Field per metric to `target`: type and nullability from its kind, description from its definition. */
function addMetricFields(target: object, names: readonly MetricName[]): void {
  for (const name of names) {
    const m: MetricDefinition = METRICS[name];
    const type = m.kind === "float" ? Float : m.kind === "int" ? Int : MarketRegime;
    Field(() => type, { nullable: m.kind !== "int", description: metricDescription(m) })(target, name);
  }
}

/**
 * The §6 metric set as GraphQL fields (metric-definitions.ts), shared by every type that
 * reports one (on-demand windows, caller-supplied returns, the benchmark comparison). Decimals
 * (0.12 = 12 %), never percent; null when undefined (too few observations, zero variance),
 * never NaN or 0. Subclasses inherit its fields; it is never referenced, so the schema does not
 * emit it.
 */
@ObjectType()
abstract class MetricSetBase {}
addMetricFields(MetricSetBase.prototype, SET_METRIC_NAMES);
export const MetricSetFields = MetricSetBase as unknown as abstract new () => MetricSet;

/** The metrics of a stored risk_metrics row (every metric with a column), for RiskMetrics. */
@ObjectType()
abstract class StoredMetricsBase {}
addMetricFields(StoredMetricsBase.prototype, STORED_METRIC_NAMES);
export const StoredMetricFields = StoredMetricsBase as unknown as abstract new () => Omit<StoredMetrics, "date">;
