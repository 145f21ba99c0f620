import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { UpsertCounts } from "../prices/price.repo.js";
import type { Columns } from "./columns.js";
import { symbolProblem } from "../shared/symbols.js";
import { dateProblem } from "./row-checks.js";

export type ImportKind = "prices" | "market-caps" | "assets";

/** A bad line: its number in the file (the header is line 1), a short reason code and the details. */
export interface LineProblem {
  line: number;
  code: string;
  reason: string;
}

export type Parsed<P> = { ok: true; value: P } | { ok: false; code: string; reason: string };

export const bad = (code: string, reason: string): Parsed<never> => ({ ok: false, code, reason });

/** The (symbol, date) cells every dated file starts from, checked (prices, market caps). */
export function parseSymbolDate(
  fields: readonly string[],
  cols: Columns<string>,
): Parsed<{ symbol: string; date: string }> {
  const symbol = fields[cols.symbol].trim();
  const symbolWhy = symbolProblem(symbol);
  if (symbolWhy) return bad("invalid symbol", symbolWhy);
  const date = fields[cols.date].trim();
  const dateWhy = dateProblem(date);
  if (dateWhy) return bad("invalid date", dateWhy);
  return { ok: true, value: { symbol, date } };
}

/**
 * What the streamed import needs to know about one kind of file: its columns, how to validate
 * a line (P: the parsed line), how to turn it into a database row (R) once its symbol is
 * resolved, the identity of a row within the file (for duplicates) and the set-based upsert.
 */
export interface ImportSpec<P extends { symbol: string }, R> {
  kind: ImportKind;
  required: readonly string[];
  optional: readonly string[];
  parse(fields: readonly string[], cols: Columns<string>): Parsed<P>;
  /** True when the symbol must name an existing asset (prices, market caps). */
  resolvesAsset: boolean;
  toRow(p: P, assetId: number): R;
  /** Identity within one import: (asset, date) for prices and market caps, the symbol for assets. */
  key(r: R): number | string;
  /** Equal signatures mean an identical repeat (a harmless duplicate). */
  signature(r: R): number | string;
  upsert(db: Kysely<Database>, rows: R[], cols: Columns<string>): Promise<UpsertCounts>;
}

/** The trimmed cell of an optional column, or null when the column is absent or the cell empty. */
export const optionalCell = (fields: readonly string[], at: number): string | null => {
  if (at < 0) return null;
  const v = fields[at].trim();
  return v === "" ? null : v;
};
