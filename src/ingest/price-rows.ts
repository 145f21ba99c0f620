import { upsertPriceRows, type PriceRow } from "../prices/price.repo.js";
import { bad, parseSymbolDate, type ImportSpec } from "./import-spec.js";
import { closeIssue, pairKey, parseDecimal } from "./row-checks.js";

export interface PriceLine {
  symbol: string;
  date: string;
  close: number;
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
    const issue = closeIssue(close, Number.isFinite(close) ? text : JSON.stringify(text));
    if (issue) return bad(issue.code, issue.message);
    return { ok: true, value: { symbol, date, close } };
  },
  toRow: (p, assetId) => ({ assetId, date: p.date, close: p.close }),
  key: (r) => pairKey(r.assetId, r.date),
  signature: (r) => r.close,
  upsert: (db, rows) => upsertPriceRows(db, rows),
};
