import type { App } from "../../src/app.js";
import type { Context, Viewer } from "../../src/context.js";
import { createLoaders } from "../../src/loaders.js";
import { RequestCache } from "../../src/request-cache.js";

/** Runs an operation through Apollo (no HTTP) with a fresh per-request context. */
export async function execute(
  app: App,
  query: string,
  variables: Record<string, unknown> = {},
  viewer: Viewer | null = null,
) {
  const contextValue: Context = {
    db: app.database.db,
    config: app.config,
    loaders: createLoaders(app.database.db),
    cache: new RequestCache(app.database.db),
    viewer,
    requestId: "test",
    log: app.log,
    clientAddress: "127.0.0.1",
  };
  const response = await app.apollo.executeOperation({ query, variables }, { contextValue });
  if (response.body.kind !== "single") throw new Error("unexpected incremental response");
  return response.body.singleResult;
}

export const ADMIN: Viewer = { userId: null, role: "admin", via: "admin-token" };
