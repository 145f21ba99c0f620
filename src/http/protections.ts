import type { ApolloServerPlugin } from "@apollo/server";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { GraphQLError, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { AppError, ErrorCode } from "../errors.js";
import { documentCost, TooManyNodesError } from "../graphql/cost.js";
import type { TableStats } from "../graphql/table-stats.repo.js";

export interface Limits {
  maxDepth: number;
  maxCost: number;
  /** Most fields an operation may expand to (fragment spreads expanded). */
  maxNodes: number;
  /** The parser's limits (Apollo parseOptions), reported as QUERY_TOO_COMPLEX. */
  maxTokens: number;
  maxLength: number;
}

/** graphql-js's messages when parseOptions (maxSourceLength, maxTokens, maxComments) stop the parser. */
const PARSER_LIMIT =
  /^Syntax Error: (Source contains more than \d+ UTF-16|Document contains more tha[nt] \d+ (tokens|comments))/;

const rejected = (code: ErrorCode, message: string, extensions: Record<string, unknown>) =>
  new AppError(code, message, { ...extensions, http: { status: 400 } });

/**
 * The depth, node and cost checks of one resolved operation (HTTP and WebSocket alike): throws
 * QUERY_TOO_DEEP, QUERY_TOO_COMPLEX or BAD_USER_INPUT. `isTooDeep` caches per document.
 */
export function operationLimits(
  schema: GraphQLSchema,
  limits: Limits,
  tableStats: () => Promise<TableStats | undefined> = async () => undefined,
) {
  // A document's depth does not depend on its variables, and parsed documents are cached:
  // measure each one once.
  const tooDeep = new WeakMap<DocumentNode, boolean>();
  const isTooDeep = (document: DocumentNode): boolean => {
    let verdict = tooDeep.get(document);
    if (verdict === undefined) {
      let rejected = false;
      validate(schema, document, [
        maxDepthRule({
          n: limits.maxDepth,
          propagateOnRejection: false,
          onReject: [
            () => {
              rejected = true;
            },
          ],
        }),
      ]);
      verdict = rejected;
      tooDeep.set(document, verdict);
    }
    return verdict;
  };
  return async (
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): Promise<void> => {
    if (isTooDeep(document))
      throw rejected(ErrorCode.QUERY_TOO_DEEP, `query is nested deeper than the limit of ${limits.maxDepth}`, {
        maxDepth: limits.maxDepth,
      });
    let cost: number | null;
    try {
      cost = documentCost(schema, document, operation, variables, limits.maxNodes, await tableStats());
    } catch (err) {
      if (err instanceof TooManyNodesError)
        throw rejected(ErrorCode.QUERY_TOO_COMPLEX, `query expands to more than ${limits.maxNodes} fields`, {
          maxNodes: limits.maxNodes,
        });
      // An argument that does not coerce: validation normally reports it first.
      if (err instanceof GraphQLError) throw rejected(ErrorCode.BAD_USER_INPUT, err.message, {});
      throw err;
    }
    // Parsing, validation and this estimate ran in one go (large variables take tens of ms):
    // let other requests in before execution starts.
    await new Promise<void>((resolve) => setImmediate(resolve));
    // Invalid variables: the executor rejects them next with BAD_USER_INPUT; there is nothing to run.
    if (cost !== null && cost > limits.maxCost)
      throw rejected(
        ErrorCode.QUERY_TOO_COMPLEX,
        `query cost ${cost} exceeds the limit of ${limits.maxCost}; ask for fewer items or a shorter date range`,
        { cost, maxCost: limits.maxCost },
      );
  };
}

/** The parser's error when parseOptions stopped it, as the limit it hit (QUERY_TOO_COMPLEX); else null. */
export function parserLimitError(
  message: string,
  limits: Limits,
): { message: string; extensions: Record<string, unknown> } | null {
  if (!PARSER_LIMIT.test(message)) return null;
  return {
    message: `query is longer than ${limits.maxLength} characters or ${limits.maxTokens} tokens`,
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, maxLength: limits.maxLength, maxTokens: limits.maxTokens },
  };
}

/**
 * Rejects a resolved operation before execution when it nests deeper than maxDepth or is
 * estimated to cost more than maxCost (src/graphql/cost.ts: list fields weighted by page size or
 * date span, list arguments by their length at every use, scans by what they scan), or expands
 * to more than maxNodes fields. Rejections are request errors (HTTP 400, or 200 for
 * application/json clients, see spec-status.ts), never 500.
 */
export function protectionsPlugin(
  schema: GraphQLSchema,
  limits: Limits,
  tableStats: () => Promise<TableStats | undefined> = async () => undefined,
): ApolloServerPlugin {
  const check = operationLimits(schema, limits, tableStats);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operation }) {
          if (!operation) return; // Apollo reports the unknown operation name itself.
          if (operation.operation === "subscription")
            throw rejected(
              ErrorCode.BAD_REQUEST,
              "subscriptions are served over WebSocket (graphql-transport-ws protocol) at /graphql, not over HTTP",
              {},
            );
          await check(document, operation, request.variables ?? {});
        },
        // The parser aborts an oversized document with a syntax error (GRAPHQL_PARSE_FAILED):
        // name the limits instead, as for the other size limits.
        async willSendResponse({ response }) {
          if (response.body.kind !== "single" || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((e) =>
            e.extensions?.code === ErrorCode.GRAPHQL_PARSE_FAILED ? (parserLimitError(e.message, limits) ?? e) : e,
          );
        },
      };
    },
  };
}
