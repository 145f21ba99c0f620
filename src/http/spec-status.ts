import type { ApolloServerPlugin } from "@apollo/server";

const JSON_TYPE = "application/json; charset=utf-8";
const GRAPHQL_RESPONSE_TYPE = "application/graphql-response+json; charset=utf-8";

/** Errors raised before execution: the request as a whole was not acceptable. */
const REQUEST_ERROR_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "QUERY_TOO_DEEP",
  "QUERY_TOO_COMPLEX",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/** q-value of a media type in an Accept header (0 when absent); wildcards count. */
function quality(accept: string, type: string): number {
  let best = 0;
  const [main] = type.split("/");
  for (const part of accept.split(",")) {
    const [range, ...params] = part
      .trim()
      .toLowerCase()
      .split(";")
      .map((s) => s.trim());
    if (range !== type && range !== `${main}/*` && range !== "*/*") continue;
    const q = params.find((p) => p.startsWith("q="));
    best = Math.max(best, q ? Number(q.slice(2)) || 0 : 1);
  }
  return best;
}

/**
 * GraphQL-over-HTTP status rules. Apollo answers 400 to request errors (parse, validation,
 * variable coercion) whatever the client accepts; the spec says a client that accepts only
 * `application/json` gets 200 with the errors in the body, and one that prefers
 * `application/graphql-response+json` gets 4xx. Execution errors are 200 either way.
 */
export function specStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const { errors, data } = response.body.singleResult;
          if (!errors?.length || data !== undefined) return;
          if (!errors.every((e) => REQUEST_ERROR_CODES.has(String(e.extensions?.code)))) return;
          const accept = request.http?.headers.get("accept") ?? "";
          const prefersGraphqlResponse =
            accept !== "" &&
            quality(accept, "application/graphql-response+json") >=
              Math.max(quality(accept, "application/json"), 1e-9) &&
            /graphql-response\+json/i.test(accept);
          response.http.headers.set("content-type", prefersGraphqlResponse ? GRAPHQL_RESPONSE_TYPE : JSON_TYPE);
          response.http.status = prefersGraphqlResponse ? 400 : 200;
        },
      };
    },
  };
}
