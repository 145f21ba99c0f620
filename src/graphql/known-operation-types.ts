import { GraphQLError, type ValidationRule } from "graphql";

/**
 * An operation whose root type the schema does not define (`subscription { … }` here, which
 * has no Subscription type) is invalid: GRAPHQL_VALIDATION_FAILED, as graphql-js 17 reports it.
 * graphql-js 16 lets it through validation and fails it at execution with a code-less error,
 * which clients saw as INTERNAL_SERVER_ERROR.
 */
export const knownOperationTypesRule: ValidationRule = (context) => {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      if (schema.getRootType(node.operation)) return;
      context.reportError(
        new GraphQLError(`The schema does not support ${node.operation} operations.`, { nodes: node }),
      );
    },
  };
};
