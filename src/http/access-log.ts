import type { IncomingMessage, ServerResponse } from "node:http";
import type { App } from "../app.js";
import { metrics, OPERATION } from "../metrics.js";
import { clientAddressOf } from "./client-address.js";
import { requestIdFrom, runInRequest, type RequestScope } from "./request-scope.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const ROUTES: Record<string, string> = {
  "/graphql": "graphql",
  "/metrics": "metrics",
  "/healthz": "healthz",
  "/readyz": "readyz",
  "/": "playground",
  "/playground": "playground",
  "/dashboard": "dashboard",
};
const routeOf = (path: string) =>
  ROUTES[path] ??
  (path.startsWith("/playground/") ? "playground" : path.startsWith("/dashboard/") ? "dashboard" : "not_found");

/** aborted (the client left first), server_error (5xx), client_error (4xx), graphql_error (errors in a 200), ok. */
function outcomeOf(res: ServerResponse, scope: RequestScope): string {
  if (!res.writableFinished) return "aborted";
  if (res.statusCode >= 500) return "server_error";
  if (res.statusCode >= 400) return "client_error";
  return scope.graphqlErrors ? "graphql_error" : "ok";
}

/**
 * Wraps the router: gives each request its id (echoed in `x-request-id`) and a logger bound to
 * it for every layer below (request-scope.ts), then, when the response is done, writes one
 * access-log line and observes the request-duration histogram.
 */
export function observeRequests(app: App, handle: Handler): Handler {
  return (req, res) => {
    const started = performance.now();
    const id = requestIdFrom(req.headers["x-request-id"]);
    const scope: RequestScope = { id, log: app.log.child({ requestId: id }) };
    const bytesBefore = req.socket.bytesWritten;
    res.setHeader("x-request-id", id);
    res.once("close", () => {
      const seconds = (performance.now() - started) / 1000;
      const path = (req.url ?? "/").split("?")[0]!;
      const route = routeOf(path);
      // "none": Apollo never saw the request (another route, the playground page, a body that is not JSON).
      const operation = scope.operation ?? OPERATION.none;
      const outcome = outcomeOf(res, scope);
      metrics.httpRequestDuration.observe({ route, operation, outcome }, seconds);
      scope.log.info(
        {
          method: req.method,
          path: path.slice(0, 200),
          status: res.statusCode,
          durationMs: Math.round(seconds * 10_000) / 10,
          bytes: req.socket.bytesWritten - bytesBefore,
          operation: scope.operationName,
          outcome,
          clientAddress: clientAddressOf(req, app.config),
        },
        "request",
      );
    });
    return runInRequest(scope, () => handle(req, res));
  };
}
