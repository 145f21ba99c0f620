/** Column positions found by (case-insensitive, trimmed) header name; -1 when an optional column is absent. */
export type Columns<K extends string> = Record<K, number>;

/** A problem with the file as a whole (unreadable, no header, a required column missing): nothing is imported. */
export class ImportFileError extends Error {}

export function resolveColumns<R extends string, O extends string>(
  header: readonly string[],
  required: readonly R[],
  optional: readonly O[],
): Columns<R | O> {
  const names = header.map((h) => h.trim().toLowerCase());
  const out = {} as Columns<R | O>;
  const missing: string[] = [];
  for (const name of [...required, ...optional]) {
    const at = names.indexOf(name);
    if (at === -1 && (required as readonly string[]).includes(name)) missing.push(name);
    out[name] = at;
  }
  if (missing.length) {
    throw new ImportFileError(
      `missing required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} ` +
        `(the header has: ${header.join(", ")})`,
    );
  }
  return out;
}
