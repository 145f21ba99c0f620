import { randomBytes } from "node:crypto";
import { z } from "zod";
import { SECRET_ADVICE, secretWeakness } from "./secret-strength.js";
import { parseTrustedProxies, type TrustedProxies } from "./http/trusted-proxies.js";

/**
 * The only reader of `process.env`. Parsed and validated once, then frozen.
 * Every tunable of the service lives here so that operators find them in one place.
 */
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const intFrom = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

const EnvSchema = z.object({
  // Unset means production: stack traces, generated secrets and the like must be asked for
  // (`npm start` sets development for the demo; the tests set test).
  NODE_ENV: z.enum(["development", "test", "production"]).default("production"),
  PORT: intFrom(4000, 0, 65535),
  HOST: z.string().default("127.0.0.1"),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: intFrom(10, 1, 200),
  // The direct connection (migrations, LISTEN) when DATABASE_URL points at a pooler; default DATABASE_URL.
  DATABASE_DIRECT_URL: z.string().url().optional(),
  // session: every pooled connection is ours for its life (a direct server or a session pooler);
  // transaction: PgBouncer in transaction mode (no startup parameters, no session state).
  DATABASE_POOL_MODE: z.enum(["session", "transaction"]).default("session"),
  // Read replicas (comma-separated URLs) for the read queries; README "Scaling out".
  DATABASE_READ_URLS: z.string().default(""),
  // A replica further behind the primary than this is not read from (the primary answers).
  DATABASE_REPLICA_MAX_LAG_MS: intFrom(5_000, 0, 3_600_000),
  // How often the primary's WAL position and each replica's replay position are sampled.
  DATABASE_REPLICA_CHECK_MS: intFrom(500, 10, 60_000),
  AUTOINDEX_DATA_DIR: z.string().default("./data"),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  MAX_QUERY_DEPTH: intFrom(10, 2, 50),
  MAX_QUERY_COST: intFrom(150_000, 100, 100_000_000),
  // Parser tokens of a document and fields of an operation once fragments are expanded:
  // both refuse oversized documents before their size costs anything (docs/security.md).
  MAX_QUERY_LENGTH: intFrom(100_000, 1_000, 10_000_000),
  MAX_QUERY_TOKENS: intFrom(5_000, 100, 1_000_000),
  // Parsed documents kept (with their compiled form), by the total length of their source text.
  GRAPHQL_DOCUMENT_CACHE_CHARS: intFrom(250_000, 0, 100_000_000),
  MAX_QUERY_NODES: intFrom(5_000, 10, 1_000_000),
  // The time budget of one GraphQL request (TIMEOUT past it), also the statement_timeout of
  // the Postgres pool; the recompute and imports raise theirs (src/db/statement-timeout.ts).
  QUERY_TIMEOUT_MS: intFrom(5_000, 100, 600_000),
  // CPU ms a request runs before it lets other work in (src/graphql/budget.ts).
  QUERY_SLICE_MS: intFrom(20, 1, 10_000),
  MAX_PAGE_SIZE: intFrom(500, 1, 10_000),
  MAX_DATE_SPAN_DAYS: intFrom(3700, 1, 36_500),
  MAX_BATCH_ROWS: intFrom(10_000, 1, 1_000_000),
  JWT_SECRET: z.string().optional(),
  JWT_ISSUER: z.string().default("autoindex"),
  JWT_AUDIENCE: z.string().default("autoindex-api"),
  ACCESS_TOKEN_TTL_SECONDS: intFrom(900, 30, 86_400),
  REFRESH_TOKEN_TTL_SECONDS: intFrom(30 * 86_400, 60, 365 * 86_400),
  ADMIN_TOKEN: z.string().optional(),
  // Schema introspection (and "Did you mean …?" suggestions in errors); default: off in production.
  GRAPHQL_INTROSPECTION: z.enum(["on", "off"]).optional(),
  ARGON2_MEMORY_KIB: intFrom(19_456, 1024, 1_048_576),
  ARGON2_TIME_COST: intFrom(2, 1, 20),
  ARGON2_PARALLELISM: intFrom(1, 1, 16),
  // Throttles (docs/security.md, "Throttles"): failed logins of one email from one address,
  // of one email from all addresses, of all emails from one address, per window.
  LOGIN_MAX_ATTEMPTS: intFrom(5, 1, 1000),
  LOGIN_MAX_ATTEMPTS_PER_EMAIL: intFrom(100, 1, 1_000_000),
  // Higher than the per-pair bound: many people may share one address (an office NAT).
  LOGIN_MAX_ATTEMPTS_PER_ADDRESS: intFrom(50, 1, 100_000),
  LOGIN_WINDOW_SECONDS: intFrom(900, 1, 86_400),
  REGISTER_MAX_PER_ADDRESS: intFrom(5, 1, 100_000),
  REGISTER_MAX_GLOBAL: intFrom(200, 1, 10_000_000),
  REGISTER_WINDOW_SECONDS: intFrom(3600, 1, 86_400),
  // argon2 hashes and verifies running at once in this process, and waiting for a turn.
  ARGON2_MAX_CONCURRENT: intFrom(2, 1, 64),
  ARGON2_MAX_QUEUED: intFrom(32, 0, 10_000),
  SHUTDOWN_TIMEOUT_MS: intFrom(10_000, 0, 600_000),
  // Read path over HTTP (README "Caching, compression, CORS").
  RESPONSE_CACHE: z.enum(["on", "off"]).default("on"),
  RESPONSE_CACHE_MAX_BYTES: intFrom(64 * 1024 * 1024, 0, 16 * 1024 * 1024 * 1024),
  COMPRESSION_MIN_BYTES: intFrom(1024, 0, 1024 * 1024 * 1024),
  CORS_ORIGINS: z.string().default(""),
  CORS_MAX_AGE_SECONDS: intFrom(600, 0, 86_400),
  PERSISTED_QUERIES: z.enum(["apq", "only", "off"]).default("apq"),
  PERSISTED_QUERIES_MANIFEST: z.string().default("schema/persisted-operations.json"),
  APQ_CACHE_MAX_BYTES: intFrom(8 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  // The dashboard's built files (Vite's output). Unset: dist/dashboard beside the compiled server;
  // bin/autoindex.js sets it to the build it keeps in node_modules/.cache when run from sources.
  DASHBOARD_DIR: z.string().optional(),
  // Which peers may say who the client is in x-forwarded-for: a hop count, or addresses/CIDRs.
  TRUSTED_PROXIES: z.string().default(""),
  // Who may read /metrics: anyone, admins (x-admin-token or an admin's JWT), or nobody (404).
  METRICS_ACCESS: z.enum(["public", "admin", "off"]).default("admin"),
  // Slow and idle clients (docs/security.md, "HTTP limits and headers").
  HTTP_HEADERS_TIMEOUT_MS: intFrom(15_000, 100, 600_000),
  HTTP_REQUEST_TIMEOUT_MS: intFrom(30_000, 100, 3_600_000),
  HTTP_BODY_IDLE_TIMEOUT_MS: intFrom(10_000, 100, 600_000),
  // Longer than the 60 s idle timeout of common load balancers (AWS ALB, GCP, nginx upstream
  // keepalive): the balancer, not this server, closes an idle connection, so it never sends a
  // request on a socket this side is closing (a 502 under load).
  HTTP_KEEP_ALIVE_TIMEOUT_MS: intFrom(65_000, 100, 3_600_000),
  HTTP_MAX_CONNECTIONS: intFrom(512, 1, 1_000_000),
  HTTP_MAX_BODY_BYTES: intFrom(2 * 1024 * 1024, 1024, 64 * 1024 * 1024),
  // Postgres: fail fast while the database is unreachable instead of queueing requests.
  DATABASE_CONNECT_TIMEOUT_MS: intFrom(5_000, 100, 120_000),
  // Live updates: GraphQL subscriptions over WebSocket (README "Live updates").
  LIVE_UPDATES: z.enum(["on", "off"]).default("on"),
  LIVE_MAX_SUBSCRIPTIONS: intFrom(10_000, 1, 1_000_000),
  LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: intFrom(20, 1, 10_000),
  LIVE_MAX_QUEUED_EVENTS: intFrom(100, 1, 100_000),
  LIVE_MAX_BUFFERED_BYTES: intFrom(1024 * 1024, 1024, 1024 * 1024 * 1024),
  LIVE_CONNECTION_INIT_TIMEOUT_MS: intFrom(5_000, 100, 600_000),
  LIVE_KEEPALIVE_MS: intFrom(12_000, 0, 600_000),
  LIVE_EVENTS_RETENTION_SECONDS: intFrom(3600, 60, 30 * 86_400),
});

export type Env = z.infer<typeof EnvSchema>;

export interface AppConfig {
  readonly env: Env["NODE_ENV"];
  readonly isDevelopment: boolean;
  readonly port: number;
  readonly host: string;
  /** PostgreSQL connection string; absent = embedded PGlite. */
  readonly databaseUrl: string | undefined;
  readonly poolSize: number;
  /** The direct (unpooled) connection for migrations and LISTEN; DATABASE_URL when unset. */
  readonly databaseDirectUrl: string | undefined;
  /** "transaction": DATABASE_URL is PgBouncer in transaction mode (no session state on its connections). */
  readonly databasePoolMode: "session" | "transaction";
  /** Read replicas for the read queries (README "Scaling out"). */
  readonly databaseReadUrls: readonly string[];
  readonly replicaMaxLagMs: number;
  readonly replicaCheckMs: number;
  /** PGlite data directory, or "memory://" for an in-memory database. */
  readonly dataDir: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** Introspection queries allowed; when false, validation errors also omit field suggestions. */
  readonly introspection: boolean;
  readonly limits: {
    readonly maxDepth: number;
    readonly maxCost: number;
    readonly maxLength: number;
    readonly maxTokens: number;
    /** Characters of source text whose parsed (and compiled) documents are cached (DocumentStore). */
    readonly documentCacheChars: number;
    readonly maxNodes: number;
    readonly queryTimeoutMs: number;
    readonly querySliceMs: number;
    readonly maxPageSize: number;
    readonly maxDateSpanDays: number;
    readonly maxBatchRows: number;
  };
  readonly auth: {
    readonly jwtSecret: string;
    /**
     * True when no secret was configured and one was generated for this process (refused by assertReadyToServe in
     * production).
     */
    readonly jwtSecretGenerated: boolean;
    readonly issuer: string;
    readonly audience: string;
    readonly accessTokenTtlSeconds: number;
    readonly refreshTokenTtlSeconds: number;
    readonly adminToken: string | undefined;
    readonly argon2: { readonly memoryCost: number; readonly timeCost: number; readonly parallelism: number };
    /** Failed logins per (email, client address) and window. */
    readonly loginMaxAttempts: number;
    /** Failed logins per email from all addresses and window (bounds distributed guessing). */
    readonly loginMaxAttemptsPerEmail: number;
    readonly loginMaxAttemptsPerAddress: number;
    readonly loginWindowSeconds: number;
    readonly registerMaxPerAddress: number;
    readonly registerMaxGlobal: number;
    readonly registerWindowSeconds: number;
    readonly argon2MaxConcurrent: number;
    readonly argon2MaxQueued: number;
  };
  readonly shutdownTimeoutMs: number;
  readonly http: HttpLimits & {
    /** Serve repeated public reads of unchanged data from memory (src/http/response-cache.ts). */
    readonly responseCache: boolean;
    readonly responseCacheMaxBytes: number;
    /** Bodies smaller than this are sent uncompressed. */
    readonly compressionMinBytes: number;
    /** Exact origins (scheme://host[:port]) allowed to call the API from a browser. */
    readonly corsOrigins: readonly string[];
    readonly corsMaxAgeSeconds: number;
    /** apq: automatic persisted queries; only: registered operations only; off: neither. */
    readonly persistedQueries: "apq" | "only" | "off";
    readonly persistedQueriesManifest: string;
    readonly apqCacheMaxBytes: number;
    /** The dashboard's built files; undefined: dist/dashboard beside the compiled server. */
    readonly dashboardDir: string | undefined;
  };
  /** How x-forwarded-for is read; none trusted by default (the socket's peer is the client). */
  readonly trustedProxies: TrustedProxies;
  readonly metricsAccess: Env["METRICS_ACCESS"];
  /** Postgres: how long acquiring a connection may take before the request fails with SERVICE_UNAVAILABLE. */
  readonly databaseConnectTimeoutMs: number;
  readonly live: LiveLimits;
}

/** GraphQL subscriptions over WebSocket (src/live/). */
export interface LiveLimits {
  readonly enabled: boolean;
  /** Subscriptions this process holds at most, over all connections. */
  readonly maxSubscriptions: number;
  readonly maxSubscriptionsPerConnection: number;
  /** Events a subscription may fall behind before its connection is closed (slow consumer). */
  readonly maxQueuedEvents: number;
  /** Bytes a socket's send buffer may hold before its connection is closed (slow consumer). */
  readonly maxBufferedBytes: number;
  readonly connectionInitTimeoutMs: number;
  /** Ping interval; a client that misses a pong for as long is disconnected (0: no pings). */
  readonly keepAliveMs: number;
  /** How long committed events stay in live_events for listeners to catch up on. */
  readonly eventsRetentionSeconds: number;
}

/** Bounds on slow and idle HTTP clients (src/http/limits.ts). */
export interface HttpLimits {
  /** Time to receive the request line and headers. */
  readonly headersTimeoutMs: number;
  /** Time to receive the whole request, headers and body (not the time to answer it). */
  readonly requestTimeoutMs: number;
  /** Longest pause between two chunks of a request body. */
  readonly bodyIdleTimeoutMs: number;
  /** How long an idle keep-alive connection stays open after a response. */
  readonly keepAliveTimeoutMs: number;
  /** Open connections at most; further ones are closed on accept. */
  readonly maxConnections: number;
  readonly maxBodyBytes: number;
}

export class ConfigError extends Error {}

/** Parses an environment (default: process.env) into a frozen config, or throws ConfigError naming the variables. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, overrides: Partial<Env> = {}): AppConfig {
  const parsed = EnvSchema.safeParse({ ...pickDefined(source), ...overrides });
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ConfigError(`invalid configuration: ${detail}`);
  }
  const e = parsed.data;
  // Node refuses a headers timeout longer than the request timeout (which includes the headers).
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS)
    throw new ConfigError("invalid configuration: HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS");
  if (e.DATABASE_POOL_MODE === "transaction" && (!e.DATABASE_URL || !e.DATABASE_DIRECT_URL))
    throw new ConfigError(
      "invalid configuration: DATABASE_POOL_MODE=transaction needs DATABASE_URL (the pooler) and " +
        "DATABASE_DIRECT_URL (a direct connection: migrations hold a session lock, LISTEN needs a session)",
    );
  const secret = resolveJwtSecret(e);
  return deepFreeze({
    env: e.NODE_ENV,
    isDevelopment: e.NODE_ENV === "development",
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    databaseDirectUrl: e.DATABASE_DIRECT_URL ?? e.DATABASE_URL,
    databasePoolMode: e.DATABASE_POOL_MODE,
    databaseReadUrls: readUrlsOf(e),
    replicaMaxLagMs: e.DATABASE_REPLICA_MAX_LAG_MS,
    replicaCheckMs: e.DATABASE_REPLICA_CHECK_MS,
    dataDir: e.AUTOINDEX_DATA_DIR,
    logLevel: e.LOG_LEVEL,
    introspection: e.GRAPHQL_INTROSPECTION ? e.GRAPHQL_INTROSPECTION === "on" : e.NODE_ENV !== "production",
    limits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxCost: e.MAX_QUERY_COST,
      maxLength: e.MAX_QUERY_LENGTH,
      maxTokens: e.MAX_QUERY_TOKENS,
      documentCacheChars: e.GRAPHQL_DOCUMENT_CACHE_CHARS,
      maxNodes: e.MAX_QUERY_NODES,
      queryTimeoutMs: e.QUERY_TIMEOUT_MS,
      querySliceMs: e.QUERY_SLICE_MS,
      maxPageSize: e.MAX_PAGE_SIZE,
      maxDateSpanDays: e.MAX_DATE_SPAN_DAYS,
      maxBatchRows: e.MAX_BATCH_ROWS,
    },
    auth: {
      jwtSecret: secret.value,
      jwtSecretGenerated: secret.generated,
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
      adminToken: e.ADMIN_TOKEN === undefined ? undefined : checkedSecret("ADMIN_TOKEN", e.ADMIN_TOKEN),
      argon2: { memoryCost: e.ARGON2_MEMORY_KIB, timeCost: e.ARGON2_TIME_COST, parallelism: e.ARGON2_PARALLELISM },
      loginMaxAttempts: e.LOGIN_MAX_ATTEMPTS,
      loginMaxAttemptsPerEmail: e.LOGIN_MAX_ATTEMPTS_PER_EMAIL,
      loginMaxAttemptsPerAddress: e.LOGIN_MAX_ATTEMPTS_PER_ADDRESS,
      loginWindowSeconds: e.LOGIN_WINDOW_SECONDS,
      registerMaxPerAddress: e.REGISTER_MAX_PER_ADDRESS,
      registerMaxGlobal: e.REGISTER_MAX_GLOBAL,
      registerWindowSeconds: e.REGISTER_WINDOW_SECONDS,
      argon2MaxConcurrent: e.ARGON2_MAX_CONCURRENT,
      argon2MaxQueued: e.ARGON2_MAX_QUEUED,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    http: {
      responseCache: e.RESPONSE_CACHE === "on",
      responseCacheMaxBytes: e.RESPONSE_CACHE_MAX_BYTES,
      compressionMinBytes: e.COMPRESSION_MIN_BYTES,
      corsOrigins: parseOrigins(e.CORS_ORIGINS),
      corsMaxAgeSeconds: e.CORS_MAX_AGE_SECONDS,
      persistedQueries: e.PERSISTED_QUERIES,
      persistedQueriesManifest: e.PERSISTED_QUERIES_MANIFEST,
      apqCacheMaxBytes: e.APQ_CACHE_MAX_BYTES,
      dashboardDir: e.DASHBOARD_DIR,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      bodyIdleTimeoutMs: e.HTTP_BODY_IDLE_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
      maxBodyBytes: e.HTTP_MAX_BODY_BYTES,
    },
    trustedProxies: trustedProxiesOf(e.TRUSTED_PROXIES),
    metricsAccess: e.METRICS_ACCESS,
    databaseConnectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
    live: {
      enabled: e.LIVE_UPDATES === "on",
      maxSubscriptions: e.LIVE_MAX_SUBSCRIPTIONS,
      maxSubscriptionsPerConnection: e.LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      maxQueuedEvents: e.LIVE_MAX_QUEUED_EVENTS,
      maxBufferedBytes: e.LIVE_MAX_BUFFERED_BYTES,
      connectionInitTimeoutMs: e.LIVE_CONNECTION_INIT_TIMEOUT_MS,
      keepAliveMs: e.LIVE_KEEPALIVE_MS,
      eventsRetentionSeconds: e.LIVE_EVENTS_RETENTION_SECONDS,
    },
  });
}

/**
 * A configured secret is checked for strength in every environment (see secret-strength.ts).
 * Without one, a random secret is generated for this process: fine for the CLI tools (they
 * sign nothing) and for development, refused by assertReadyToServe in production.
 */
function resolveJwtSecret(e: Env): { value: string; generated: boolean } {
  if (e.JWT_SECRET !== undefined) return { value: checkedSecret("JWT_SECRET", e.JWT_SECRET), generated: false };
  return { value: randomBytes(48).toString("base64url"), generated: true };
}

function checkedSecret(name: string, value: string): string {
  const weakness = secretWeakness(value);
  if (weakness) throw new ConfigError(`invalid configuration: ${name} ${weakness}; ${SECRET_ADVICE}`);
  return value;
}

/**
 * The API refuses to serve in production with a generated JWT secret (tokens would die with the process, and differ
 * between processes).
 */
export function assertReadyToServe(config: AppConfig): void {
  if (config.env === "production" && config.auth.jwtSecretGenerated)
    throw new ConfigError(
      `invalid configuration: JWT_SECRET is required in production (NODE_ENV unset means production; set ` +
        `NODE_ENV=development for a local demo); ${SECRET_ADVICE}`,
    );
}

/** DATABASE_READ_URLS: comma-separated postgres:// URLs, only beside a DATABASE_URL (PGlite has no replicas). */
function readUrlsOf(e: Env): string[] {
  const urls = e.DATABASE_READ_URLS.split(",")
    .map((u) => u.trim())
    .filter(Boolean);
  for (const u of urls) {
    let protocol: string | undefined;
    try {
      protocol = new URL(u).protocol;
    } catch {
      /* reported below */
    }
    if (protocol !== "postgres:" && protocol !== "postgresql:")
      throw new ConfigError(`invalid configuration: DATABASE_READ_URLS: "${u}" is not a postgres:// URL`);
  }
  if (urls.length && !e.DATABASE_URL)
    throw new ConfigError("invalid configuration: DATABASE_READ_URLS needs DATABASE_URL (the primary they replicate)");
  return urls;
}

/** CORS_ORIGINS: comma-separated exact origins, each as a browser sends it (no path, no trailing slash). */
function parseOrigins(list: string): string[] {
  const origins = list
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  for (const o of origins) {
    let origin: string | undefined;
    try {
      origin = new URL(o).origin;
    } catch {
      /* reported below */
    }
    if (origin !== o)
      throw new ConfigError(
        `invalid configuration: CORS_ORIGINS: "${o}" is not an origin like https://app.example.com`,
      );
  }
  return origins;
}

function trustedProxiesOf(value: string): TrustedProxies {
  try {
    return parseTrustedProxies(value);
  } catch (err) {
    throw new ConfigError(`invalid configuration: ${(err as Error).message}`);
  }
}

/** Empty strings in the environment mean "unset". */
function pickDefined(source: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined && v !== "") out[k] = v;
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
