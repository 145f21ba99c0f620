import { GraphQLISODateTime } from "type-graphql";

/**
 * type-graphql's DateTimeISO scalar (graphql-scalars' DateTimeISO), one instance for every
 * timestamp field of the schema, including those of modules that import it from type-graphql
 * directly. Its stock description is rewritten here once, at import, so that every field gets one
 * a client can act on (a second scalar of the same name would break the schema).
 */
GraphQLISODateTime.description = "A point in time at UTC, ISO 8601 with milliseconds: 2026-01-15T10:30:00.000Z.";

export const DateTimeScalar = GraphQLISODateTime;
