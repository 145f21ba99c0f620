import type { ApolloServerPlugin } from "@apollo/server";

/**
 * `cache-control: no-store` on every GraphQL response that has none yet: what Apollo's
 * cache-control plugin sent for a schema without cache hints, kept after disabling it (see
 * src/app.ts). A plugin that knows better (a response cache, ETags) sets its own header first.
 */
export function noStorePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (!response.http.headers.has("cache-control")) response.http.headers.set("cache-control", "no-store");
        },
      };
    },
  };
}
