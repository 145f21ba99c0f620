import { pino, type DestinationStream, type Logger } from "pino";
import type { AppConfig } from "./config.js";
import { redactingErrorSerializer } from "./logger-redact.js";

/**
 * Structured JSON logs on stdout (pino), or on `destination` (tests capture it). Secrets and
 * credentials are redacted wherever they appear: by name (paths below) and, for errors, by
 * the serializer that drops the statement arguments and row data of driver errors.
 */
export function createLogger(config: Pick<AppConfig, "logLevel">, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      serializers: { err: redactingErrorSerializer, error: redactingErrorSerializer },
      redact: {
        paths: [
          "password", "*.password", "passwordHash", "*.passwordHash", "password_hash", "*.password_hash",
          "token", "*.token", "accessToken", "*.accessToken", "refreshToken", "*.refreshToken",
          "params", "*.params", "parameters", "*.parameters",
          "headers.authorization", 'headers["x-admin-token"]', "*.headers.authorization", '*.headers["x-admin-token"]',
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
