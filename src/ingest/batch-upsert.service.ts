import type { Kysely, Transaction } from "kysely";
import { findAssetsBySymbols } from "../assets/asset.repo.js";
import type { Database } from "../db/schema.js";
import { badInput, type FieldProblem } from "../errors.js";
import { upsertMarketCapRows, type MarketCapRow } from "../market-caps/market-cap.repo.js";
import { upsertPriceRows, type PriceRow, type UpsertCounts } from "../prices/price.repo.js";
import { publishPricesUpdated } from "../live/topics.js";
import { recordImport } from "../metrics.js";
import { echo } from "../shared/strings.js";
import type { MarketCapInput, PriceInput } from "./ingest.inputs.js";
import { closeProblem, dateProblem, freeFloatProblem, nonNegativeProblem } from "./row-checks.js";

type Keyed = { symbol: string; date: string };
type Check<T> = (row: T) => FieldProblem[];

/**
 * Validates a whole batch from the API (size bound, every row checked, unknown symbols,
 * repeated (symbol, date) pairs), then upserts it with one set-based statement, in the
 * caller's transaction (the resolver opens it). An invalid batch is refused whole:
 * BAD_USER_INPUT listing every bad row, nothing written.
 */
async function upsertBatch<T extends Keyed, R>(
  kind: string,
  trx: Transaction<Database>,
  items: readonly T[],
  maxRows: number,
  check: Check<T>,
  toRow: (item: T, assetId: number) => R,
  upsert: (db: Kysely<Database>, rows: R[]) => Promise<UpsertCounts>,
): Promise<UpsertCounts> {
  if (items.length > maxRows)
    throw badInput(`a batch holds at most ${maxRows} rows, got ${items.length}`, [
      { field: "rows", message: `at most ${maxRows} rows` },
    ]);
  const assets = await findAssetsBySymbols(trx, [...new Set(items.map((i) => i.symbol))]);
  const ids = new Map(assets.map((a) => [a.symbol, a.id]));
  const firstRow = new Map<string, number>();
  const problems: FieldProblem[] = [];
  items.forEach((item, row) => {
    for (const p of check(item)) problems.push({ ...p, row });
    if (!ids.has(item.symbol))
      problems.push({ row, field: "symbol", message: `unknown symbol ${echo(JSON.stringify(item.symbol))}` });
    const key = `${item.symbol}|${item.date}`;
    const first = firstRow.get(key);
    if (first === undefined) firstRow.set(key, row);
    else
      problems.push({ row, field: "date", message: `(${echo(item.symbol)}, ${echo(item.date)}) repeats row ${first}` });
  });
  if (problems.length)
    throw badInput(`${problems.length} invalid row${problems.length > 1 ? "s" : ""}: nothing was written`, problems);
  const rows = items.map((i) => toRow(i, ids.get(i.symbol)!));
  const started = performance.now();
  const counts = await upsert(trx, rows);
  if (counts.written) await publishPricesUpdated(trx, "upsert", counts.written); // pricesUpdated, on commit
  recordImport(kind, (performance.now() - started) / 1000, counts);
  return counts;
}

const problemsOf = (pairs: [string, string | null][]): FieldProblem[] =>
  pairs.filter((p): p is [string, string] => p[1] !== null).map(([field, message]) => ({ field, message }));

const priceCheck: Check<PriceInput> = (p) =>
  problemsOf([
    ["date", dateProblem(p.date)],
    ["close", closeProblem(p.close)],
  ]);

const marketCapCheck: Check<MarketCapInput> = (m) =>
  problemsOf([
    ["date", dateProblem(m.date)],
    ["marketCap", nonNegativeProblem("marketCap", m.marketCap ?? null)],
    ["sharesOutstanding", nonNegativeProblem("sharesOutstanding", m.sharesOutstanding ?? null)],
    ["freeFloat", freeFloatProblem(m.freeFloat ?? null)],
    ["averageVolume", nonNegativeProblem("averageVolume", m.averageVolume ?? null)],
  ]);

export const upsertPricesBatch = (trx: Transaction<Database>, prices: readonly PriceInput[], maxRows: number) =>
  upsertBatch(
    "prices-batch",
    trx,
    prices,
    maxRows,
    priceCheck,
    (p, assetId): PriceRow => ({ assetId, date: p.date, close: p.close }),
    upsertPriceRows,
  );

export const upsertMarketCapsBatch = (trx: Transaction<Database>, rows: readonly MarketCapInput[], maxRows: number) =>
  upsertBatch(
    "market-caps-batch",
    trx,
    rows,
    maxRows,
    marketCapCheck,
    (m, assetId): MarketCapRow => ({
      assetId,
      date: m.date,
      marketCap: m.marketCap ?? null,
      sharesOutstanding: m.sharesOutstanding ?? null,
      freeFloat: m.freeFloat ?? null,
      averageVolume: m.averageVolume ?? null,
    }),
    upsertMarketCapRows,
  );
