import { upsertMarketCapRows, type MarketCapRow } from "../market-caps/market-cap.repo.js";
import { bad, optionalCell, parseSymbolDate, type ImportSpec, type Parsed } from "./import-spec.js";
import { freeFloatProblem, nonNegativeProblem, pairKey, parseDecimal } from "./row-checks.js";

export type MarketCapLine = Omit<MarketCapRow, "assetId"> & { symbol: string };

const VALUE_COLUMNS = ["market_cap", "shares_outstanding", "free_float", "average_volume"] as const;

/** The four optional numeric cells: empty or absent = null; anything else must be a plain number. */
function numbers(fields: readonly string[], cols: Record<string, number>): Parsed<(number | null)[]> {
  const out: (number | null)[] = [];
  for (const name of VALUE_COLUMNS) {
    const cell = optionalCell(fields, cols[name]);
    const v = cell === null ? null : parseDecimal(cell);
    const why = name === "free_float" ? freeFloatProblem(v) : nonNegativeProblem(name, v);
    if (why) return bad(`invalid ${name}`, why);
    out.push(v);
  }
  return { ok: true, value: out };
}

/** CSV with the seed's fields: symbol, date (required), market_cap, shares_outstanding, free_float, average_volume. */
export const marketCapSpec: ImportSpec<MarketCapLine, MarketCapRow> = {
  kind: "market-caps",
  required: ["symbol", "date"],
  optional: VALUE_COLUMNS,
  resolvesAsset: true,
  parse(fields, cols) {
    const head = parseSymbolDate(fields, cols);
    if (!head.ok) return head;
    const { symbol, date } = head.value;
    const values = numbers(fields, cols);
    if (!values.ok) return values;
    const [marketCap, sharesOutstanding, freeFloat, averageVolume] = values.value;
    return { ok: true, value: { symbol, date, marketCap, sharesOutstanding, freeFloat, averageVolume } };
  },
  toRow: ({ symbol: _symbol, ...rest }, assetId) => ({ assetId, ...rest }),
  key: (r) => pairKey(r.assetId, r.date),
  signature: (r) => `${r.marketCap}|${r.sharesOutstanding}|${r.freeFloat}|${r.averageVolume}`,
  upsert: (db, rows) => upsertMarketCapRows(db, rows),
};
