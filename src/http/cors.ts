import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * What browsers may send cross-origin: GraphQL over HTTP, bearer tokens, Apollo's CSRF and APQ headers, revalidation.
 */
const ALLOWED_METHODS = "GET, POST, OPTIONS";
const ALLOWED_HEADERS = [
  "content-type",
  "accept",
  "authorization",
  "apollo-require-preflight",
  "x-apollo-operation-name",
  "apollographql-client-name",
  "apollographql-client-version",
  "x-request-id",
  "if-none-match",
  "x-autoindex-lsn",
].join(", ");
/** Response headers a cross-origin script may read beyond the safelisted ones. */
const EXPOSED_HEADERS = "etag, retry-after, x-request-id, x-autoindex-lsn";

/**
 * CORS for the GraphQL endpoint: an origin in CORS_ORIGINS (exact match) gets the headers;
 * any other origin gets none, so the browser keeps the response from the page. Same-origin
 * pages need no CORS at all. CSRF prevention stays Apollo's: a cross-origin request that is
 * allowed here must still carry a preflight-forcing header.
 */
export class Cors {
  readonly #origins: ReadonlySet<string>;
  constructor(
    origins: readonly string[],
    readonly maxAgeSeconds: number,
  ) {
    this.#origins = new Set(origins);
  }

  #allowed(req: IncomingMessage): string | undefined {
    const origin = req.headers.origin;
    return origin !== undefined && this.#origins.has(origin) ? origin : undefined;
  }

  /** Headers of an actual (non-preflight) response. */
  apply(req: IncomingMessage, res: ServerResponse): void {
    res.appendHeader("vary", "Origin");
    const origin = this.#allowed(req);
    if (!origin) return;
    res.setHeader("access-control-allow-origin", origin);
    res.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
  }

  /** Answers OPTIONS: 204, with the CORS grant only for an allowed origin. */
  preflight(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader("vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    res.setHeader("allow", ALLOWED_METHODS);
    const origin = this.#allowed(req);
    if (origin && req.headers["access-control-request-method"]) {
      res.setHeader("access-control-allow-origin", origin);
      res.setHeader("access-control-allow-methods", ALLOWED_METHODS);
      res.setHeader("access-control-allow-headers", ALLOWED_HEADERS);
      res.setHeader("access-control-max-age", String(this.maxAgeSeconds));
    }
    res.writeHead(204).end();
  }
}
