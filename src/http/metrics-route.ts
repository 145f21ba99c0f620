import type { IncomingMessage, ServerResponse } from "node:http";
import type { App } from "../app.js";
import type { Viewer } from "../context.js";
import { ErrorCode } from "../errors.js";
import { registry } from "../metrics.js";
import { viewerOf } from "./request-context.js";

function refuse(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  error: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...extra });
  res.end(JSON.stringify({ error, code }));
}

/** GET /metrics in the Prometheus text format, for whom METRICS_ACCESS allows (off: 404). */
export async function serveMetrics(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const access = app.config.metricsAccess;
  if (access === "off") return refuse(res, 404, ErrorCode.NOT_FOUND, "not found");
  if (access === "admin") {
    // A wrong admin token or a bad bearer token throws UNAUTHENTICATED: here that is a 401 like no credential.
    let viewer: Viewer | null;
    try {
      viewer = await viewerOf(app, req);
    } catch {
      viewer = null;
    }
    if (!viewer)
      return refuse(res, 401, ErrorCode.UNAUTHENTICATED, "metrics need x-admin-token or an admin's bearer token", {
        "www-authenticate": "Bearer",
      });
    if (viewer.role !== "admin") return refuse(res, 403, ErrorCode.FORBIDDEN, "metrics are for admins");
  }
  const body = await registry.metrics();
  res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
  res.end(body);
}
