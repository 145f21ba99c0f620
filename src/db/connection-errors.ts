import { sqlState } from "../errors.js";

/** Socket-level codes of a refused, reset or unreachable database connection. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** pg's own messages for a connection that died or could not be had (they carry no code). */
const DRIVER_MESSAGES = new RegExp(
  `^(${[
    "Connection terminated",
    "timeout exceeded when trying to connect",
    "Client has encountered a connection error and is not queryable",
    "Client was closed and is not queryable",
  ].join("|")})`,
);

/**
 * True when an error means "the database could not be reached or dropped the connection",
 * not "this statement is wrong": SQLSTATE class 08 (connection exception), 57P01..57P03
 * (admin shutdown, crash shutdown, cannot connect now: a restart or failover), socket errors,
 * and pg's messages for terminated connections and pool connect timeouts. Those requests fail
 * with SERVICE_UNAVAILABLE (503) and can be retried; everything else stays masked.
 */
export function isConnectionError(err: unknown): boolean {
  const state = sqlState(err);
  if (state) return state.startsWith("08") || state === "57P01" || state === "57P02" || state === "57P03";
  const e = err as { code?: unknown; message?: unknown; errors?: unknown } | null;
  if (!e || typeof e !== "object") return false;
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return true;
  if (typeof e.message === "string" && DRIVER_MESSAGES.test(e.message)) return true;
  // Node reports a refused connection to a name with several addresses as an AggregateError.
  return Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every(isConnectionError);
}
