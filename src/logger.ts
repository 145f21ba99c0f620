import { createRequire } from "node:module";
import { pino, type DestinationStream, type Logger, type TransportSingleOptions } from "pino";
import type { AppConfig } from "./config.js";
import { redactingErrorSerializer } from "./logger-redact.js";

/**
 * pino-pretty (a devDependency) on a terminal in development; JSON lines everywhere else, and
 * wherever pino-pretty is not installed (a production install).
 */
export function prettyTransport(
  config: Pick<AppConfig, "isDevelopment">,
  isTTY = process.stdout.isTTY === true,
): TransportSingleOptions | undefined {
  if (!config.isDevelopment || !isTTY) return undefined;
  try {
    createRequire(import.meta.url).resolve("pino-pretty");
  } catch {
    return undefined;
  }
  return {
    target: "pino-pretty",
    options: { colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" },
  };
}

/**
 * Structured logs on stdout (pino), or on `destination` (tests capture it). Secrets and
 * credentials are redacted wherever they appear: by name (paths below) and, for errors, by
 * the serializer that drops the statement arguments and row data of driver errors.
 */
export function createLogger(
  config: Pick<AppConfig, "logLevel" | "isDevelopment">,
  destination?: DestinationStream,
): Logger {
  const transport = destination ? undefined : prettyTransport(config);
  return pino(
    {
      level: config.logLevel,
      ...(transport ? { transport } : {}),
      serializers: { err: redactingErrorSerializer, error: redactingErrorSerializer },
      redact: {
        paths: [
          "password",
          "*.password",
          "passwordHash",
          "*.passwordHash",
          "password_hash",
          "*.password_hash",
          "token",
          "*.token",
          "accessToken",
          "*.accessToken",
          "refreshToken",
          "*.refreshToken",
          "params",
          "*.params",
          "parameters",
          "*.parameters",
          "headers.authorization",
          'headers["x-admin-token"]',
          "*.headers.authorization",
          '*.headers["x-admin-token"]',
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
