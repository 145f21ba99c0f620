import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The process's Prometheus metrics (served at /metrics, see src/http/metrics-route.ts).
 * One registry per process, like the process metrics it carries; every label takes values
 * from a bounded set, so a client cannot grow the series without limit.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "autoindex_" });

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Label values of `operation` besides client-chosen names (see operationLabel and access-log.ts). */
export const OPERATION = { unnamed: "unnamed", invalid: "invalid", other: "other", none: "none" } as const;
/** At most this many distinct operation names become label values; later ones count as "other". */
export const MAX_OPERATION_NAMES = 100;

export const metrics = {
  /** route: graphql | metrics | healthz | readyz | playground | dashboard | not_found; outcome: see access-log.ts. */
  httpRequestDuration: new Histogram({
    name: "autoindex_http_request_duration_seconds",
    help: "HTTP request duration by route, GraphQL operation name and outcome",
    labelNames: ["route", "operation", "outcome"] as const,
    buckets: SECONDS,
    registers: [registry],
  }),
  graphqlErrors: new Counter({
    name: "autoindex_graphql_errors_total",
    help: "GraphQL errors sent to clients, by extensions.code",
    labelNames: ["code"] as const,
    registers: [registry],
  }),
  sqlDuration: new Histogram({
    name: "autoindex_sql_statement_duration_seconds",
    help: "SQL statement duration by statement kind and outcome",
    labelNames: ["kind", "outcome"] as const,
    buckets: SECONDS,
    registers: [registry],
  }),
  recomputeDuration: new Histogram({
    name: "autoindex_recompute_duration_seconds",
    help: "Index recompute duration",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  }),
  recomputeRows: new Counter({
    name: "autoindex_recompute_trading_days_total",
    help: "Trading days computed by recomputes",
    registers: [registry],
  }),
  importDuration: new Histogram({
    name: "autoindex_import_duration_seconds",
    help: "CSV import and batch upsert duration by kind",
    labelNames: ["kind"] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900],
    registers: [registry],
  }),
  importRows: new Counter({
    name: "autoindex_import_rows_total",
    help: "Rows read by imports and batch upserts, by kind and result (inserted, updated, unchanged, rejected)",
    labelNames: ["kind", "result"] as const,
    registers: [registry],
  }),
  /** For response caches: call metrics.cacheHits.inc({ cache: "response" }) (and cacheMisses) on each lookup. */
  cacheHits: new Counter({
    name: "autoindex_cache_hits_total",
    help: "Cache hits by cache",
    labelNames: ["cache"] as const,
    registers: [registry],
  }),
  cacheMisses: new Counter({
    name: "autoindex_cache_misses_total",
    help: "Cache misses by cache",
    labelNames: ["cache"] as const,
    registers: [registry],
  }),
  /** topic: INDEX_UPDATED | ALERT_RAISED | PRICES_UPDATED | STRATEGY_CHANGED (src/live/topics.ts). */
  liveEvents: new Counter({
    name: "autoindex_live_events_total",
    help: "Committed live events this process's listener delivered to its subscribers, by topic",
    labelNames: ["topic"] as const,
    registers: [registry],
  }),
  /** reason: slow_consumer | token_expired | unauthorized. */
  liveClosed: new Counter({
    name: "autoindex_live_connections_closed_total",
    help: "WebSocket connections the server closed, by reason",
    labelNames: ["reason"] as const,
    registers: [registry],
  }),
  liveReconnects: new Counter({
    name: "autoindex_live_listener_reconnects_total",
    help: "Times the live listener re-established its LISTEN connection (then caught up on missed events)",
    registers: [registry],
  }),
};

/** What the live gauges read at each scrape (one per running app). */
export interface LiveStats {
  subscriptions(): number;
  connections(): number;
}
const lives = new Set<LiveStats>();

/** Counts an app's subscriptions and WebSocket connections in the live gauges until the returned function is called. */
export function observeLive(stats: LiveStats): () => void {
  lives.add(stats);
  return () => void lives.delete(stats);
}
new Gauge({
  name: "autoindex_live_subscriptions",
  help: "GraphQL subscriptions open in this process",
  registers: [registry],
  collect() {
    this.set([...lives].reduce((n, l) => n + l.subscriptions(), 0));
  },
});
new Gauge({
  name: "autoindex_live_connections",
  help: "WebSocket connections open in this process",
  registers: [registry],
  collect() {
    this.set([...lives].reduce((n, l) => n + l.connections(), 0));
  },
});

/** The pg pools of this process (PGlite has none), read at each scrape. */
export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}
const pools = new Set<PoolStats>();

/** Counts a pool in the pool gauges until the returned function is called. */
export function observePool(pool: PoolStats): () => void {
  pools.add(pool);
  return () => void pools.delete(pool);
}

const sumPools = (f: (p: PoolStats) => number) => [...pools].reduce((n, p) => n + f(p), 0);
new Gauge({
  name: "autoindex_db_pool_connections",
  help: "PostgreSQL pool connections by state (in_use, idle)",
  labelNames: ["state"] as const,
  registers: [registry],
  collect() {
    this.set(
      { state: "in_use" },
      sumPools((p) => p.totalCount - p.idleCount),
    );
    this.set(
      { state: "idle" },
      sumPools((p) => p.idleCount),
    );
  },
});
new Gauge({
  name: "autoindex_db_pool_waiting",
  help: "Queries waiting for a PostgreSQL pool connection",
  registers: [registry],
  collect() {
    this.set(sumPools((p) => p.waitingCount));
  },
});

const SQL_KINDS = new Set([
  "select",
  "insert",
  "update",
  "delete",
  "with",
  "begin",
  "commit",
  "rollback",
  "savepoint",
  "release",
  "set",
]);
/** The statement's first keyword when it is a common one, else "other" (bounded label). */
export function sqlKind(statement: string): string {
  const word = /^\s*([a-z]+)/i.exec(statement)?.[1]?.toLowerCase() ?? "";
  return SQL_KINDS.has(word) ? word : "other";
}

const operationNames = new Set<string>();
/**
 * The `operation` label of a GraphQL request: its name when it is a plain identifier of at
 * most 64 characters, among the first MAX_OPERATION_NAMES distinct names seen; "other" after.
 */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return OPERATION.unnamed;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return OPERATION.other;
  if (operationNames.has(name)) return name;
  if (operationNames.size >= MAX_OPERATION_NAMES) return OPERATION.other;
  operationNames.add(name);
  return name;
}

/** Records one import (a CSV file, or an API batch as kind "prices-batch", "market-caps-batch"). */
export function recordImport(
  kind: string,
  seconds: number,
  rows: { inserted: number; updated: number; unchanged: number; rejected?: number },
): void {
  metrics.importDuration.observe({ kind }, seconds);
  for (const result of ["inserted", "updated", "unchanged", "rejected"] as const) {
    const n = rows[result] ?? 0;
    if (n > 0) metrics.importRows.inc({ kind, result }, n);
  }
}

/** Kysely's log hook: every statement's duration, by kind and outcome. */
export function observeStatement(event: {
  level: "query" | "error";
  query: { sql: string };
  queryDurationMillis: number;
}): void {
  metrics.sqlDuration.observe(
    { kind: sqlKind(event.query.sql), outcome: event.level === "query" ? "ok" : "error" },
    event.queryDurationMillis / 1000,
  );
}
