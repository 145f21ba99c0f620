import { GraphQLError } from "graphql";

/**
 * The closed set of error codes a client can see. Anything else is masked as
 * INTERNAL_SERVER_ERROR with a logged error id (see src/http/format-error.ts).
 */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  RATE_LIMITED: "RATE_LIMITED",
  QUERY_TOO_COMPLEX: "QUERY_TOO_COMPLEX",
  QUERY_TOO_DEEP: "QUERY_TOO_DEEP",
  /** The database is unreachable (restart, failover): HTTP 503 with retryAfterSeconds and Retry-After. */
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  /** The request ran past its time budget (QUERY_TIMEOUT_MS) and was cancelled. */
  TIMEOUT: "TIMEOUT",
  /** A subscription beyond LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION or LIVE_MAX_SUBSCRIPTIONS (scope, limit). */
  SUBSCRIPTION_LIMIT: "SUBSCRIPTION_LIMIT",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
  // Produced by Apollo itself for requests that never reach a resolver.
  GRAPHQL_PARSE_FAILED: "GRAPHQL_PARSE_FAILED",
  GRAPHQL_VALIDATION_FAILED: "GRAPHQL_VALIDATION_FAILED",
  BAD_REQUEST: "BAD_REQUEST",
  PERSISTED_QUERY_NOT_FOUND: "PERSISTED_QUERY_NOT_FOUND",
  PERSISTED_QUERY_NOT_SUPPORTED: "PERSISTED_QUERY_NOT_SUPPORTED",
  OPERATION_RESOLUTION_FAILURE: "OPERATION_RESOLUTION_FAILURE",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const PUBLIC_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** One field-level problem of an input, e.g. { field: "close", message: "must be > 0", row: 3 }. */
export interface FieldProblem {
  field: string;
  message: string;
  row?: number;
}

export class AppError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.code = code;
  }
}

export const badInput = (message: string, problems: FieldProblem[] = []) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, problems.length ? { problems, field: problems[0].field } : {});
export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
export const conflict = (message: string, extensions: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.CONFLICT, message, extensions);
export const unauthenticated = (message = "authentication required") =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = "not allowed") => new AppError(ErrorCode.FORBIDDEN, message);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(ErrorCode.RATE_LIMITED, `too many attempts; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });

/** Seconds a client is told to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export const serviceUnavailable = (retryAfterSeconds = DATABASE_RETRY_AFTER_SECONDS) =>
  new AppError(ErrorCode.SERVICE_UNAVAILABLE, `the database is unavailable; retry in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
  });

/** Postgres SQLSTATE of a driver error, if any (pg and PGlite both expose `code`). */
export function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
