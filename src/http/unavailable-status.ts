import type { ApolloServerPlugin } from "@apollo/server";
import { DATABASE_RETRY_AFTER_SECONDS, ErrorCode } from "../errors.js";

/**
 * A response with a SERVICE_UNAVAILABLE error (the database was unreachable for a field it
 * needed) is HTTP 503 with Retry-After, whatever other fields succeeded: a client or a load
 * balancer retries it instead of reading a half-empty 200.
 */
export function unavailableStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          if (!response.body.singleResult.errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE))
            return;
          response.http.status = 503;
          response.http.headers.set("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
