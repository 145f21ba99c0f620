import { registerEnumType } from "type-graphql";

/** The GraphQL name of a stored value: UPPER_SNAKE_CASE ("admin-token" → ADMIN_TOKEN, "monthly" → MONTHLY). */
export const enumValueName = (stored: string): string => stored.toUpperCase().replace(/[^A-Z0-9]+/g, "_");

/**
 * Registers a GraphQL enum over a closed set of values stored as they are (the database keeps
 * its values): each GraphQL value is the UPPER_SNAKE_CASE of the stored one, resolvers return
 * and receive the stored value. `values` maps each stored value to its description.
 * Returns the enum object to pass to `@Field(() => …)`.
 */
export function storedEnum<V extends string>(
  name: string,
  description: string,
  values: Readonly<Record<V, string>>,
): Readonly<Record<string, V>> {
  const stored = Object.keys(values) as V[];
  const enumObj = Object.fromEntries(stored.map((v) => [enumValueName(v), v])) as Record<string, V>;
  if (Object.keys(enumObj).length !== stored.length) throw new Error(`${name}: two values share a GraphQL name`);
  registerEnumType(enumObj, {
    name,
    description,
    valuesConfig: Object.fromEntries(stored.map((v) => [enumValueName(v), { description: values[v] }])),
  });
  return Object.freeze(enumObj);
}
