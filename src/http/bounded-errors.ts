import type { GraphQLFormattedError } from "graphql";
import { ECHO_MAX_CHARS, echo } from "../shared/strings.js";

/** Longest error message sent to a client (characters); longer ones are cut with a count. */
export const MAX_MESSAGE_CHARS = 1000;

/** A double-quoted stretch as GraphQL's own messages print client values: "…" with \-escapes. */
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/**
 * Bounds how much client input one message can echo. GraphQL's own messages quote client
 * values whole (`Cannot query field "<1 MB name>"`, `Expected value of type …, found [<a
 * 100,000-entry literal>]`, `Variable "$x" got invalid value "<2 MiB string>"`): each quoted
 * stretch is cut to ECHO_MAX_CHARS, then the whole message to MAX_MESSAGE_CHARS; control
 * characters and lone surrogates become U+FFFD. Our own messages already quote through echo().
 */
export function boundMessage(message: string): string {
  const quotedCut =
    message.length > ECHO_MAX_CHARS + 2
      ? message.replace(QUOTED, (q) => (q.length > ECHO_MAX_CHARS + 2 ? `"${echo(q.slice(1, -1))}"` : q))
      : message;
  return echo(quotedCut, MAX_MESSAGE_CHARS);
}

/** The formatted error with its message, its `field` and each `problems` entry bounded. */
export function boundFormattedError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const ext = formatted.extensions;
  const problems = Array.isArray(ext?.problems)
    ? (ext.problems as Record<string, unknown>[]).map((p) => ({
        ...p,
        ...(typeof p.message === "string" ? { message: boundMessage(p.message) } : {}),
        ...(typeof p.field === "string" ? { field: echo(p.field, 200) } : {}),
      }))
    : undefined;
  return {
    ...formatted,
    message: boundMessage(formatted.message),
    ...(ext
      ? {
          extensions: {
            ...ext,
            ...(typeof ext.field === "string" ? { field: echo(ext.field, 200) } : {}),
            ...(problems ? { problems } : {}),
          },
        }
      : {}),
  };
}
