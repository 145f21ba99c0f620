import { pino, type Logger } from "pino";
import type { AppConfig } from "./config.js";

/** Structured JSON logs on stdout (pino). Secrets and credentials are redacted wherever they appear. */
export function createLogger(config: Pick<AppConfig, "logLevel">): Logger {
  return pino({
    level: config.logLevel,
    redact: {
      paths: ["password", "*.password", "token", "*.token", "refreshToken", "*.refreshToken", "headers.authorization", 'headers["x-admin-token"]'],
      censor: "[redacted]",
    },
  });
}
