import type { ColumnType, Generated, JSONColumnType } from "kysely";

/**
 * Kysely's view of the tables (see migrations/). Dates are 'YYYY-MM-DD' strings on both
 * engines (src/db/create-db.ts installs the parsers); timestamps are JS Dates.
 */
type Timestamps = {
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, never>;
};
type Id = Generated<number>;

export interface UsersTable extends Timestamps {
  id: Id;
  email: string;
  password_hash: string;
  role: ColumnType<"user" | "admin", "user" | "admin" | undefined, "user" | "admin">;
}

export interface AssetsTable extends Timestamps {
  id: Id;
  symbol: string;
  name: string | null;
  sector: string | null;
  investable: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface PricesTable extends Timestamps {
  id: Id;
  asset_id: number;
  date: string;
  close: number;
}

export interface MarketCapDataTable extends Timestamps {
  id: Id;
  asset_id: number;
  date: string;
  market_cap: number | null;
  shares_outstanding: number | null;
  free_float: number | null;
  average_volume: number | null;
}

export interface IndexValuesTable extends Timestamps {
  id: Id;
  date: string;
  value: number;
  /** The benchmark's cleaned close on that date (DOMAIN §2.1–2.3), null when missing. */
  benchmark_close: number | null;
}

export interface IndexRebalancesTable extends Timestamps {
  date: string;
  forced: boolean;
  eligible_count: number;
  turnover: number;
  cost: number;
  fallbacks: JSONColumnType<string[]>;
}

export interface IndexEventsTable extends Timestamps {
  id: Id;
  date: string;
  type: string;
  asset_id: number | null;
  detail: string | null;
  value: number | null;
}

/** Units held from `date` on: units[j] of asset_ids[j], plus cash (index points). */
export interface IndexHoldingPeriodsTable extends Timestamps {
  date: string;
  kind: "REBALANCE" | "FORCED_SALE";
  cash: number;
  asset_ids: number[];
  units: number[];
}

export interface DataQualityFlagsTable extends Timestamps {
  asset_id: number;
  date: string;
  flags: number;
  ret: number | null;
}

export interface MarketDataVersionTable {
  id: number;
  version: number;
}

/** Bumped by every recompute, in its transaction (see src/graphql/data-version.repo.ts). */
export interface IndexVersionTable {
  id: number;
  version: number;
}

export interface AllocationsTable extends Timestamps {
  id: Id;
  date: string;
  asset_id: number;
  weight: number;
}

/** One entry of strategy_configs.adjustment_history (the audit trail). */
export interface AdjustmentEntry {
  timestamp: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  userId: number | null;
  actor?: string;
  reason: string;
  kind?: string;
  version?: number;
}

export interface StrategyConfigsTable extends Timestamps {
  id: ColumnType<number, number | undefined, never>;
  momentum_weight: number;
  market_cap_weight: number;
  risk_parity_weight: number;
  daily_drop_threshold: number;
  max_daily_return: number;
  min_daily_return: number;
  min_price_threshold: number;
  rebalance_frequency: string;
  max_forward_fill_days: number;
  outlier_std_threshold: number;
  momentum_lookback_days: number;
  volatility_lookback_days: number;
  max_asset_weight: number | null;
  transaction_cost_bps: number;
  risk_free_rate: number;
  benchmark_symbol: string | null;
  ai_adjusted: boolean;
  ai_adjustment_reason: string | null;
  ai_confidence_score: number | null;
  adjustment_history: JSONColumnType<AdjustmentEntry[]>;
  version: number;
}

/** The strategy parameters by API name, as stored in index_state.computed_params. */
export type StrategyParamsSnapshot = Record<string, string | number | null>;

/** What recomputes derive (migration 20260201000110_index_state); the singleton row id 1. */
export interface IndexStateTable extends Timestamps {
  id: ColumnType<number, number | undefined, never>;
  force_rebalance: boolean;
  forced_rebalance_dates: JSONColumnType<string[]>;
  last_rebalance: string | null;
  computed_params: ColumnType<StrategyParamsSnapshot | null, string | null | undefined, string | null>;
  computed_strategy_version: number | null;
  computed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface RiskMetricsTable extends Timestamps {
  id: Id;
  date: string;
  total_return: number | null;
  annualized_return: number | null;
  daily_return: number | null;
  volatility: number | null;
  sharpe_ratio: number | null;
  sortino_ratio: number | null;
  max_drawdown: number | null;
  current_drawdown: number | null;
  var_95: number | null;
  var_99: number | null;
  beta_sp500: number | null;
  correlation_sp500: number | null;
  tracking_error: number | null;
  information_ratio: number | null;
  ai_risk_score: number | null;
  ai_risk_adjusted_roi: number | null;
  ai_market_regime: string | null;
}

/** A rotating refresh token; only its SHA-256 is stored (see migrations/20260102000100). */
export interface RefreshTokensTable {
  id: Generated<number>;
  user_id: number;
  family_id: string;
  token_hash: string;
  expires_at: Date;
  rotated_at: Date | null;
  revoked_at: Date | null;
  created_at: ColumnType<Date, never, never>;
}

/** Failed-login counter of one (scope, key) in a fixed window (see migrations/20260102000200). */
export interface LoginAttemptsTable {
  scope: "email" | "address" | "email_address" | "register_address" | "register";
  key: string;
  failures: number;
  window_start: ColumnType<Date, Date | undefined, Date>;
}

export interface Database {
  users: UsersTable;
  assets: AssetsTable;
  prices: PricesTable;
  market_cap_data: MarketCapDataTable;
  index_values: IndexValuesTable;
  allocations: AllocationsTable;
  strategy_configs: StrategyConfigsTable;
  index_state: IndexStateTable;
  risk_metrics: RiskMetricsTable;
  index_rebalances: IndexRebalancesTable;
  index_events: IndexEventsTable;
  index_holding_periods: IndexHoldingPeriodsTable;
  data_quality_flags: DataQualityFlagsTable;
  market_data_version: MarketDataVersionTable;
  index_version: IndexVersionTable;
  refresh_tokens: RefreshTokensTable;
  login_attempts: LoginAttemptsTable;
  live_events: LiveEventsTable;
}

/** One committed live event (migrations/20260202000400, src/live/): its id is the version listeners catch up by. */
export interface LiveEventsTable {
  id: Generated<number>;
  topic: string;
  payload: JSONColumnType<Record<string, unknown>>;
  created_at: ColumnType<Date, never, never>;
}
