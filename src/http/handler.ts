import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap, type HTTPGraphQLRequest } from "@apollo/server";
import { sql } from "kysely";
import type { App } from "../app.js";
import { observeRequests } from "./access-log.js";
import { serveMetrics } from "./metrics-route.js";
import { isConnectionError } from "../db/connection-errors.js";
import { LSN_HEADER, OperationKinds, parseLsn, type ReadTarget } from "../db/read-replicas.js";
import { DATABASE_RETRY_AFTER_SECONDS, ErrorCode, serviceUnavailable } from "../errors.js";
import { buildContext } from "./request-context.js";
import { Cors } from "./cors.js";
import { currentRequest } from "./request-scope.js";
import { playgroundHtml, readPlaygroundAsset } from "./playground.js";
import { ReadPath } from "./read-path.js";
import type { LingeringSockets } from "./lingering-close.js";
import { HttpError, isClientGone, readBody } from "./read-body.js";
import { DASHBOARD_CSP, newNonce, pageCsp, setSecurityHeaders } from "./security-headers.js";
import { dashboardRoot, readDashboardFile } from "./dashboard.js";
import { negotiateCoding } from "./compression.js";

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** A path that is not served: a JSON body with a code, like every refusal. */
const notFound = (res: ServerResponse) => sendJson(res, 404, { error: "not found", code: ErrorCode.NOT_FOUND });

/** A GraphQL-shaped error for requests Apollo never sees (oversized or non-JSON bodies). */
const requestError = (res: ServerResponse, status: number, message: string) =>
  sendJson(res, status, { errors: [{ message, extensions: { code: "BAD_REQUEST" } }] });

/** Context creation reads the database (a bearer's user): unreachable, it is a 503 with Retry-After, not a 500. */
function unavailableOr(err: unknown): never {
  if (!isConnectionError(err)) throw err;
  const unavailable = serviceUnavailable();
  unavailable.extensions.http = {
    status: 503,
    headers: new HeaderMap([["retry-after", String(DATABASE_RETRY_AFTER_SECONDS)]]),
  };
  throw unavailable;
}

function prefersHtml(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? "";
  return (
    req.method === "GET" &&
    /text\/html/.test(accept) &&
    !/application\/(graphql-response\+)?json/.test(accept.split(",")[0] ?? "")
  );
}

async function graphql(
  app: App,
  operationKinds: OperationKinds,
  readPath: ReadPath,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  let body: unknown;
  if (req.method === "POST") {
    const raw = await readBody(req, app.config.http);
    const type = headers.get("content-type") ?? "";
    if (/^application\/(graphql-response\+)?json/i.test(type) || /^application\/json/i.test(type)) {
      try {
        body = raw === "" ? undefined : JSON.parse(raw);
      } catch {
        return requestError(res, 400, "request body is not valid JSON");
      }
    } else {
      body = raw;
    }
  }
  const request: HTTPGraphQLRequest = { method: req.method ?? "GET", headers, search: url.search, body };
  // With read replicas: a query runs on one that has replayed the client's last write (its
  // x-autoindex-lsn), anything else on the primary (src/db/read-replicas.ts).
  let target: ReadTarget | undefined;
  if (app.reads) {
    const token = headers.get(LSN_HEADER);
    const minLsn = token === undefined ? null : parseLsn(token.trim());
    if (token !== undefined && minLsn === null)
      return requestError(res, 400, `${LSN_HEADER} must be a WAL position as the API sent it (like 16/B374D848)`);
    if (operationKinds.of(request.method, body) === "query") target = await app.reads.pick(minLsn);
  }
  // The viewer first: the cache is keyed by its role. A bad token rejects here and Apollo reports it.
  let context = buildContext(app, req, target?.db).catch(unavailableOr);
  const viewer = await context.then(
    (c) => c.viewer,
    () => undefined,
  );
  const plan =
    viewer === undefined
      ? null
      : await readPath
          .before(req, res, {
            method: request.method,
            search: url.search,
            body,
            role: viewer?.role ?? "anonymous",
            db: target?.db,
          })
          .catch((err: unknown) => {
            // The read path only saves work: when it fails (a bug), Apollo still answers the request.
            if (res.headersSent) throw err;
            const log = currentRequest()?.log ?? app.log;
            // Its database unreachable is not a bug: Apollo's execution answers 503 (or the primary does).
            if (isConnectionError(err)) log.warn({ err }, "read path's database unavailable: executing without it");
            else log.error({ err }, "read path failed: executing without it");
            return null;
          });
  if (plan === true) return; // 304 or a cached response
  let response: Awaited<ReturnType<typeof app.apollo.executeHTTPGraphQLRequest>>;
  try {
    response = await app.apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: request, context: () => context });
    if (app.reads && target?.replica && response.status === 503 && (await app.reads.confirmDown(target))) {
      // The replica died under this query before a check noticed: a query has no effects, so it
      // runs again on the primary (the replica is skipped until it answers a check).
      (currentRequest()?.log ?? app.log).warn(
        { replica: target.name },
        "query failed on a read replica that is down: retried on the primary",
      );
      context = buildContext(app, req).catch(unavailableOr);
      response = await app.apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: request, context: () => context });
    }
    // Ran on the primary and may have written: where a replica must be to show it to this client.
    if (app.reads && !target) response.headers.set(LSN_HEADER, await app.reads.primaryLsn().catch(() => ""));
    if (response.headers.get(LSN_HEADER) === "") response.headers.delete(LSN_HEADER);
    if (response.body.kind === "complete")
      return await readPath.send(req, res, plan, response.status ?? 200, response.headers, response.body.string);
  } finally {
    readPath.done(plan);
  }
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** A /dashboard path: the page or one of its built files (src/http/dashboard.ts). */
async function dashboard(app: App, req: IncomingMessage, res: ServerResponse, subpath: string): Promise<void> {
  const root = dashboardRoot(app.config.http.dashboardDir);
  if (!root)
    return sendJson(res, 404, {
      error: "the dashboard is not built: run `npm run build` (or start from sources with `npm start`)",
    });
  const coding = negotiateCoding(req.headers["accept-encoding"]);
  const file = await readDashboardFile(root, subpath, coding);
  if (!file) return sendJson(res, 404, { error: "not found" });
  const headers: Record<string, string> = {
    "content-type": file.type,
    "cache-control": file.immutable ? "public, max-age=31536000, immutable" : "no-cache",
    vary: "Accept-Encoding",
  };
  if (file.coding !== "identity") headers["content-encoding"] = file.coding;
  if (!file.immutable) headers["content-security-policy"] = DASHBOARD_CSP;
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : file.body);
}

/**
 * Routes: /graphql (GraphQL over HTTP; a browser GET gets the playground), /playground,
 * /dashboard, /healthz, /readyz, /metrics.
 */
export function createRequestHandler(app: App, lingering: LingeringSockets) {
  const readPath = new ReadPath(app.schema, app.database.db, app.config.http);
  const operationKinds = new OperationKinds(app.config.limits.maxTokens);
  const cors = new Cors(app.config.http.corsOrigins, app.config.http.corsMaxAgeSeconds);
  const handle = observeRequests(app, async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    setSecurityHeaders(res);
    try {
      // node:http's own check is off (src/http/limits.ts) so that this refusal carries a code.
      if (req.httpVersion === "1.1" && req.headers.host === undefined) {
        res.setHeader("connection", "close");
        return requestError(res, 400, "HTTP/1.1 request without a Host header");
      }
      if (url.pathname === "/healthz") return sendJson(res, 200, { status: "ok" });
      if (url.pathname === "/readyz") {
        try {
          await sql`select 1`.execute(app.database.db);
          return sendJson(res, 200, { status: "ready", database: app.database.engine });
        } catch (err) {
          (currentRequest()?.log ?? app.log).warn(
            { err: { message: (err as Error).message, code: (err as { code?: unknown }).code } },
            "readiness check failed",
          );
          res.setHeader("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
          return sendJson(res, 503, { status: "unavailable" });
        }
      }
      if (url.pathname === "/" || url.pathname === "/playground" || (url.pathname === "/graphql" && prefersHtml(req))) {
        const nonce = newNonce();
        // A nonce is good for one response only: the page must not be cached.
        res.writeHead(200, {
          "content-type": "text/html; charset=utf-8",
          "content-security-policy": pageCsp(nonce),
          "cache-control": "no-store",
        });
        return void res.end(playgroundHtml("/graphql", nonce));
      }
      if (url.pathname.startsWith("/playground/")) {
        const asset = await readPlaygroundAsset(url.pathname.slice("/playground/".length));
        if (!asset) return notFound(res);
        res.writeHead(200, { "content-type": asset.type, "cache-control": "public, max-age=86400" });
        return void res.end(asset.body);
      }
      if (url.pathname === "/dashboard" || url.pathname.startsWith("/dashboard/")) {
        if (req.method !== "GET" && req.method !== "HEAD") return sendJson(res, 405, { error: "method not allowed" });
        return await dashboard(app, req, res, url.pathname.slice("/dashboard".length));
      }
      if (url.pathname === "/graphql" && req.method === "OPTIONS") return cors.preflight(req, res);
      if (url.pathname === "/graphql") {
        cors.apply(req, res);
        return await graphql(app, operationKinds, readPath, req, res, url);
      }
      if (url.pathname === "/metrics") return await serveMetrics(app, req, res);
      return notFound(res);
    } catch (err) {
      if (err instanceof HttpError && err.status === 408) {
        // A stalled upload: the client is not sending, and such a client does not read either
        // (an answer would sit unread in its buffer and it would never notice our FIN). Reset
        // the connection without an answer, as nginx's reset_timedout_connection: both sides
        // free the socket at once and the client sees ECONNRESET.
        (currentRequest()?.log ?? app.log).debug(
          { timeoutMs: app.config.http.bodyIdleTimeoutMs },
          "request body stalled: connection reset",
        );
        return void req.socket.resetAndDestroy();
      }
      if (err instanceof HttpError) {
        // The rest of a refused body may still be arriving: answer, then close without a reset.
        lingering.refuse(req, res);
        return requestError(res, err.status, err.message);
      }
      if (isClientGone(err)) {
        (currentRequest()?.log ?? app.log).debug(
          { code: (err as { code?: string }).code },
          "client went away before the answer",
        );
        return void res.destroy();
      }
      (currentRequest()?.log ?? app.log).error({ err }, "unhandled request error");
      if (!res.headersSent)
        sendJson(res, 500, {
          errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
        });
      else res.end();
    }
  });
  return (req: IncomingMessage, res: ServerResponse) => {
    // Pipelined behind a refused upload: the connection is half-closed, no answer can reach the client.
    if (lingering.has(req.socket)) return void req.socket.destroy();
    return handle(req, res);
  };
}
