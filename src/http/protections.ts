import { createRequire } from "node:module";
import type { ApolloServerPlugin } from "@apollo/server";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { getVariableValues, validate, type DocumentNode, type GraphQLSchema } from "graphql";
import type * as Complexity from "graphql-query-complexity";
import { AppError, ErrorCode } from "../errors.js";

// The ESM build of graphql-query-complexity loads a second copy of graphql ("another module
// or realm"); its CommonJS build shares ours.
const { getComplexity, fieldExtensionsEstimator, simpleEstimator } = createRequire(import.meta.url)(
  "graphql-query-complexity",
) as typeof Complexity;

export interface Limits {
  maxDepth: number;
  maxCost: number;
}

const rejected = (code: ErrorCode, message: string, extensions: Record<string, unknown>) =>
  new AppError(code, message, { ...extensions, http: { status: 400 } });

/**
 * Rejects a resolved operation before execution when it nests deeper than maxDepth or is
 * estimated to cost more than maxCost (list fields weighted by page size or date span, see
 * src/graphql/complexity.ts). Rejections are request errors (HTTP 400, or 200 for
 * application/json clients, see spec-status.ts), never 500.
 */
export function protectionsPlugin(schema: GraphQLSchema, limits: Limits): ApolloServerPlugin {
  // A document's depth does not depend on its variables, and Apollo caches parsed documents:
  // measure each one once.
  const tooDeep = new WeakMap<DocumentNode, boolean>();
  const isTooDeep = (document: DocumentNode): boolean => {
    let verdict = tooDeep.get(document);
    if (verdict === undefined) {
      let rejected = false;
      validate(schema, document, [maxDepthRule({ n: limits.maxDepth, propagateOnRejection: false, onReject: [() => (rejected = true)] })]);
      tooDeep.set(document, (verdict = rejected));
    }
    return verdict;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName, operation }) {
          if (!operation) return; // Apollo reports the unknown operation name itself.
          if (isTooDeep(document))
            throw rejected(ErrorCode.QUERY_TOO_DEEP, `query is nested deeper than the limit of ${limits.maxDepth}`, { maxDepth: limits.maxDepth });
          // Invalid variables: Apollo rejects them next with BAD_USER_INPUT; the cost cannot be estimated.
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (coerced.errors) return;
          const cost = getComplexity({
            schema,
            query: document,
            variables: request.variables ?? {},
            operationName: operationName ?? undefined,
            estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > limits.maxCost)
            throw rejected(ErrorCode.QUERY_TOO_COMPLEX, `query cost ${cost} exceeds the limit of ${limits.maxCost}; ask for fewer items or a shorter date range`, {
              cost,
              maxCost: limits.maxCost,
            });
        },
      };
    },
  };
}
