import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { isIsoDate } from "../shared/dates.js";
import { echo } from "../shared/strings.js";

const invalid = (value: unknown) =>
  new GraphQLError(`Date must be a calendar date 'YYYY-MM-DD', got ${echo(JSON.stringify(value) ?? String(value))}`, {
    extensions: { code: "BAD_USER_INPUT" },
  });

/**
 * A calendar date as 'YYYY-MM-DD', end to end: never a JS Date, so no time zone can shift it.
 * Impossible dates (2023-02-29, 2024-13-01) are rejected on input.
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: "Date",
  // No specifiedByURL: client-visible text links nothing outside the repository (the RFC is named instead).
  description:
    "A calendar date 'YYYY-MM-DD' (ISO 8601 / RFC 3339 full-date), without time or time zone. An impossible " +
    "date (2023-02-29) is refused: GRAPHQL_VALIDATION_FAILED as a literal, BAD_USER_INPUT as a variable.",
  serialize(value) {
    if (typeof value === "string" && isIsoDate(value)) return value;
    throw new GraphQLError("Date cannot represent a non-date value");
  },
  parseValue(value) {
    if (typeof value === "string" && isIsoDate(value)) return value;
    throw invalid(value);
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && isIsoDate(ast.value)) return ast.value;
    throw invalid(ast.kind === Kind.STRING ? ast.value : ast.kind);
  },
});
