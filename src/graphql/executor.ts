import type { ApolloServerOptionsWithGateway, BaseContext } from "@apollo/server";
import { execute, getVariableValues, GraphQLError, type DocumentNode, type GraphQLSchema } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import { ErrorCode } from "../errors.js";

/** Apollo's gateway interface, named through @apollo/server (its package is not ours to import). */
type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>["gateway"];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface["load"]>>["executor"]>;

/**
 * Executes operations with graphql-jit: each (document, operation) is compiled once into
 * plain JavaScript that calls the same type-graphql resolvers and the same scalars'
 * serialize functions, instead of graphql-js walking the AST for every field of every
 * item (the walk was a fifth of the CPU of a 12k-node read).
 *
 * Apollo lets a server supply its executor only through the gateway interface: the whole
 * request pipeline (parsing, validation, didResolveOperation, the cost and depth checks,
 * formatError, willSendResponse) still runs, only `execute` is replaced.
 *
 * Compiled queries are keyed by the DocumentNode, which Apollo's document store reuses for
 * a repeated query; a WeakMap lets them go when the store evicts the document.
 */
export function compiledExecutor(schema: GraphQLSchema): GatewayExecutor {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery>>();
  return async ({ document, operation, operationName, request, context }) => {
    const variables = request.variables ?? {};
    // No operation (unknown name, several without a name): graphql-js words the error as
    // Apollo expects it.
    if (!operation)
      return execute({
        schema,
        document,
        operationName: request.operationName,
        variableValues: variables,
        contextValue: context,
      });
    // Variables are coerced by graphql-js first so invalid ones fail with its messages, which
    // Apollo recognises as BAD_USER_INPUT (the compiled query coerces them again: a few µs).
    // At most MAX_VARIABLE_ERRORS of them: a list of 10,000 values outside an enum is one
    // error per entry, megabytes of response.
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, {
      maxErrors: MAX_VARIABLE_ERRORS,
    });
    if (coerced.errors) return { errors: coerced.errors.map(asVariableError) };
    let byName = compiled.get(document);
    if (!byName) {
      byName = new Map();
      compiled.set(document, byName);
    }
    const key = operationName ?? "";
    let query = byName.get(key);
    if (!query) {
      const result = compileQuery(schema, document, operationName ?? undefined);
      // A document graphql-jit cannot compile: its errors, with extensions as graphql-js's.
      if (!isCompiledQuery(result)) return { errors: (result.errors ?? []).map(asGraphQLError) };
      query = result;
      byName.set(key, query);
    }
    const result = await query.query(undefined, context, variables);
    // graphql-js's key order (errors first), which clients and snapshots see.
    return result.errors ? { errors: result.errors.map(asGraphQLError), data: result.data } : { data: result.data };
  };
}

/** Variable errors reported before graphql-js gives up with "Too many errors processing variables". */
export const MAX_VARIABLE_ERRORS = 10;

/**
 * Apollo codes a variable error BAD_USER_INPUT by its node (the variable's definition);
 * graphql-js's closing "Too many errors" has none and would be masked as an internal error.
 */
function asVariableError(error: GraphQLError): GraphQLError {
  if (error.nodes?.length || error.extensions?.code) return error;
  return new GraphQLError(error.message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}

/**
 * graphql-jit's errors leave `extensions` undefined when the thrown error had none (a driver
 * error, a bug), where Apollo's error formatting reads `extensions.code` and, failing, answers a
 * bare "Internal server error" without calling formatError (no error id, nothing logged). They
 * become graphql-js errors, as graphql-js's own executor would have built them; graphql-jit
 * keeps locations rather than AST nodes, so those are carried over as they are.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const located = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  (located as { locations?: GraphQLError["locations"] }).locations = error.locations;
  return located;
}

/** The gateway shell Apollo needs to take an executor: a fixed schema, never updated. */
export function executorGateway(schema: GraphQLSchema, executor: GatewayExecutor): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => {};
    },
    async load() {
      return { executor };
    },
    async stop() {},
  };
}
