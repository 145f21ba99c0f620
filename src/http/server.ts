import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { App } from "../app.js";
import { attachLiveServer, type LiveServer } from "../live/ws-server.js";
import { drainOnClose } from "./drain.js";
import { createRequestHandler } from "./handler.js";
import { LINGER, LingeringSockets } from "./lingering-close.js";
import { applyConnectionLimits, serverOptions } from "./limits.js";

export interface RunningServer {
  server: Server;
  url: string;
  /** GraphQL subscriptions over WebSocket on the same port (null when LIVE_UPDATES=off). */
  live: LiveServer | null;
  /** Stops accepting connections, lets in-flight requests finish (up to the shutdown timeout), then closes the app. */
  close(): Promise<void>;
}

export async function startHttpServer(
  app: App,
  port = app.config.port,
  host = app.config.host,
): Promise<RunningServer> {
  // Refused uploads: answered, then read out for a bounded while (a stalled one is dropped sooner).
  const lingering = new LingeringSockets({
    ...LINGER,
    idleMs: Math.min(LINGER.idleMs, app.config.http.bodyIdleTimeoutMs),
  });
  const server = createServer(serverOptions(app.config.http), createRequestHandler(app, lingering));
  applyConnectionLimits(server, app.config.http, app.log);
  // `Expect: 100-continue`: invite the body only when its announced length is within the limit;
  // node:http would send 100 Continue first and the client would upload what is then refused.
  server.on("checkContinue", (req, res) => {
    const announced = Number(req.headers["content-length"]);
    if (!(Number.isFinite(announced) && announced > app.config.http.maxBodyBytes)) res.writeContinue();
    server.emit("request", req, res);
  });
  const drain = drainOnClose(server);
  const live = app.config.live.enabled ? await attachLiveServer(app, server, app.live.hub, app.live.listener) : null;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${bound}`;
  let closing: Promise<void> | undefined;
  return {
    server,
    url,
    live,
    close() {
      closing ??= (async () => {
        // WebSocket clients get 1001 and reconnect elsewhere; then HTTP requests drain.
        await live?.close();
        lingering.closeAll();
        await drain(app.config.shutdownTimeoutMs);
        await app.stop();
      })();
      return closing;
    },
  };
}
