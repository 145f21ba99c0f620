import { GraphQLScalarType } from "graphql";
import { GraphQLJSON } from "graphql-scalars";

/**
 * graphql-scalars' JSON scalar with a description of our own: the stock one (and its
 * specifiedByURL) points at a document outside this repository.
 */
export const JSONScalar = new GraphQLScalarType({
  ...GraphQLJSON.toConfig(),
  description:
    "Any JSON value (RFC 8259): null, a boolean, a number, a string, a list or an object, sent as is. Used where " +
    "a value's type depends on another field (StrategyFieldChange.from and to follow its field).",
  specifiedByURL: undefined,
});
