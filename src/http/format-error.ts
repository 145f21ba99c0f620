import { randomUUID } from "node:crypto";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import type { Logger } from "pino";
import { isConnectionError } from "../db/connection-errors.js";
import { ErrorCode, PUBLIC_CODES, serviceUnavailable } from "../errors.js";
import { boundFormattedError } from "./bounded-errors.js";
import { currentRequest } from "./request-scope.js";

/**
 * The call frames of a stack, without its message lines: a driver error's message and detail
 * (which can quote row data) never reach a client, even in development.
 */
const framesOnly = (stack: string | undefined) => (stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));

/**
 * A request-level refusal raised without a code: a GraphQLError outside execution (no path,
 * no original error) whose own extensions give a 4xx HTTP status.
 */
function isCodelessRequestError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.path || error.originalError) return false;
  if (error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === "number" && status >= 400 && status < 500;
}

/**
 * Apollo formatError: errors with a public code pass through; anything else (a bug, a
 * driver error) is masked as INTERNAL_SERVER_ERROR and logged with an id the client can quote.
 * Only in development does the masked error carry its call frames (never its message).
 */
export function createFormatError(log: Logger, includeStacktrace: boolean) {
  return (unbounded: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = boundFormattedError(unbounded);
    const code = formatted.extensions?.code;
    if (typeof code === "string" && PUBLIC_CODES.has(code) && code !== "INTERNAL_SERVER_ERROR") return formatted;
    if (isCodelessRequestError(error))
      // Apollo refuses some requests without a code ("provided sha does not match query",
      // "Unsupported persisted query version"): the client's fault, named as such, not a bug.
      return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_REQUEST } };
    const original = unwrapResolverError(error);
    if (isConnectionError(original)) {
      // Not a bug: the database is unreachable. A retryable 503 (see unavailable-status.ts), logged as a warning.
      (currentRequest()?.log ?? log).warn(
        {
          err: { message: (original as Error).message, code: (original as { code?: unknown }).code },
          path: formatted.path,
        },
        "database unavailable",
      );
      const unavailable = serviceUnavailable();
      return {
        message: unavailable.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { ...unavailable.extensions },
      };
    }
    const errorId = randomUUID();
    // The request's logger when there is one, so the line carries its requestId beside the errorId.
    (currentRequest()?.log ?? log).error({ errorId, err: original, path: formatted.path }, "unexpected error");
    return {
      message: `Internal server error (id ${errorId})`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: "INTERNAL_SERVER_ERROR",
        errorId,
        ...(includeStacktrace && original instanceof Error ? { stacktrace: framesOnly(original.stack) } : {}),
      },
    };
  };
}
