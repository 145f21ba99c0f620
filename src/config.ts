import { randomBytes } from "node:crypto";
import { z } from "zod";
import { SECRET_ADVICE, secretWeakness } from "./secret-strength.js";

/**
 * The only reader of `process.env`. Parsed and validated once, then frozen.
 * Every tunable of the service lives here so that operators find them in one place.
 */
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const intFrom = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);

const EnvSchema = z.object({
  // Unset means production: stack traces, generated secrets and the like must be asked for
  // (`npm start` sets development for the demo; the tests set test).
  NODE_ENV: z.enum(["development", "test", "production"]).default("production"),
  PORT: intFrom(4000, 0, 65535),
  HOST: z.string().default("127.0.0.1"),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: intFrom(10, 1, 200),
  AUTOINDEX_DATA_DIR: z.string().default("./data"),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  MAX_QUERY_DEPTH: intFrom(10, 2, 50),
  MAX_QUERY_COST: intFrom(1_000_000, 100, 100_000_000),
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
  /** Introspection queries allowed; when false, validation errors also omit field suggestions. */
  readonly introspection: boolean;
  readonly limits: {
    readonly maxDepth: number;
    readonly maxCost: number;
    readonly maxPageSize: number;
    readonly maxDateSpanDays: number;
    readonly maxBatchRows: number;
  };
  readonly auth: {
    readonly jwtSecret: string;
    /** True when no secret was configured and one was generated for this process (refused by assertReadyToServe in production). */
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
    introspection: e.GRAPHQL_INTROSPECTION ? e.GRAPHQL_INTROSPECTION === "on" : e.NODE_ENV !== "production",
    limits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxCost: e.MAX_QUERY_COST,
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

/** The API refuses to serve in production with a generated JWT secret (tokens would die with the process, and differ between processes). */
export function assertReadyToServe(config: AppConfig): void {
  if (config.env === "production" && config.auth.jwtSecretGenerated)
    throw new ConfigError(`invalid configuration: JWT_SECRET is required in production (NODE_ENV unset means production; set NODE_ENV=development for a local demo); ${SECRET_ADVICE}`);
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
