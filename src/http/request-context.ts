import type { IncomingMessage } from "node:http";
import type { App } from "../app.js";
import { viewerFromBearer } from "../auth/bearer.js";
import { viewerFromAdminToken } from "../auth/viewer.js";
import type { Context, Viewer } from "../context.js";
import { createLoaders } from "../loaders.js";
import { RequestCache } from "../request-cache.js";
import { clientAddressOf } from "./client-address.js";
import { currentRequest, requestIdFrom } from "./request-scope.js";

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * The caller: the machine client (x-admin-token) first, else a bearer JWT; null when anonymous.
 * A wrong admin token or a bad bearer token throws UNAUTHENTICATED.
 */
export async function viewerOf(app: App, req: IncomingMessage): Promise<Viewer | null> {
  return (
    viewerFromAdminToken(header(req, "x-admin-token"), app.config) ??
    (await viewerFromBearer(app.database.db, app.config, header(req, "authorization")))
  );
}

/**
 * Builds the per-request context: fresh loaders, the caller's identity, a request id. `db` is
 * where the operation runs (a read replica for a query, see src/db/read-replicas.ts); the
 * viewer is always read from the primary (a revoked account is seen at once).
 */
export async function buildContext(app: App, req: IncomingMessage, db = app.database.db): Promise<Context> {
  const scope = currentRequest();
  const requestId = scope?.id ?? requestIdFrom(req.headers["x-request-id"]);
  const viewer = await viewerOf(app, req);
  return {
    db,
    config: app.config,
    loaders: createLoaders(db),
    cache: new RequestCache(db),
    viewer,
    requestId,
    log: scope?.log ?? app.log.child({ requestId }),
    clientAddress: clientAddressOf(req, app.config),
  };
}
