import type { IncomingMessage } from "node:http";
import type { AppConfig } from "../config.js";
import { clientAddress } from "./trusted-proxies.js";

/** The request's client address under TRUSTED_PROXIES (ctx.clientAddress, the access log, throttles). */
export function clientAddressOf(req: IncomingMessage, config: Pick<AppConfig, "trustedProxies">): string {
  const forwarded = req.headers["x-forwarded-for"];
  return clientAddress(
    req.socket.remoteAddress,
    Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
    config.trustedProxies,
  );
}
