import type { Selectable } from "kysely";
import type { Frequency } from "../analytics/engine/types.js";
import type { Database } from "../db/schema.js";

/**
 * The strategy parameters: ONE definition each (docs/strategy.md). Validation
 * (strategy.validation.ts), the GraphQL input and output fields (parameter-fields.ts), the
 * engine's config (src/index/engine-config.ts), the repository's column mapping
 * (strategy.repo.ts), the audit trail and the snapshot of the configuration a stored index was
 * computed with all derive from this table. Adding a parameter = a migration (column + check)
 * and one entry here; the compiler then checks the column against the generated `Database`.
 */

/** strategy_configs as selected. */
type ConfigRow = Selectable<Database["strategy_configs"]>;
type ConfigColumn = keyof ConfigRow;

/** Units of the numeric parameters: `label` opens the GraphQL description, `suffix` follows a bound in messages. */
export const UNITS = {
  decimal: { label: "Decimal (0.01 = 1 %)", suffix: "" },
  annualRate: { label: "Annual rate, decimal (0.02 = 2 % a year)", suffix: "" },
  basisPoints: { label: "Basis points (1 bp = 0.01 %) of the traded value", suffix: " basis points" },
  tradingDates: { label: "Trading dates", suffix: "" },
  standardDeviations: { label: "Standard deviations", suffix: "" },
  price: { label: "Price in the asset's quote currency", suffix: "" },
} as const;
export type Unit = keyof typeof UNITS;

interface Common {
  /** The strategy_configs column (checked against the generated Database below). */
  column: ConfigColumn;
  /** What it does, one or two sentences ending with a period; unit, bounds and default are appended. */
  description: string;
  /** True when null is a valid value; `whenNull` says what null means. */
  nullable?: boolean;
  whenNull?: string;
}

/** A number; bounds are inclusive unless `openMin` / `openMax`. No bound = any finite number. */
export interface NumberParameter extends Common {
  kind: "float" | "int";
  unit: Unit;
  min?: number;
  max?: number;
  openMin?: boolean;
  openMax?: boolean;
  default: number | null;
}

/** One of a closed set: stored as the key, published as the GraphQL enum `graphqlName` (UPPER_SNAKE_CASE values). */
export interface EnumParameter extends Common {
  kind: "enum";
  graphqlName: string;
  graphqlDescription: string;
  /** Stored value → its description. */
  values: Readonly<Record<string, string>>;
  default: string;
}

/** An asset symbol (1–16 of A-Z 0-9 . -), upper-cased on input. */
export interface SymbolParameter extends Common {
  kind: "symbol";
  default: string | null;
}

export type ParameterDefinition = NumberParameter | EnumParameter | SymbolParameter;

export const STRATEGY_PARAMETERS = {
  momentumWeight: {
    kind: "float",
    column: "momentum_weight",
    unit: "decimal",
    min: 0,
    max: 1,
    default: 0.4,
    description: "Weight of the momentum sleeve in the blend; the three sleeve weights sum to 1 (±1e-9).",
  },
  marketCapWeight: {
    kind: "float",
    column: "market_cap_weight",
    unit: "decimal",
    min: 0,
    max: 1,
    default: 0.3,
    description: "Weight of the float-adjusted market-cap sleeve; the three sleeve weights sum to 1.",
  },
  riskParityWeight: {
    kind: "float",
    column: "risk_parity_weight",
    unit: "decimal",
    min: 0,
    max: 1,
    default: 0.3,
    description: "Weight of the risk-parity (inverse volatility) sleeve; the three sleeve weights sum to 1.",
  },
  dailyDropThreshold: {
    kind: "float",
    column: "daily_drop_threshold",
    unit: "decimal",
    min: -1,
    max: 0,
    default: -0.01,
    description: "A daily index return at or below this raises an alert.",
  },
  maxDailyReturn: {
    kind: "float",
    column: "max_daily_return",
    unit: "decimal",
    min: 0,
    openMin: true,
    default: 0.5,
    description: "Upper bound of a daily return fed to the signals; a higher return is flagged clipped.",
  },
  minDailyReturn: {
    kind: "float",
    column: "min_daily_return",
    unit: "decimal",
    max: 0,
    openMax: true,
    default: -0.5,
    description: "Lower bound of a daily return fed to the signals; a lower return is flagged clipped.",
  },
  minPriceThreshold: {
    kind: "float",
    column: "min_price_threshold",
    unit: "price",
    min: 0,
    default: 1,
    description: "Closes strictly below this are treated as missing.",
  },
  rebalanceFrequency: {
    kind: "enum",
    column: "rebalance_frequency",
    graphqlName: "RebalanceFrequency",
    graphqlDescription: "How often the index rebalances to its target weights (docs/methodology.md).",
    values: {
      daily: "Every trading date.",
      weekly: "The first trading date of each ISO week.",
      monthly: "The first trading date of each calendar month.",
      quarterly: "The first trading date of each calendar quarter.",
    } satisfies Record<Frequency, string>,
    default: "weekly",
    description: "Rebalancing schedule; the calendar's first date counts as the first of its week, month and quarter.",
  },
  maxForwardFillDays: {
    kind: "int",
    column: "max_forward_fill_days",
    unit: "tradingDates",
    min: 0,
    default: 2,
    description: "Trading dates a missing close may be carried forward (those days are stale).",
  },
  outlierStdThreshold: {
    kind: "float",
    column: "outlier_std_threshold",
    unit: "standardDeviations",
    min: 0,
    openMin: true,
    default: 3,
    description: "k in |r − μ| > k·σ: a return that far from its trailing mean is an outlier and winsorised.",
  },
  momentumLookbackDays: {
    kind: "int",
    column: "momentum_lookback_days",
    unit: "tradingDates",
    min: 1,
    default: 20,
    description: "Window of the momentum signal (compounded cleaned returns).",
  },
  volatilityLookbackDays: {
    kind: "int",
    column: "volatility_lookback_days",
    unit: "tradingDates",
    min: 2,
    default: 60,
    description: "Window of the volatility behind risk parity and the outlier test.",
  },
  maxAssetWeight: {
    kind: "float",
    column: "max_asset_weight",
    unit: "decimal",
    min: 0,
    openMin: true,
    max: 1,
    nullable: true,
    whenNull: "no cap",
    default: null,
    description: "Cap on one asset's target weight; the excess is redistributed.",
  },
  transactionCostBps: {
    kind: "float",
    column: "transaction_cost_bps",
    unit: "basisPoints",
    min: 0,
    max: 1000,
    default: 0,
    description:
      "Cost charged per unit of two-way turnover at each rebalance; at most 1000, so a full turnover " +
      "costs at most 20 % and levels stay positive.",
  },
  riskFreeRate: {
    kind: "float",
    column: "risk_free_rate",
    unit: "annualRate",
    default: 0,
    description: "Risk-free rate of the stored Sharpe and Sortino ratios (per period: rate / 252).",
  },
  benchmarkSymbol: {
    kind: "symbol",
    column: "benchmark_symbol",
    nullable: true,
    whenNull: "no benchmark",
    default: "SPY",
    description: "Symbol of the benchmark asset; it is never part of the index universe.",
  },
} as const satisfies Record<string, ParameterDefinition>;

type Definitions = typeof STRATEGY_PARAMETERS;
export type StrategyParamName = keyof Definitions;

type ValueOf<D> =
  | (D extends { kind: "float" | "int" }
      ? number
      : D extends { kind: "symbol" }
        ? string
        : D extends { kind: "enum"; values: infer V }
          ? keyof V & string
          : never)
  | (D extends { nullable: true } ? null : never);

/** Every parameter by API name, with its value type. */
export type StrategyParams = { [K in StrategyParamName]: ValueOf<Definitions[K]> };

/** The names in declaration order. */
export const STRATEGY_PARAM_NAMES = Object.keys(STRATEGY_PARAMETERS) as StrategyParamName[];

/** The parameters of a configuration (or any object holding them), nothing else. */
export function paramsOf(config: StrategyParams): StrategyParams {
  return Object.fromEntries(STRATEGY_PARAM_NAMES.map((k) => [k, config[k]])) as StrategyParams;
}

/** A fresh object holding every default. */
export function defaultStrategyParams(): StrategyParams {
  return Object.fromEntries(STRATEGY_PARAM_NAMES.map((k) => [k, STRATEGY_PARAMETERS[k].default])) as StrategyParams;
}

// ---- Compile-time checks against the generated Database -------------------------------------
// A column of the wrong type, or a strategy_configs column that is neither a parameter nor
// listed below, is a compile error naming it.

/** The columns of strategy_configs that are not strategy parameters. */
type NonParameterColumn =
  | "id"
  | "ai_adjusted"
  | "ai_adjustment_reason"
  | "ai_confidence_score"
  | "adjustment_history"
  | "version"
  | "created_at"
  | "updated_at";

/** Parameters whose column cannot hold their values (stored value ⊄ column type, or nullability differs). */
type WrongColumnType = {
  [K in StrategyParamName]: [StrategyParams[K]] extends [ConfigRow[Definitions[K]["column"]]]
    ? null extends ConfigRow[Definitions[K]["column"]]
      ? null extends StrategyParams[K]
        ? never
        : K
      : never
    : K;
}[StrategyParamName];
/** Columns that are neither a parameter nor a known other column. */
type UnregisteredColumn = Exclude<ConfigColumn, Definitions[StrategyParamName]["column"] | NonParameterColumn>;

const columnsHoldTheirParameters: [WrongColumnType] extends [never] ? true : WrongColumnType = true;
const everyColumnIsRegistered: [UnregisteredColumn] extends [never] ? true : UnregisteredColumn = true;
void columnsHoldTheirParameters;
void everyColumnIsRegistered;
