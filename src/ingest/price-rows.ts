import { upsertPriceRows, type PriceRow } from "../prices/price.repo.js";
import { bad, parseSymbolDate, type ImportSpec } from "./import-spec.js";
import { pairKey, parseDecimal } from "./row-checks.js";

export interface PriceLine {
  symbol: string;
  date: string;
  close: number;
}

/** Reason code of a close that breaks DOMAIN §1 (finite and > 0), or null. */
export function closeCode(close: number): "invalid close" | "non-positive close" | null {
  if (!Number.isFinite(close)) return "invalid close";
  return close > 0 ? null : "non-positive close";
}

/** CSV `symbol,date,close` (any column order, extra columns ignored). */
export const priceSpec: ImportSpec<PriceLine, PriceRow> = {
  kind: "prices",
  required: ["symbol", "date", "close"],
  optional: [],
  resolvesAsset: true,
  parse(fields, cols) {
    const head = parseSymbolDate(fields, cols);
    if (!head.ok) return head;
    const { symbol, date } = head.value;
    const text = fields[cols.close].trim();
    const close = parseDecimal(text);
    const code = closeCode(close);
    if (code) return bad(code, code === "invalid close" ? `close must be a finite number, got ${JSON.stringify(text)}` : `close must be > 0, got ${text}`);
    return { ok: true, value: { symbol, date, close } };
  },
  toRow: (p, assetId) => ({ assetId, date: p.date, close: p.close }),
  key: (r) => pairKey(r.assetId, r.date),
  signature: (r) => r.close,
  upsert: (db, rows) => upsertPriceRows(db, rows),
};
