import type { ApolloServerPlugin } from "@apollo/server";
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from "graphql";
import { operationScope, type CacheScope } from "../graphql/cache-scope.js";

/** Public data: any cache may store it but must revalidate (ETag) before every reuse. */
export const PUBLIC_CACHE_CONTROL = "public, no-cache";
/** Private data: a browser may keep it for the page that asked, nothing may store it. */
export const PRIVATE_CACHE_CONTROL = "private, no-store";
/** Errors, mutations, anything that was not a clean read. */
export const NO_STORE = "no-store";

/**
 * Sets the Cache-Control of every GraphQL response from the operation's scope, declared on
 * the schema (src/graphql/cache-scope.ts): the HTTP layer then gives public responses an ETag
 * and stores them in the response cache. No per-field hook: the scope is read from the
 * document once per parsed document (Apollo caches parsed documents).
 */
export function cachePolicyPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  const scopes = new WeakMap<DocumentNode, Map<OperationDefinitionNode, CacheScope>>();
  const scopeFor = (document: DocumentNode, operation: OperationDefinitionNode): CacheScope => {
    let byOperation = scopes.get(document);
    if (!byOperation) {
      byOperation = new Map();
      scopes.set(document, byOperation);
    }
    let scope = byOperation.get(operation);
    if (!scope) {
      scope = operationScope(schema, document, operation);
      byOperation.set(operation, scope);
    }
    return scope;
  };
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, document, operation }) {
          let value = NO_STORE;
          const clean = response.body.kind === "single" && !response.body.singleResult.errors?.length;
          if (clean && document && operation)
            value = scopeFor(document, operation) === "public" ? PUBLIC_CACHE_CONTROL : PRIVATE_CACHE_CONTROL;
          // A mutation's or a failed read's "private" would still allow storage in a browser.
          if (operation && operation.operation !== "query") value = NO_STORE;
          response.http.headers.set("cache-control", value);
        },
      };
    },
  };
}
