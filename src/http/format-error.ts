import { randomUUID } from "node:crypto";
import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import type { Logger } from "pino";
import { PUBLIC_CODES } from "../errors.js";

/**
 * The call frames of a stack, without its message lines: a driver error's message and detail
 * (which can quote row data) never reach a client, even in development.
 */
const framesOnly = (stack: string | undefined) => (stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));

/**
 * Apollo formatError: errors with a public code pass through; anything else (a bug, a
 * driver error) is masked as INTERNAL_SERVER_ERROR and logged with an id the client can quote.
 * Only in development does the masked error carry its call frames (never its message).
 */
export function createFormatError(log: Logger, includeStacktrace: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === "string" && PUBLIC_CODES.has(code) && code !== "INTERNAL_SERVER_ERROR") return formatted;
    const errorId = randomUUID();
    const original = unwrapResolverError(error);
    log.error({ errorId, err: original, path: formatted.path }, "unexpected error");
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
