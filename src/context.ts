import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { AppConfig } from "./config.js";
import type { Database } from "./db/schema.js";
import type { Loaders } from "./loaders.js";
import type { RequestCache } from "./request-cache.js";
import type { LiveStream } from "./live/hub.js";
import type { LiveTopic } from "./live/topics.js";

/** Who is calling: a signed-in user, or a machine client holding the ADMIN_TOKEN. */
export interface Viewer {
  userId: number | null;
  role: "user" | "admin";
  via: "jwt" | "admin-token";
}

/** Per-request context. Loaders and the cache are created per request and never shared between callers. */
export interface Context {
  db: Kysely<Database>;
  config: AppConfig;
  /** Batching DataLoaders (many keys, one statement). */
  loaders: Loaders;
  /** Per-request memos of single reads (src/request-cache.ts). */
  cache: RequestCache;
  viewer: Viewer | null;
  requestId: string;
  log: Logger;
  /** The client's address, for throttling. */
  clientAddress: string;
  /** WebSocket connections only: where the connection's subscriptions get their events (src/live/). */
  live?: LiveSession;
}

/** A WebSocket connection's access to the process's live events. */
export interface LiveSession {
  subscribe<P>(topic: LiveTopic, accepts: (payload: P) => boolean): LiveStream<P>;
}
