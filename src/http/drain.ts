import type { Server } from "node:http";
import { Server as NetServer } from "node:net";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Graceful close for an HTTP server: every request the server has received, or that was
 * already sitting in a socket buffer when the close began, gets its response; then the
 * connections end. Call the returned function once; it resolves when every connection is
 * closed, forcing the rest closed after `timeoutMs`.
 *
 * Why not plain `server.close()` + `closeIdleConnections()`: since Node 19, `http.Server#close`
 * destroys every connection without a parsed request at once, and a connection whose request
 * bytes arrived while the event loop was busy (PGlite runs on the main thread) counts as idle,
 * so those requests were cut off. Here the listener stops through `net.Server#close` (which
 * leaves connections alone), two loop turns let pending accepts and reads become requests,
 * and only then are the truly idle keep-alive connections closed. Every response from the
 * start of the drain carries `Connection: close`, so busy connections end after their response.
 */
export function drainOnClose(server: Server): (timeoutMs: number) => Promise<void> {
  let draining = false;
  server.prependListener("request", (_req, res) => {
    if (draining) res.setHeader("connection", "close");
    // A response that began before the drain keeps its connection alive: close it once idle.
    res.once("close", () => {
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
  });
  return async (timeoutMs) => {
    draining = true;
    const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
    try {
      await nextTurn();
      await nextTurn();
      const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
      server.closeIdleConnections();
      await closed;
    } finally {
      clearTimeout(timer);
    }
  };
}
