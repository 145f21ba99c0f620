import { type GraphQLSchema, isEnumType, isObjectType } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { riskMetricSeries } from "../../../src/analytics/metrics/series.js";
import { getSchema } from "../../../src/graphql/schema.js";
import { MarketRegime } from "../../../src/risk/market-regime.enum.js";
import {
  type MetricDefinition,
  type METRIC_NAMES,
  METRICS,
  metricDescription,
  SET_METRIC_NAMES,
  STORED_METRIC_NAMES,
} from "../../../src/risk/metric-definitions.js";
import { toRiskMetrics } from "../../../src/risk/risk-metrics.repo.js";

const m = (name: (typeof METRIC_NAMES)[number]): MetricDefinition => METRICS[name];
const typeName = (d: MetricDefinition) => (d.kind === "float" ? "Float" : d.kind === "int" ? "Int!" : "MarketRegime");

describe("the metric definitions", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await getSchema();
  });
  const fieldsOf = (name: string) => {
    const type = schema.getType(name);
    if (!isObjectType(type)) throw new Error(`${name} is not an object type`);
    return type.getFields();
  };

  it("RiskMetrics exposes every stored metric, typed and described with its convention and unit", () => {
    const fields = fieldsOf("RiskMetrics");
    expect(Object.keys(fields).sort()).toEqual(["date", ...STORED_METRIC_NAMES].sort());
    for (const name of STORED_METRIC_NAMES) {
      expect(String(fields[name].type), name).toBe(typeName(m(name)));
      expect(fields[name].description, name).toBe(metricDescription(m(name)));
    }
  });

  it("every type reporting a metric set exposes every set metric with the same description", () => {
    for (const type of ["WindowRiskMetrics", "ReturnAnalysis", "SeriesMetrics"]) {
      const fields = fieldsOf(type);
      for (const name of SET_METRIC_NAMES) {
        expect(String(fields[name]?.type), `${type}.${name}`).toBe(typeName(m(name)));
        expect(fields[name].description, `${type}.${name}`).toBe(metricDescription(m(name)));
      }
    }
  });

  it("the market regime is an enum over the stored values, each with its rule", () => {
    const type = schema.getType("MarketRegime");
    if (!isEnumType(type)) throw new Error("MarketRegime is not an enum");
    expect(type.getValues().map((v) => [v.name, v.value, Boolean(v.description)])).toEqual(
      Object.values(MarketRegime).map((k) => [k, k, true]),
    );
  });

  it("a computed row is stored under each metric's column and read back whole", () => {
    const dates = ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"];
    const rows = riskMetricSeries(dates, [100, 102, 99, 101, 104], [50, 50.5, 49, null, 51], {
      periodsPerYear: 252,
      riskFreeRate: 0.01,
    });
    const last = rows.at(-1)!;
    const stored = Object.fromEntries([
      ["date", last.date],
      ...STORED_METRIC_NAMES.map((k) => [METRICS[k].column, last[k]]),
    ]);
    const read = toRiskMetrics(stored as never);
    expect(read).toEqual(Object.fromEntries([["date", last.date], ...STORED_METRIC_NAMES.map((k) => [k, last[k]])]));
    // Not a vacuous comparison: most stored metrics are defined on this series.
    expect(STORED_METRIC_NAMES.filter((k) => last[k] !== null).length).toBeGreaterThan(10);
    expect(new Set(STORED_METRIC_NAMES.map((k) => METRICS[k].column)).size).toBe(STORED_METRIC_NAMES.length);
  });
});
