import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
} from "graphql";
import { CloseCode, makeServer, type SubscribePayload } from "graphql-ws";
import { handleProtocols } from "graphql-ws";
import { WebSocketServer, type WebSocket } from "ws";
import type { App } from "../app.js";
import { viewerFromBearer } from "../auth/bearer.js";
import { invalidToken, verifyAccessToken } from "../auth/tokens.js";
import { viewerFromAdminToken } from "../auth/viewer.js";
import type { Context, LiveSession, Viewer } from "../context.js";
import { isConnectionError } from "../db/connection-errors.js";
import { AppError, ErrorCode, serviceUnavailable } from "../errors.js";
import { findInDocument, findInVariables, stringRefusal } from "../graphql/input-strings.js";
import { manifestOperations, sha256Hex } from "../graphql/persisted-manifest.js";
import { tableStatsCache } from "../graphql/table-stats.js";
import { createLoaders } from "../loaders.js";
import { RequestCache } from "../request-cache.js";
import { metrics, observeLive } from "../metrics.js";
import { clientAddressOf } from "../http/client-address.js";
import { createFormatError } from "../http/format-error.js";
import { operationLimits, parserLimitError, type Limits } from "../http/protections.js";
import { rawSecurityHeaders } from "../http/security-headers.js";
import { subscriptionLimit, type AnyLiveStream, type LiveHub } from "./hub.js";
import type { LiveListener } from "./listener.js";

/** The WebSocket close codes this server uses beyond graphql-ws's own (README "Live updates"). */
/** The code of an upgrade refused with this HTTP status. */
function refusalCode(status: number): string {
  if (status === 403) return ErrorCode.FORBIDDEN;
  if (status === 404) return ErrorCode.NOT_FOUND;
  if (status === 503) return ErrorCode.SERVICE_UNAVAILABLE;
  return ErrorCode.BAD_REQUEST;
}

export const LiveCloseCode = {
  /** The token in connection_init is invalid, or the access token expired while connected. */
  Unauthorized: CloseCode.Unauthorized, // 4401
  /** The client did not keep up: its send buffer or an event queue passed the bound. */
  SlowConsumer: 4008,
  /** The database could not be reached to check the token: retry later. */
  TryAgainLater: 1013,
  /** The server is shutting down. */
  GoingAway: 1001,
} as const;

interface Extra {
  socket: WebSocket;
  request: IncomingMessage;
  connectionId: string;
  viewer: Viewer | null;
  expiry: NodeJS.Timeout | null;
  /** The connection's event streams, ended at once when it is dropped as a slow consumer. */
  streams: Set<AnyLiveStream>;
}

/**
 * Drops a client that does not keep up: its streams end now (their queues and places in the
 * hub are freed at once), and the socket closes with 4008 after the data already sent.
 */
function dropSlowConsumer(extra: Extra, reason: string): void {
  if (extra.socket.readyState === extra.socket.OPEN) metrics.liveClosed.inc({ reason: "slow_consumer" });
  for (const stream of extra.streams) void stream.return();
  extra.streams.clear();
  if (extra.socket.readyState === extra.socket.OPEN) extra.socket.close(LiveCloseCode.SlowConsumer, reason);
}

export interface LiveServer {
  /** Open WebSocket connections. */
  readonly connections: number;
  /** Closes every connection (1001) and stops accepting upgrades. */
  close(): Promise<void>;
}

const graphqlError = (code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) =>
  new AppError(code, message, extensions);

/** The `http` extension is for Apollo's HTTP status; a socket has none. */
function withoutHttp(error: GraphQLFormattedError): GraphQLFormattedError {
  if (!error.extensions || !("http" in error.extensions)) return error;
  const { http: _http, ...extensions } = error.extensions;
  return { ...error, extensions };
}

/**
 * GraphQL subscriptions over WebSocket (graphql-ws's graphql-transport-ws protocol) on the HTTP
 * server's port and path (/graphql). Connections are authenticated in connection_init like
 * requests are by their headers; each subscription document passes the same checks as a query
 * (parse limits, validation, introspection policy, depth, cost, input strings, persisted-only
 * mode); only subscription operations are served here (queries and mutations go over HTTP).
 */
export async function attachLiveServer(
  app: App,
  server: Server,
  hub: LiveHub,
  listener: LiveListener,
): Promise<LiveServer> {
  const { config, log, schema } = app;
  const live = config.live;
  const limits: Limits = {
    maxDepth: config.limits.maxDepth,
    maxCost: config.limits.maxCost,
    maxNodes: config.limits.maxNodes,
    maxTokens: config.limits.maxTokens,
    maxLength: config.limits.maxLength,
  };
  const checkLimits = operationLimits(schema, limits, tableStatsCache(app.database.db));
  const registered =
    config.http.persistedQueries === "only"
      ? manifestOperations(JSON.parse(await readFile(config.http.persistedQueriesManifest, "utf8")))
      : null;
  const rules = config.introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  const formatError = createFormatError(log, config.isDevelopment);
  const format = (errors: readonly GraphQLError[]) => errors.map((e) => withoutHttp(formatError(e.toJSON(), e)));
  // Parsed and validated documents by text, bounded by their total length (dashboards send a
  // handful of distinct subscriptions; a client cycling through new ones only evicts).
  const parsed = new Map<string, DocumentNode>();
  let parsedChars = 0;
  const PARSED_MAX_CHARS = 4 * 1024 * 1024;
  const corsOrigins = new Set(config.http.corsOrigins);

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.http.maxBodyBytes,
    handleProtocols: (protocols) => handleProtocols(protocols) || false,
    perMessageDeflate: false,
  });
  let closing = false;

  /** An upgrade refused before the handshake: an HTTP answer with a JSON body and a code, as every refusal. */
  const refuse = (socket: Duplex, status: number, text: string, message = text, code = refusalCode(status)) => {
    const headers = Object.entries(rawSecurityHeaders())
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join("");
    const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n${headers}\r\n${body}`,
    );
    socket.destroy();
  };

  /**
   * What the ws library would refuse itself, with a plain-text body: checked first, so that the
   * answer carries a code like every other refusal (RFC 6455 §4.2.1).
   */
  const handshakeProblem = (req: IncomingMessage): string | null => {
    if (req.method !== "GET") return "a WebSocket upgrade must be a GET request";
    if (req.headers.upgrade?.toLowerCase() !== "websocket") return "only WebSocket upgrades are served";
    const key = req.headers["sec-websocket-key"];
    if (typeof key !== "string" || !/^[+/0-9A-Za-z]{22}==$/.test(key)) return "missing or invalid Sec-WebSocket-Key";
    if (req.headers["sec-websocket-version"] !== "13") return "Sec-WebSocket-Version must be 13";
    return null;
  };

  /** Same-origin pages, CORS_ORIGINS, and clients that send no Origin (not browsers) may connect. */
  const originAllowed = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    if (corsOrigins.has(origin)) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (closing) return refuse(socket, 503, "Service Unavailable");
    if (path !== "/graphql") return refuse(socket, 404, "Not Found");
    const problem = handshakeProblem(req);
    if (problem)
      return refuse(
        socket,
        req.method === "GET" ? 400 : 405,
        req.method === "GET" ? "Bad Request" : "Method Not Allowed",
        problem,
        ErrorCode.BAD_REQUEST,
      );
    if (!originAllowed(req)) {
      log.debug({ origin: req.headers.origin }, "WebSocket upgrade refused: origin not allowed");
      return refuse(socket, 403, "Forbidden");
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  };
  server.on("upgrade", onUpgrade);

  const viewerOfParams = async (params: Readonly<Record<string, unknown>> | undefined) => {
    // Present but not a string is a bad credential, never an anonymous connection.
    const str = (v: unknown) => {
      if (v !== undefined && typeof v !== "string") throw invalidToken();
      return v;
    };
    const adminToken = str(params?.["x-admin-token"] ?? params?.adminToken);
    const authorization = str(params?.authorization ?? params?.Authorization);
    const admin = viewerFromAdminToken(adminToken, config);
    if (admin) return { viewer: admin, expiresAt: null };
    const viewer = await viewerFromBearer(app.database.db, config, authorization);
    const token = authorization?.trim().slice("Bearer ".length);
    const expiresAt = viewer && token ? verifyAccessToken(config, token).expiresAt : null;
    return { viewer, expiresAt };
  };

  /**
   * One execution per (event, document, operation, variables), shared by every subscriber that
   * sent the same subscription: the payload types resolve from the event alone (the viewer
   * was checked when subscribing), so 1,000 dashboards on one query cost one execution.
   */
  const shared = new WeakMap<object, WeakMap<DocumentNode, Map<string, Promise<ExecutionResult>>>>();
  const executeShared = (args: ExecutionArgs, event: object, contextValue: Context) => {
    let byDocument = shared.get(event);
    if (!byDocument) {
      byDocument = new WeakMap();
      shared.set(event, byDocument);
    }
    let byKey = byDocument.get(args.document);
    if (!byKey) {
      byKey = new Map();
      byDocument.set(args.document, byKey);
    }
    const key = `${args.operationName ?? ""}\u0000${JSON.stringify(args.variableValues ?? {})}`;
    let result = byKey.get(key);
    if (!result) {
      result = Promise.resolve(execute({ ...args, rootValue: event, contextValue }));
      byKey.set(key, result);
    }
    return result;
  };

  /** graphql-js subscribe, with a fresh context (loaders, time budget) for every event. */
  const subscribe = async (args: ExecutionArgs) => {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream as ExecutionResult;
    const base = args.contextValue as Context;
    let n = 0;
    const source = stream as AsyncGenerator<unknown>;
    const mapped: AsyncGenerator<ExecutionResult> = {
      async next() {
        const item = await source.next();
        if (item.done) return { value: undefined, done: true };
        const contextValue: Context = {
          ...base,
          loaders: createLoaders(app.database.db),
          cache: new RequestCache(app.database.db),
          requestId: `${base.requestId}:${++n}`,
        };
        return { value: await executeShared(args, item.value as object, contextValue), done: false };
      },
      async return() {
        await source.return?.(undefined);
        return { value: undefined, done: true };
      },
      async throw(err) {
        await source.return?.(undefined);
        throw err;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return mapped;
  };

  const gql = makeServer<Record<string, unknown>, Extra>({
    connectionInitWaitTimeout: live.connectionInitTimeoutMs,
    subscribe,
    async onConnect(ctx) {
      const { socket, connectionId } = ctx.extra;
      try {
        const { viewer, expiresAt } = await viewerOfParams(ctx.connectionParams);
        ctx.extra.viewer = viewer;
        if (expiresAt !== null) {
          const ms = Math.max(0, expiresAt * 1000 - Date.now());
          ctx.extra.expiry = setTimeout(() => {
            metrics.liveClosed.inc({ reason: "token_expired" });
            socket.close(LiveCloseCode.Unauthorized, "token expired");
          }, ms);
          ctx.extra.expiry.unref();
        }
        log.debug({ connectionId, role: viewer?.role ?? "anonymous" }, "live connection acknowledged");
        return true;
      } catch (err) {
        if (isConnectionError(err)) socket.close(LiveCloseCode.TryAgainLater, "database unavailable; retry later");
        else if (err instanceof AppError && err.code === ErrorCode.UNAUTHENTICATED) {
          metrics.liveClosed.inc({ reason: "unauthorized" });
          socket.close(LiveCloseCode.Unauthorized, "invalid or expired token");
        } else {
          log.error({ err, connectionId }, "live connection failed");
          socket.close(CloseCode.InternalServerError, "Internal server error");
        }
        return false;
      }
    },
    async onSubscribe(ctx, id, payload: SubscribePayload) {
      const { connectionId, request, viewer } = ctx.extra;
      // ctx.subscriptions holds this one's reservation already.
      if (Object.keys(ctx.subscriptions).length > live.maxSubscriptionsPerConnection)
        return [subscriptionLimit("connection", live.maxSubscriptionsPerConnection)];
      if (hub.subscriptions >= live.maxSubscriptions) return [subscriptionLimit("process", live.maxSubscriptions)];
      const query = payload.query;
      if (typeof query !== "string")
        return [graphqlError(ErrorCode.BAD_REQUEST, "a subscribe message needs the query text")];
      if (registered && !registered.has(sha256Hex(query)))
        return [
          graphqlError(
            ErrorCode.PERSISTED_QUERY_NOT_FOUND,
            "PersistedQueryNotFound: only registered operations are accepted",
          ),
        ];
      let document = parsed.get(query);
      if (!document) {
        const tooLong = {
          message: `query is longer than ${limits.maxLength} characters or ${limits.maxTokens} tokens`,
          extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, maxLength: limits.maxLength, maxTokens: limits.maxTokens },
        };
        if (query.length > limits.maxLength) return [new GraphQLError(tooLong.message, tooLong)];
        try {
          document = parse(query, { maxTokens: limits.maxTokens });
        } catch (err) {
          const message = (err as Error).message;
          const limit = parserLimitError(message, limits);
          if (limit)
            return [new GraphQLError(limit.message, { extensions: limit.extensions as Record<string, unknown> })];
          return [graphqlError(ErrorCode.GRAPHQL_PARSE_FAILED, message)];
        }
        const invalid = validate(schema, document, rules);
        if (invalid.length)
          return invalid.map(
            (e) =>
              new GraphQLError(e.message, {
                nodes: e.nodes,
                extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED },
              }),
          );
        if (parsedChars + query.length > PARSED_MAX_CHARS) {
          parsed.clear();
          parsedChars = 0;
        }
        parsed.set(query, document);
        parsedChars += query.length;
      }
      const operation = getOperationAST(document, payload.operationName);
      if (!operation)
        return [graphqlError(ErrorCode.OPERATION_RESOLUTION_FAILURE, "the operation to run is ambiguous or unknown")];
      if (operation.operation !== "subscription")
        return [
          graphqlError(
            ErrorCode.BAD_REQUEST,
            `only subscriptions are served over WebSocket; send ${
              operation.operation === "query" ? "queries" : "mutations"
            } over HTTP`,
          ),
        ];
      const variables = (payload.variables ?? {}) as Record<string, unknown>;
      try {
        const finding = findInVariables(variables) ?? findInDocument(document);
        if (finding) throw stringRefusal(finding);
        await checkLimits(document, operation, variables);
        // Live before the subscriber is: an event committed after this point reaches it.
        await listener.start();
      } catch (err) {
        if (err instanceof GraphQLError) return [err];
        if (isConnectionError(err)) return [serviceUnavailable()];
        throw err;
      }
      const session: LiveSession = {
        subscribe: (topic, accepts) => {
          const stream = hub.subscribe(topic, accepts, () => {
            log.info({ connectionId, topic }, "slow consumer: closing its connection");
            dropSlowConsumer(ctx.extra, "slow consumer: events queued past the limit");
          });
          ctx.extra.streams.add(stream);
          return stream;
        },
      };
      const contextValue: Context = {
        db: app.database.db,
        config,
        loaders: createLoaders(app.database.db),
        cache: new RequestCache(app.database.db),
        viewer,
        requestId: `${connectionId}:${id}`,
        log: log.child({ connectionId, subscriptionId: id }),
        clientAddress: clientAddressOf(request, config),
        live: session,
      };
      return {
        schema,
        document,
        operationName: payload.operationName,
        variableValues: variables,
        contextValue,
      };
    },
    onError: (_ctx, _id, _payload, errors) => format(errors),
    onNext: (_ctx, _id, _payload, _args, result) =>
      result.errors ? { ...result, errors: format(result.errors) } : undefined,
  });

  wss.on("connection", (socket: WebSocket, request: IncomingMessage) => {
    const extra: Extra = {
      socket,
      request,
      connectionId: randomUUID(),
      viewer: null,
      expiry: null,
      streams: new Set(),
    };
    socket.once("error", (err) => {
      log.debug({ err: { message: err.message }, connectionId: extra.connectionId }, "live socket error");
      socket.terminate();
    });
    let pongWait: NodeJS.Timeout | null = null;
    const ping =
      live.keepAliveMs > 0
        ? setInterval(() => {
            if (socket.readyState !== socket.OPEN || pongWait) return;
            pongWait = setTimeout(() => socket.terminate(), live.keepAliveMs);
            socket.once("pong", () => {
              if (pongWait) clearTimeout(pongWait);
              pongWait = null;
            });
            socket.ping();
          }, live.keepAliveMs)
        : null;
    const closed = gql.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            // Backpressure: a client that does not read lets its send buffer grow; past the
            // bound it is dropped rather than holding the process's memory.
            if (socket.bufferedAmount > live.maxBufferedBytes) {
              log.info({ connectionId: extra.connectionId }, "slow consumer: closing its connection");
              dropSlowConsumer(extra, "slow consumer: send buffer over the limit");
              return resolve();
            }
            socket.send(data, () => resolve());
          }),
        close: (code, reason) => {
          if (socket.readyState === socket.OPEN) socket.close(code, reason);
        },
        onMessage: (cb) =>
          socket.on("message", async (data, isBinary) => {
            try {
              if (isBinary) return socket.close(CloseCode.BadRequest, "binary messages are not accepted");
              await cb(String(data));
            } catch (err) {
              log.error({ err, connectionId: extra.connectionId }, "live message failed");
              socket.close(CloseCode.InternalServerError, "Internal server error");
            }
          }),
      },
      extra,
    );
    socket.once("close", (code, reason) => {
      if (pongWait) clearTimeout(pongWait);
      if (ping) clearInterval(ping);
      if (extra.expiry) clearTimeout(extra.expiry);
      void closed(code, String(reason));
    });
  });

  const unobserve = observeLive({ subscriptions: () => hub.subscriptions, connections: () => wss.clients.size });
  return {
    get connections() {
      return wss.clients.size;
    },
    async close() {
      closing = true;
      unobserve();
      server.off("upgrade", onUpgrade);
      for (const client of wss.clients) client.close(LiveCloseCode.GoingAway, "server shutting down");
      hub.closeAll();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      // Clients that do not answer the close handshake are cut.
      setTimeout(() => {
        for (const client of wss.clients) client.terminate();
      }, 1000).unref();
    },
  };
}
