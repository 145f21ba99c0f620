import { randomBytes } from "node:crypto";
import { z } from "zod";

/**
 * The only reader of `process.env`. Parsed and validated once, then frozen.
 * Every tunable of the service lives here so that operators find them in one place.
 */
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const intFrom = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: intFrom(4000, 0, 65535),
  HOST: z.string().default("127.0.0.1"),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: intFrom(10, 1, 200),
  AUTOINDEX_DATA_DIR: z.string().default("./data"),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  MAX_QUERY_DEPTH: intFrom(10, 2, 50),
  MAX_QUERY_COST: intFrom(150_000, 100, 100_000_000),
  // Parser tokens of a document and fields of an operation once fragments are expanded:
  // both refuse oversized documents before their size costs anything (docs/security.md).
  MAX_QUERY_LENGTH: intFrom(100_000, 1_000, 10_000_000),
  MAX_QUERY_TOKENS: intFrom(5_000, 100, 1_000_000),
  MAX_QUERY_NODES: intFrom(5_000, 10, 1_000_000),
  // The time budget of one GraphQL request (TIMEOUT past it), also the statement_timeout of
  // the Postgres pool; the recompute and imports raise theirs (src/db/statement-timeout.ts).
  QUERY_TIMEOUT_MS: intFrom(5_000, 100, 600_000),
  MAX_PAGE_SIZE: intFrom(500, 1, 10_000),
  MAX_DATE_SPAN_DAYS: intFrom(3700, 1, 36_500),
  MAX_BATCH_ROWS: intFrom(10_000, 1, 1_000_000),
  JWT_SECRET: z.string().optional(),
  JWT_ISSUER: z.string().default("autoindex"),
  JWT_AUDIENCE: z.string().default("autoindex-api"),
  ACCESS_TOKEN_TTL_SECONDS: intFrom(900, 30, 86_400),
  REFRESH_TOKEN_TTL_SECONDS: intFrom(30 * 86_400, 60, 365 * 86_400),
  ADMIN_TOKEN: z.string().min(16).optional(),
  ARGON2_MEMORY_KIB: intFrom(19_456, 1024, 1_048_576),
  ARGON2_TIME_COST: intFrom(2, 1, 20),
  ARGON2_PARALLELISM: intFrom(1, 1, 16),
  LOGIN_MAX_ATTEMPTS: intFrom(5, 1, 1000),
  LOGIN_WINDOW_SECONDS: intFrom(900, 1, 86_400),
  // Higher than the per-email bound: many people may share one address (an office NAT).
  LOGIN_MAX_ATTEMPTS_PER_ADDRESS: intFrom(50, 1, 100_000),
  SHUTDOWN_TIMEOUT_MS: intFrom(10_000, 0, 600_000),
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
  /** PGlite data directory, or "memory://" for an in-memory database. */
  readonly dataDir: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly limits: {
    readonly maxDepth: number;
    readonly maxCost: number;
    readonly maxLength: number;
    readonly maxTokens: number;
    readonly maxNodes: number;
    readonly queryTimeoutMs: number;
    readonly maxPageSize: number;
    readonly maxDateSpanDays: number;
    readonly maxBatchRows: number;
  };
  readonly auth: {
    readonly jwtSecret: string;
    /** True when no secret was configured and one was generated for this process. */
    readonly jwtSecretGenerated: boolean;
    readonly issuer: string;
    readonly audience: string;
    readonly accessTokenTtlSeconds: number;
    readonly refreshTokenTtlSeconds: number;
    readonly adminToken: string | undefined;
    readonly argon2: { readonly memoryCost: number; readonly timeCost: number; readonly parallelism: number };
    readonly loginMaxAttempts: number;
    readonly loginWindowSeconds: number;
    readonly loginMaxAttemptsPerAddress: number;
  };
  readonly shutdownTimeoutMs: number;
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
  const secret = resolveJwtSecret(e);
  return deepFreeze({
    env: e.NODE_ENV,
    isDevelopment: e.NODE_ENV === "development",
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    dataDir: e.AUTOINDEX_DATA_DIR,
    logLevel: e.LOG_LEVEL,
    limits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxCost: e.MAX_QUERY_COST,
      maxLength: e.MAX_QUERY_LENGTH,
      maxTokens: e.MAX_QUERY_TOKENS,
      maxNodes: e.MAX_QUERY_NODES,
      queryTimeoutMs: e.QUERY_TIMEOUT_MS,
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
      adminToken: e.ADMIN_TOKEN,
      argon2: { memoryCost: e.ARGON2_MEMORY_KIB, timeCost: e.ARGON2_TIME_COST, parallelism: e.ARGON2_PARALLELISM },
      loginMaxAttempts: e.LOGIN_MAX_ATTEMPTS,
      loginWindowSeconds: e.LOGIN_WINDOW_SECONDS,
      loginMaxAttemptsPerAddress: e.LOGIN_MAX_ATTEMPTS_PER_ADDRESS,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  });
}

/** Production refuses to start without a secret of at least 32 bytes; elsewhere an ephemeral one is generated. */
function resolveJwtSecret(e: Env): { value: string; generated: boolean } {
  if (e.JWT_SECRET !== undefined) {
    if (Buffer.byteLength(e.JWT_SECRET, "utf8") < 32) throw new ConfigError("invalid configuration: JWT_SECRET must be at least 32 bytes");
    return { value: e.JWT_SECRET, generated: false };
  }
  if (e.NODE_ENV === "production") throw new ConfigError("invalid configuration: JWT_SECRET is required in production");
  return { value: randomBytes(48).toString("base64url"), generated: true };
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
