import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";

/**
 * The versions of everything a public read returns: the market data (bumped by statement
 * triggers on assets, prices and market caps), the strategy (bumped by every audited change)
 * and the stored index (bumped by every recompute). Each moves in the transaction of its
 * change, so a reader that sees a version also sees the data it names.
 */
export interface DataVersions {
  readonly market: number;
  readonly strategy: number;
  readonly index: number;
}

/** All three versions in one statement (one round trip per request). A missing row reads as -1. */
export async function readDataVersions(db: Kysely<Database>): Promise<DataVersions> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom("market_data_version").select("version").where("id", "=", 1).as("market"),
      eb.selectFrom("strategy_configs").select("version").where("id", "=", 1).as("strategy"),
      eb.selectFrom("index_version").select("version").where("id", "=", 1).as("index"),
    ])
    .executeTakeFirstOrThrow();
  // int8 comes back as a string from pg and a number from PGlite.
  const n = (v: unknown) => (v === null || v === undefined ? -1 : Number(v));
  return { market: n(row.market), strategy: n(row.strategy), index: n(row.index) };
}

/** Called inside a recompute's transaction: the stored index it replaces is a new state. */
export async function bumpIndexVersion(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable("index_version")
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("id", "=", 1)
    .execute();
}

/** "market.strategy.index": equal stamps name the same data. */
export const versionStamp = (v: DataVersions): string => `${v.market}.${v.strategy}.${v.index}`;

/** True when `a` is a later state than `b` (no component older, one newer): versions only grow. */
export const isNewer = (a: DataVersions, b: DataVersions): boolean =>
  a.market >= b.market && a.strategy >= b.strategy && a.index >= b.index && versionStamp(a) !== versionStamp(b);
