/**
 * Cost units and their weights (docs/security.md "Query cost"). One unit is the work of
 * serving one field of one row read from the database; the weights below convert the other
 * kinds of work into that unit. Each was measured by bench/cost-calibration.ts on the reference
 * machine (2 shared cores, Node 20, embedded PGlite, demo data); rerun it after changing the
 * read path and copy the printed values here. MAX_QUERY_COST (src/config.ts) is the number of
 * units that take about one second there.
 */

/** Each item of a list argument (coercion, validation, a pass over it by the resolver). */
export const ARG_ITEM_COST = 0.03;

/** Each return of analyzeReturns (validation, Welford, two running quantiles). */
export const ANALYZE_ITEM_COST = 0.03;

/** Each stored row a computation over a date window reads (riskMetrics, benchmarkComparison, simulateInvestment). */
export const ROW_READ_COST = 1;

/** Each SQL statement a field runs on its own, outside the per-request loaders (a count, a summary). */
export const STATEMENT_COST = 200;

/** Each row a count or an aggregate scans (totalCount, the data-quality summary and sort). */
export const SCAN_ROW_COST = 0.02;

/**
 * One run of the index engine (previewStrategy, admin): demo data ≈ 0.1 s, the S&P 500 sample < 1 s
 * (bench/recompute.ts).
 */
export const ENGINE_RUN_COST = 10_000;

/** Rows assumed in a table counted by totalCount (assets, the strategy audit trail). */
export const COUNTED_TABLE_ROWS = 10_000;

/** Assets assumed in the universe when a query does not name them (data quality). */
export const UNIVERSE_ASSETS = 500;

/** Items assumed in a list field that declares no estimator (fallbacks, changes, …). */
export const DEFAULT_LIST_ITEMS = 10;
