import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { App } from "../app.js";
import { drainOnClose } from "./drain.js";
import { createRequestHandler } from "./handler.js";
import { applyConnectionLimits, serverOptions } from "./limits.js";

export interface RunningServer {
  server: Server;
  url: string;
  /** Stops accepting connections, lets in-flight requests finish (up to the shutdown timeout), then closes the app. */
  close(): Promise<void>;
}

export async function startHttpServer(
  app: App,
  port = app.config.port,
  host = app.config.host,
): Promise<RunningServer> {
  const server = createServer(serverOptions(app.config.http), createRequestHandler(app));
  applyConnectionLimits(server, app.config.http, app.log);
  const drain = drainOnClose(server);
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
    close() {
      closing ??= (async () => {
        await drain(app.config.shutdownTimeoutMs);
        await app.stop();
      })();
      return closing;
    },
  };
}
