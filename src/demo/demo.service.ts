import type { Kysely, Transaction } from "kysely";
import { upsertAssets } from "../assets/asset.repo.js";
import type { Database } from "../db/schema.js";
import { upsertMarketCapRows } from "../market-caps/market-cap.repo.js";
import { upsertPriceRows } from "../prices/price.repo.js";
import { generateDemoData } from "./demo-data.js";
import { allowLongStatements } from "../db/statement-timeout.js";

const CHUNK = 5000;

export interface SeedSummary {
  assets: number;
  prices: number;
  marketCaps: number;
}

/** True when the database holds no asset yet (a fresh install). */
export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom("assets").select("id").limit(1).execute()).length === 0;
}

/**
 * Loads the deterministic demo universe (src/demo/demo-data.ts) in the caller's transaction:
 * all of it or none of it. Idempotent: seeding twice changes nothing.
 */
export async function seedDemoData(trx: Transaction<Database>, seed?: number): Promise<SeedSummary> {
  const data = generateDemoData(seed === undefined ? {} : { seed });
  await allowLongStatements(trx);
  const assets = await upsertAssets(trx, data.assets);
  const idOf = new Map(assets.map((a) => [a.symbol, a.id]));
  const prices = data.prices.map((p) => ({ assetId: idOf.get(p.symbol)!, date: p.date, close: p.close }));
  for (let i = 0; i < prices.length; i += CHUNK) await upsertPriceRows(trx, prices.slice(i, i + CHUNK));
  const caps = data.marketCaps.map((m) => ({ ...m, assetId: idOf.get(m.symbol)! }));
  for (let i = 0; i < caps.length; i += CHUNK) await upsertMarketCapRows(trx, caps.slice(i, i + CHUNK));
  return { assets: assets.length, prices: prices.length, marketCaps: caps.length };
}
