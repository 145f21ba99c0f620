import { badInput } from "../errors.js";

/** Parses a GraphQL ID that must be a positive 32-bit integer. */
export function parseId(value: string | number, field: string): number {
  const n = typeof value === "number" ? value : /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 2_147_483_647)
    throw badInput(`${field} is not a valid id`, [{ field, message: "not a valid id" }]);
  return n;
}
