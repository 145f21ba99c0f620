import type { Selectable } from "kysely";
import type { MetricSet, RiskMetricRow } from "../analytics/metrics/types.js";
import type { Database } from "../db/schema.js";

/**
 * The risk and performance metrics: ONE definition each (docs/metrics.md). The analytics
 * compute them in one pass (MetricAccumulator for the §6 set, ai.ts for the ai_* heuristics,
 * riskMetricSeries for the stored rows); each definition names that output field, its
 * risk_metrics column (null: computed on demand only) and its description with convention and
 * unit. The GraphQL fields (metric-fields.ts), the stored rows' reads (risk-metrics.repo.ts) and
 * writes (index-output.repo.ts) derive from this table; the compiler checks it against the
 * analytics' output types and the generated Database in both directions.
 */

type MetricRow = Selectable<Database["risk_metrics"]>;
type MetricColumn = keyof MetricRow;

const UNIT_TEXT = {
  decimal: "Decimal (0.12 = 12 %), never percent.",
  ratio: "Pure number.",
  count: "",
  score: "Integer 0–100.",
  regime: "",
} as const;

export interface MetricDefinition {
  kind: "float" | "int" | "enum";
  unit: keyof typeof UNIT_TEXT;
  /** The risk_metrics column, or null when the metric is computed on demand only. */
  column: MetricColumn | null;
  /** "set": in every metric set (MetricSet: windows, analyzeReturns, comparisons); "stored": stored rows only. */
  scope: "set" | "stored";
  /** Formula and convention, ending with a period; the unit is appended. */
  description: string;
}

export const METRICS = {
  totalReturn: {
    kind: "float",
    unit: "decimal",
    column: "total_return",
    scope: "set",
    description: "Total return V_n/V_0 − 1.",
  },
  annualizedReturn: {
    kind: "float",
    unit: "decimal",
    column: "annualized_return",
    scope: "set",
    description: "(1 + totalReturn)^(A/n) − 1, A periods a year.",
  },
  dailyReturn: {
    kind: "float",
    unit: "decimal",
    column: "daily_return",
    scope: "set",
    description: "The last period's return r_n.",
  },
  volatility: {
    kind: "float",
    unit: "decimal",
    column: "volatility",
    scope: "set",
    description: "Annualised volatility std(r, ddof 1)·√A; 0 for a constant series.",
  },
  sharpeRatio: {
    kind: "float",
    unit: "ratio",
    column: "sharpe_ratio",
    scope: "set",
    description: "Sharpe ratio mean(r − rf)/std(r − rf)·√A, rf the per-period risk-free rate.",
  },
  sortinoRatio: {
    kind: "float",
    unit: "ratio",
    column: "sortino_ratio",
    scope: "set",
    description: "Sortino ratio mean(r − rf)·A / downsideDeviation.",
  },
  downsideDeviation: {
    kind: "float",
    unit: "decimal",
    column: null,
    scope: "set",
    description: "Downside deviation √(mean over all n of min(r − rf, 0)²)·√A, ≥ 0.",
  },
  maxDrawdown: {
    kind: "float",
    unit: "decimal",
    column: "max_drawdown",
    scope: "set",
    description: "Worst peak-to-trough decline, ≤ 0 (−0.10 = 10 % below the peak).",
  },
  currentDrawdown: {
    kind: "float",
    unit: "decimal",
    column: "current_drawdown",
    scope: "set",
    description: "Decline of the last level from the running peak, ≤ 0.",
  },
  calmarRatio: {
    kind: "float",
    unit: "ratio",
    column: null,
    scope: "set",
    description: "annualizedReturn / |maxDrawdown|; null unless maxDrawdown < 0.",
  },
  var95: {
    kind: "float",
    unit: "decimal",
    column: "var_95",
    scope: "set",
    description: "Value at risk: the 5 % type-7 quantile of the returns; a loss is negative.",
  },
  var99: {
    kind: "float",
    unit: "decimal",
    column: "var_99",
    scope: "set",
    description: "Value at risk: the 1 % type-7 quantile of the returns; a loss is negative.",
  },
  betaSp500: {
    kind: "float",
    unit: "ratio",
    column: "beta_sp500",
    scope: "set",
    description: "Beta against the benchmark b: cov(r, b)/var(b), both ddof 1, over paired returns.",
  },
  correlationSp500: {
    kind: "float",
    unit: "ratio",
    column: "correlation_sp500",
    scope: "set",
    description: "Pearson correlation of r and the benchmark's b over paired returns, in [−1, 1].",
  },
  trackingError: {
    kind: "float",
    unit: "decimal",
    column: "tracking_error",
    scope: "set",
    description: "Tracking error std(r − b, ddof 1)·√A over paired returns.",
  },
  informationRatio: {
    kind: "float",
    unit: "ratio",
    column: "information_ratio",
    scope: "set",
    description: "Information ratio mean(r − b)·A / trackingError.",
  },
  observations: {
    kind: "int",
    unit: "count",
    column: null,
    scope: "set",
    description: "n: the number of (non-missing) returns in the window.",
  },
  pairedObservations: {
    kind: "int",
    unit: "count",
    column: null,
    scope: "set",
    description: "Returns paired with a defined benchmark return (the sample of beta, correlation, TE, IR).",
  },
  aiRiskScore: {
    kind: "float",
    unit: "score",
    column: "ai_risk_score",
    scope: "stored",
    description:
      "Deterministic heuristic over the trailing 252 dates: round(100·min(1, 0.5·vol/0.40 + 0.3·|maxDD|/0.50 " +
      "+ 0.2·|var95|/0.05)) (docs/metrics.md).",
  },
  aiRiskAdjustedRoi: {
    kind: "float",
    unit: "decimal",
    column: "ai_risk_adjusted_roi",
    scope: "stored",
    description: "annualizedReturn of the trailing 252 dates × (1 − aiRiskScore/100).",
  },
  aiMarketRegime: {
    kind: "enum",
    unit: "regime",
    column: "ai_market_regime",
    scope: "stored",
    description: "Regime of the trailing 63 dates (docs/metrics.md).",
  },
} as const satisfies Record<string, MetricDefinition>;

type Definitions = typeof METRICS;
export type MetricName = keyof Definitions;
export type StoredMetricName = { [K in MetricName]: Definitions[K]["column"] extends null ? never : K }[MetricName];
export type SetMetricName = { [K in MetricName]: Definitions[K]["scope"] extends "set" ? K : never }[MetricName];

export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];
export const STORED_METRIC_NAMES = METRIC_NAMES.filter((k) => METRICS[k].column !== null) as StoredMetricName[];
export const SET_METRIC_NAMES = METRIC_NAMES.filter((k) => METRICS[k].scope === "set") as SetMetricName[];

/** The column of a stored metric. */
export const columnOf = (name: StoredMetricName) => METRICS[name].column as Definitions[StoredMetricName]["column"];

/** Description of a metric for clients: formula and convention, then unit. */
export function metricDescription(m: MetricDefinition): string {
  return [m.description, UNIT_TEXT[m.unit]].filter(Boolean).join(" ");
}

/** A stored row as the API reports it: its date and every stored metric. */
export type StoredMetrics = { date: string } & Pick<RiskMetricRow, StoredMetricName>;

// ---- Compile-time checks: the table covers the analytics' outputs and the stored columns ------

type Missing<A, B> = Exclude<A, B>;
/** Outputs of riskMetricSeries with no definition, and definitions that name no output. */
type Undefined = Missing<Exclude<keyof RiskMetricRow, "date">, MetricName> | Missing<MetricName, keyof RiskMetricRow>;
/** MetricSet fields not marked "set", and "set" metrics that are not MetricSet fields. */
type WrongScope = Missing<keyof MetricSet, SetMetricName> | Missing<SetMetricName, keyof MetricSet>;
/** risk_metrics columns with no metric. */
type UnregisteredColumn = Missing<
  MetricColumn,
  Definitions[StoredMetricName]["column"] | "id" | "date" | "created_at" | "updated_at"
>;
/** Stored metrics whose column's type differs from the value computed. */
type WrongColumnType = {
  [K in StoredMetricName]: [RiskMetricRow[K]] extends [MetricRow[Definitions[K]["column"]]]
    ? [MetricRow[Definitions[K]["column"]]] extends [
        RiskMetricRow[K] | (Definitions[K]["kind"] extends "enum" ? string | null : never),
      ]
      ? never
      : K
    : K;
}[StoredMetricName];

const everyOutputDefined: [Undefined] extends [never] ? true : Undefined = true;
const scopesMatchMetricSet: [WrongScope] extends [never] ? true : WrongScope = true;
const everyColumnRegistered: [UnregisteredColumn] extends [never] ? true : UnregisteredColumn = true;
const columnsHoldTheirMetric: [WrongColumnType] extends [never] ? true : WrongColumnType = true;
void [everyOutputDefined, scopesMatchMetricSet, everyColumnRegistered, columnsHoldTheirMetric];
