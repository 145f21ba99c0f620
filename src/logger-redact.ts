import { stdSerializers } from "pino";

/**
 * Driver-error fields that carry row data or statement arguments: `params`/`parameters`
 * (PGlite, some drivers), `detail` ("Failing row contains (…, email, $argon2id$…)", "Key
 * (email)=(…) already exists"), `where`/`internalQuery` (PL/pgSQL context with values),
 * `queryOptions`. The SQL text (`query`, placeholders only), the SQLSTATE (`code`), the
 * constraint, table and column names stay: they are what an operator needs to find the cause.
 */
const DATA_FIELDS = new Set([
  "params",
  "parameters",
  "values",
  "detail",
  "where",
  "internalQuery",
  "queryOptions",
  "hint",
]);

/**
 * SQLSTATE class 22 (data exception) messages quote the offending value: `invalid input syntax for type integer:
 * "abc"`.
 */
const echoesValue = (code: unknown) => typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code);

const REDACTED = "[redacted]";

/** A serialized error (and its nested errors) without the fields that echo data. Mutates and returns `out`. */
function scrub(out: Record<string, unknown>, depth: number): Record<string, unknown> {
  for (const key of Object.keys(out)) {
    if (DATA_FIELDS.has(key)) out[key] = REDACTED;
    else if (depth < 4 && out[key] && typeof out[key] === "object")
      scrub(out[key] as Record<string, unknown>, depth + 1);
  }
  if (echoesValue(out.code)) {
    for (const key of ["message", "stack"] as const)
      if (typeof out[key] === "string") out[key] = (out[key] as string).replace(/"[^"\n]*"/g, `"${REDACTED}"`);
  }
  return out;
}

/**
 * pino `err` serializer: the standard one (type, message, stack, own fields, causes), then
 * every data-bearing field of a database error replaced by "[redacted]". Statement arguments
 * are passwords hashes, emails and tokens often enough that none is ever logged.
 */
export function redactingErrorSerializer(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  return scrub(stdSerializers.err(err) as unknown as Record<string, unknown>, 0);
}
