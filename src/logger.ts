import { createRequire } from "node:module";
import { pino, type Logger, type TransportSingleOptions } from "pino";
import type { AppConfig } from "./config.js";

/**
 * pino-pretty (a devDependency) on a terminal in development; JSON lines everywhere else, and
 * wherever pino-pretty is not installed (a production install).
 */
export function prettyTransport(config: Pick<AppConfig, "isDevelopment">, isTTY = process.stdout.isTTY === true): TransportSingleOptions | undefined {
  if (!config.isDevelopment || !isTTY) return undefined;
  try {
    createRequire(import.meta.url).resolve("pino-pretty");
  } catch {
    return undefined;
  }
  return { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" } };
}

/** Structured logs on stdout (pino). Secrets and credentials are redacted wherever they appear. */
export function createLogger(config: Pick<AppConfig, "logLevel" | "isDevelopment">): Logger {
  const transport = prettyTransport(config);
  return pino({
    level: config.logLevel,
    ...(transport ? { transport } : {}),
    redact: {
      paths: ["password", "*.password", "token", "*.token", "refreshToken", "*.refreshToken", "headers.authorization", 'headers["x-admin-token"]'],
      censor: "[redacted]",
    },
  });
}
