import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap, type HTTPGraphQLRequest } from "@apollo/server";
import { sql } from "kysely";
import type { App } from "../app.js";
import { observeRequests } from "./access-log.js";
import { serveMetrics } from "./metrics-route.js";
import { buildContext } from "./request-context.js";
import { Cors } from "./cors.js";
import { currentRequest } from "./request-scope.js";
import { playgroundHtml, readPlaygroundAsset } from "./playground.js";
import { ReadPath } from "./read-path.js";

const MAX_BODY_BYTES = 2 * 1024 * 1024;

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** A GraphQL-shaped error for requests Apollo never sees (oversized or non-JSON bodies). */
const requestError = (res: ServerResponse, status: number, message: string) =>
  sendJson(res, status, { errors: [{ message, extensions: { code: "BAD_REQUEST" } }] });

function prefersHtml(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? "";
  return req.method === "GET" && /text\/html/.test(accept) && !/application\/(graphql-response\+)?json/.test(accept.split(",")[0] ?? "");
}

async function graphql(app: App, readPath: ReadPath, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  let body: unknown = undefined;
  if (req.method === "POST") {
    const raw = await readBody(req);
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
  // The viewer first: the cache is keyed by its role. A bad token rejects here and Apollo reports it.
  const context = buildContext(app, req);
  const viewer = await context.then((c) => c.viewer, () => undefined);
  const plan = viewer === undefined ? null : await readPath.before(req, res, { method: request.method, search: url.search, body, role: viewer?.role ?? "anonymous" });
  if (plan === true) return; // 304 or a cached response
  let response;
  try {
    response = await app.apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: request, context: () => context });
    if (response.body.kind === "complete") return await readPath.send(req, res, plan, response.status ?? 200, response.headers, response.body.string);
  } finally {
    readPath.done(plan);
  }
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** Routes: /graphql (GraphQL over HTTP; a browser GET gets the playground), /playground, /healthz, /readyz, /metrics. */
export function createRequestHandler(app: App) {
  const readPath = new ReadPath(app.schema, app.database.db, app.config.http);
  const cors = new Cors(app.config.http.corsOrigins, app.config.http.corsMaxAgeSeconds);
  return observeRequests(app, async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    try {
      if (url.pathname === "/healthz") return sendJson(res, 200, { status: "ok" });
      if (url.pathname === "/readyz") {
        try {
          await sql`select 1`.execute(app.database.db);
          return sendJson(res, 200, { status: "ready", database: app.database.engine });
        } catch (err) {
          (currentRequest()?.log ?? app.log).warn({ err }, "readiness check failed");
          return sendJson(res, 503, { status: "unavailable" });
        }
      }
      if (url.pathname === "/" || url.pathname === "/playground" || (url.pathname === "/graphql" && prefersHtml(req))) {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return void res.end(playgroundHtml("/graphql"));
      }
      if (url.pathname.startsWith("/playground/")) {
        const asset = await readPlaygroundAsset(url.pathname.slice("/playground/".length));
        if (!asset) return sendJson(res, 404, { error: "not found" });
        res.writeHead(200, { "content-type": asset.type, "cache-control": "public, max-age=86400" });
        return void res.end(asset.body);
      }
      if (url.pathname === "/graphql" && req.method === "OPTIONS") return cors.preflight(req, res);
      if (url.pathname === "/graphql") {
        cors.apply(req, res);
        return await graphql(app, readPath, req, res, url);
      }
      if (url.pathname === "/metrics") return await serveMetrics(app, req, res);
      return sendJson(res, 404, { error: "not found" });
    } catch (err) {
      if (err instanceof HttpError) return requestError(res, err.status, err.message);
      (currentRequest()?.log ?? app.log).error({ err }, "unhandled request error");
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
      else res.end();
    }
  });
}
