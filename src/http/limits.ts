import type { IncomingMessage, Server, ServerOptions, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Logger } from "pino";
import type { HttpLimits } from "../config.js";
import { isClientGone } from "./read-body.js";
import { rawSecurityHeaders, setSecurityHeaders } from "./security-headers.js";

/**
 * node:http options that bound slow clients. Node checks headersTimeout and requestTimeout
 * every connectionsCheckingInterval (default 30 s, which would stretch a 15 s limit to 45 s):
 * a quarter of the shorter one, between 100 ms and 1 s, keeps them close to their value.
 */
export function serverOptions(limits: HttpLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node would answer a missing Host itself with an empty 400; the handler answers it with a code.
    requireHostHeader: false,
    connectionsCheckingInterval: Math.min(
      1000,
      Math.max(100, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)),
    ),
  };
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  408: "Request Timeout",
  413: "Content Too Large",
  431: "Request Header Fields Too Large",
};

/** What the client is told, in the GraphQL error shape every other refusal uses. */
const REFUSAL_MESSAGE: Record<number, string> = {
  400: "malformed HTTP request",
  408: "request not received in time",
  413: "request chunk extensions too large",
  431: "request headers too large",
};

/** The raw answer to a request node:http refused: status, the security headers, a JSON body with a code. */
export function clientErrorResponse(status: number): string {
  const body = JSON.stringify({ errors: [{ message: REFUSAL_MESSAGE[status], extensions: { code: "BAD_REQUEST" } }] });
  const headers = Object.entries(rawSecurityHeaders())
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  return (
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\n` +
    `Content-Type: application/json; charset=utf-8\r\n` +
    `Cache-Control: no-store\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${headers}\r\n${body}`
  );
}

/** The status node:http would answer a malformed or timed-out request with. */
function clientErrorStatus(err: NodeJS.ErrnoException): number {
  if (err.code === "ERR_HTTP_REQUEST_TIMEOUT") return 408;
  if (err.code === "HPE_HEADER_OVERFLOW") return 431;
  if (err.code === "HPE_CHUNK_EXTENSIONS_OVERFLOW") return 413;
  return 400;
}

/**
 * The connection cap, and the answer to requests that never reach the handler (malformed,
 * headers too slow or too large): node's status, the security headers and a JSON body with
 * a BAD_REQUEST code, like every other refusal. A client that
 * went away is logged at debug; refusals at debug too (an attacker chooses their volume).
 */
export function applyConnectionLimits(server: Server, limits: HttpLimits, log: Logger): void {
  capConnections(server, limits.maxConnections, log);
  // An Expect other than 100-continue: node's own 417 has no body; this one has a code.
  server.on("checkExpectation", (_req: IncomingMessage, res: ServerResponse) => {
    setSecurityHeaders(res);
    res.writeHead(417, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
    res.end(
      JSON.stringify({ errors: [{ message: "unsupported Expect header", extensions: { code: "BAD_REQUEST" } }] }),
    );
  });
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Socket) => {
    if (
      isClientGone(err) ||
      !socket.writable ||
      (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent
    ) {
      log.debug({ code: err.code }, "client connection ended");
      return void socket.destroy();
    }
    const status = clientErrorStatus(err);
    log.debug({ code: err.code, status }, "malformed or timed-out request refused");
    socket.end(clientErrorResponse(status), () => socket.destroy());
  });
}

/**
 * At most `max` open connections. At the cap a new connection first evicts the oldest idle
 * one (no request in progress and no byte received since its last response: a silent new
 * socket or a parked keep-alive), as idle connections cost a socket and nothing else and
 * their clients simply reconnect; only when every connection is busy is the new one closed
 * (a warning at most once a minute). So a flood of idle sockets cannot lock real clients
 * out, while busy ones (bodies in flight, bounded by the timeouts) bound the memory.
 * (`server.maxConnections` would refuse the newcomer instead, /healthz included.)
 */
function capConnections(server: Server, max: number, log: Logger): void {
  /** Open sockets in arrival order → bytesRead when their last response ended (0: none yet). */
  const open = new Map<Socket, number | null>();
  const isIdle = (socket: Socket, idleAt: number | null) => idleAt !== null && socket.bytesRead === idleAt;
  let lastWarning = 0;
  server.on("connection", (socket: Socket) => {
    if (open.size >= max) {
      let evicted = false;
      for (const [other, idleAt] of open) {
        if (!isIdle(other, idleAt)) continue;
        open.delete(other);
        other.destroy();
        evicted = true;
        break;
      }
      if (!evicted) {
        socket.destroy();
        const now = Date.now();
        if (now - lastWarning >= 60_000) {
          lastWarning = now;
          log.warn(
            { maxConnections: max },
            "connection cap reached with every connection busy: refusing new connections (HTTP_MAX_CONNECTIONS)",
          );
        } else log.debug({ remoteAddress: socket.remoteAddress }, "connection refused: at the connection cap");
        return;
      }
      log.debug({ maxConnections: max }, "at the connection cap: closed the oldest idle connection");
    }
    open.set(socket, 0);
    socket.once("close", () => open.delete(socket));
  });
  server.on("request", (req, res) => {
    const socket = req.socket;
    if (!open.has(socket)) return;
    open.set(socket, null);
    res.once("close", () => {
      if (open.has(socket)) open.set(socket, socket.bytesRead);
    });
  });
}
