import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HeaderMap } from "@apollo/server";
import { printSchema, type GraphQLSchema } from "graphql";
import type { Kysely } from "kysely";
import type { AppConfig } from "../config.js";
import type { Database } from "../db/schema.js";
import { readDataVersions, versionStamp, type DataVersions } from "../graphql/data-version.repo.js";
import { ByteLru } from "./byte-lru.js";
import { PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL } from "./cache-policy.js";
import { encode, negotiateCoding } from "./compression.js";
import { etagOf, ifNoneMatchHits } from "./etag.js";
import { readParams, requestKey } from "./request-key.js";
import { ResponseCache, type CachedResponse } from "./response-cache.js";
import { metrics, operationLabel } from "../metrics.js";
import { currentRequest } from "./request-scope.js";

/** A request answered without Apollo still names its operation in the access log and metrics. */
function observeOperation(name: string | undefined): void {
  const scope = currentRequest();
  if (!scope) return;
  scope.operationName = name;
  scope.operation = operationLabel(name);
}

/** A read that may be public: its key, the versions read before executing it, its ETag. */
export interface ReadPlan {
  key: string;
  versions: DataVersions;
  etag: string;
  /** Set when this request leads the execution that identical requests wait for. */
  flight?: { done: Promise<void>; release: () => void };
}

export interface GraphQLRequestParts {
  method: string;
  search: string;
  body: unknown;
  /** The viewer's role, "anonymous" without one. */
  role: string;
  /** Where the request will execute (a replica, or the primary): its versions are the ones that count. */
  db?: Kysely<Database>;
}

// Apollo's CSRF prevention: a request must carry one of these headers or a content type a
// plain HTML form cannot send. The cache answers only requests Apollo would also accept.
const PREFLIGHT_HEADERS = ["apollo-require-preflight", "x-apollo-operation-name"];
const SIMPLE_TYPES = new Set(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]);
const mimeType = (req: IncomingMessage) => req.headers["content-type"]?.split(";")[0].trim().toLowerCase();
function forcesPreflight(req: IncomingMessage): boolean {
  if (PREFLIGHT_HEADERS.some((h) => req.headers[h] !== undefined)) return true;
  const type = mimeType(req);
  return !!type && !SIMPLE_TYPES.has(type);
}

const VARY = "Accept, Accept-Encoding";
/** How long an identical request waits for a running read before executing itself. */
const FLIGHT_WAIT_MS = 10_000;

/**
 * The HTTP read path around Apollo: ETags, 304s, the response cache and compression.
 * `before` runs ahead of Apollo: for a request that may be a public read it reads the data
 * versions (one statement) and answers a matching If-None-Match with 304, or a cached response
 * with its stored bytes, without executing anything. `send` writes Apollo's answer, giving a
 * public one its ETag and filing it in the cache.
 */
export class ReadPath {
  readonly #cache: ResponseCache | null;
  /** Request keys whose responses were private: no versions to read for them. */
  readonly #private = new ByteLru<true>(1024 * 1024);
  readonly #schemaId: string;
  /** Reads being executed, by key and versions: identical requests meanwhile wait for them. */
  readonly #flights = new Map<string, { done: Promise<void>; release: () => void }>();

  constructor(
    schema: GraphQLSchema,
    private readonly db: Kysely<Database>,
    private readonly config: AppConfig["http"],
  ) {
    this.#cache = config.responseCache ? new ResponseCache(config.responseCacheMaxBytes) : null;
    this.#schemaId = createHash("sha256").update(printSchema(schema)).digest("hex");
  }

  /** Bytes the response cache holds (0 when off). */
  get cachedBytes(): number {
    return this.#cache?.bytes ?? 0;
  }

  /** true when the request was answered (304 or cached); else the plan to pass to `send` (null: not a candidate). */
  async before(req: IncomingMessage, res: ServerResponse, parts: GraphQLRequestParts): Promise<ReadPlan | null | true> {
    if (
      !(parts.method === "GET" || (parts.method === "POST" && mimeType(req) === "application/json")) ||
      !forcesPreflight(req)
    )
      return null;
    const params = readParams(parts.method, parts.search, parts.body);
    const key = params && requestKey(params, parts.role, req.headers.accept ?? "");
    if (!key || this.#private.get(key)) return null;
    let versions: DataVersions;
    try {
      versions = await readDataVersions(parts.db ?? this.db);
    } catch {
      // No versions, no cache: Apollo executes the request and reports the fault as any other.
      return null;
    }
    const plan: ReadPlan = { key, versions, etag: etagOf(this.#schemaId, key, versionStamp(versions)) };
    // The ETag names the request and the data state: whoever computed it (this process or
    // another), the response for it was public and is still the same.
    if (ifNoneMatchHits(req.headers["if-none-match"], plan.etag)) {
      metrics.cacheHits.inc({ cache: "etag" });
      observeOperation(
        this.#cache?.get(key, versions)?.operationName ??
          (typeof params.operationName === "string" ? params.operationName : undefined),
      );
      this.#notModified(res, plan.etag);
      return true;
    }
    if (!this.#cache) return plan;
    const flightKey = `${key}@${versionStamp(versions)}`;
    let hit = this.#cache.get(key, versions);
    const flight = hit ? undefined : this.#flights.get(flightKey);
    if (flight) {
      // The same read is running: wait for it (bounded) instead of executing it again.
      await Promise.race([flight.done, new Promise((r) => setTimeout(r, FLIGHT_WAIT_MS).unref())]);
      hit = this.#cache.get(key, versions);
      if (!hit) return plan; // it was not stored (an error, say): execute this one
    }
    if (hit) {
      metrics.cacheHits.inc({ cache: "response" });
      observeOperation(hit.operationName);
      await this.#sendEntry(req, res, hit);
      return true;
    }
    metrics.cacheMisses.inc({ cache: "response" });
    let release!: () => void;
    const done = new Promise<void>((r) => {
      release = r;
    });
    plan.flight = { done, release };
    this.#flights.set(flightKey, plan.flight);
    return plan;
  }

  /** Ends a read's flight (the handler calls it whatever happened): the requests waiting for it go on. */
  done(plan: ReadPlan | null): void {
    if (!plan?.flight) return;
    const flightKey = `${plan.key}@${versionStamp(plan.versions)}`;
    if (this.#flights.get(flightKey) === plan.flight) this.#flights.delete(flightKey);
    plan.flight.release();
  }

  /** Writes Apollo's complete response. */
  async send(
    req: IncomingMessage,
    res: ServerResponse,
    plan: ReadPlan | null,
    status: number,
    headers: HeaderMap,
    body: string,
  ): Promise<void> {
    const cacheControl = headers.get("cache-control");
    if (plan && cacheControl === PRIVATE_CACHE_CONTROL) this.#private.set(plan.key, true, 2 * plan.key.length + 64);
    if (plan && status === 200 && cacheControl === PUBLIC_CACHE_CONTROL) {
      const entry = {
        etag: plan.etag,
        contentType: headers.get("content-type") ?? "application/json; charset=utf-8",
        body: Buffer.from(body),
        operationName: currentRequest()?.operationName,
      };
      if (ifNoneMatchHits(req.headers["if-none-match"], plan.etag)) return this.#notModified(res, plan.etag);
      const stored = this.#cache?.set(plan.key, plan.versions, entry);
      if (stored) return this.#sendEntry(req, res, stored);
      for (const [k, v] of headers) res.setHeader(k, v);
      res.setHeader("etag", plan.etag);
      return this.#sendBody(req, res, status, entry.body);
    }
    for (const [k, v] of headers) res.setHeader(k, v);
    return this.#sendBody(req, res, status, Buffer.from(body));
  }

  #notModified(res: ServerResponse, etag: string): void {
    res.setHeader("etag", etag);
    res.setHeader("cache-control", PUBLIC_CACHE_CONTROL);
    res.appendHeader("vary", VARY);
    res.writeHead(304).end();
  }

  async #sendEntry(req: IncomingMessage, res: ServerResponse, entry: CachedResponse): Promise<void> {
    res.setHeader("content-type", entry.contentType);
    res.setHeader("cache-control", PUBLIC_CACHE_CONTROL);
    res.setHeader("etag", entry.etag);
    const coding =
      entry.body.length >= this.config.compressionMinBytes
        ? negotiateCoding(req.headers["accept-encoding"])
        : "identity";
    return this.#write(
      res,
      200,
      coding,
      coding === "identity" ? entry.body : await this.#cache!.encoded(entry, coding),
    );
  }

  async #sendBody(req: IncomingMessage, res: ServerResponse, status: number, body: Buffer): Promise<void> {
    const coding =
      body.length >= this.config.compressionMinBytes ? negotiateCoding(req.headers["accept-encoding"]) : "identity";
    return this.#write(res, status, coding, coding === "identity" ? body : await encode(body, coding));
  }

  #write(res: ServerResponse, status: number, coding: string, body: Buffer): void {
    res.appendHeader("vary", VARY);
    if (coding !== "identity") res.setHeader("content-encoding", coding);
    res.setHeader("content-length", body.length);
    res.writeHead(status).end(body);
  }
}
