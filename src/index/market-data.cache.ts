import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { loadMarketData, marketDataVersion, type MarketData } from "./engine-input.repo.js";

/**
 * The engine's inputs cached per process, keyed by the database's market-data version (bumped
 * by a statement trigger on every change to assets, prices or market caps). A preview then
 * costs one tiny query plus the engine; every process sees a change at once, so the API stays
 * stateless. Entries die with their database handle (WeakMap).
 */
const cache = new WeakMap<Kysely<Database>, { version: number; data: MarketData }>();

export async function cachedMarketData(db: Kysely<Database>): Promise<MarketData> {
  // Read the version first: data loaded after it is at least that new, so a concurrent write
  // can only make the entry look older than it is (and be reloaded), never newer.
  const version = await marketDataVersion(db);
  const hit = cache.get(db);
  if (hit && hit.version === version) return hit.data;
  const data = await loadMarketData(db);
  cache.set(db, { version, data });
  return data;
}
