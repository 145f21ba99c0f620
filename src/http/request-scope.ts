import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";

/** What the layers of one HTTP request share: its id, its logger, what the access log reports. */
export interface RequestScope {
  readonly id: string;
  /** The app logger bound to { requestId }: every line of the request goes through it. */
  readonly log: Logger;
  /** The GraphQL operation's name (for the log) and its bounded metric label, set once Apollo resolved it. */
  operationName?: string;
  operation?: string;
  /** True once any GraphQL error was sent in the response. */
  graphqlErrors?: boolean;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** The scope of the request being handled, if any (formatError and buildContext read it). */
export const currentRequest = (): RequestScope | undefined => storage.getStore();

export const runInRequest = <T>(scope: RequestScope, fn: () => T): T => storage.run(scope, fn);

/** A caller's id is kept when it is 1..128 characters of letters, digits and . _ : @ / + = -. */
const SAFE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The request id: the caller's `x-request-id` when safe to log and echo, else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SAFE_ID.test(value) ? value : randomUUID();
}
