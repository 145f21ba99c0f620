import { upsertAssetRows, type AssetRow } from "../assets/asset.repo.js";
import { bad, optionalCell, type ImportSpec } from "./import-spec.js";
import { symbolProblem } from "../shared/symbols.js";

const TRUE = new Set(["true", "t", "yes", "y", "1"]);
const FALSE = new Set(["false", "f", "no", "n", "0"]);

/**
 * CSV with a `symbol` column and optional `name`, `sector`, `investable`. An absent column
 * leaves that attribute of existing assets alone; an empty cell means null (investable: true).
 */
export const assetSpec: ImportSpec<AssetRow, AssetRow> = {
  kind: "assets",
  required: ["symbol"],
  optional: ["name", "sector", "investable"],
  resolvesAsset: false,
  parse(fields, cols) {
    const symbol = fields[cols.symbol].trim();
    const symbolWhy = symbolProblem(symbol);
    if (symbolWhy) return bad("invalid symbol", symbolWhy);
    const flag = optionalCell(fields, cols.investable)?.toLowerCase() ?? null;
    if (flag !== null && !TRUE.has(flag) && !FALSE.has(flag))
      return bad("invalid investable", `investable must be true or false, got ${JSON.stringify(flag)}`);
    const investable = flag === null ? true : TRUE.has(flag);
    return {
      ok: true,
      value: { symbol, name: optionalCell(fields, cols.name), sector: optionalCell(fields, cols.sector), investable },
    };
  },
  toRow: (p) => p,
  key: (r) => r.symbol,
  signature: (r) => `${r.name}|${r.sector}|${r.investable}`,
  upsert: (db, rows, cols) =>
    upsertAssetRows(db, rows, { name: cols.name >= 0, sector: cols.sector >= 0, investable: cols.investable >= 0 }),
};
