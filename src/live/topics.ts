import type { Kysely } from "kysely";
import type { AdjustmentEntry, Database } from "../db/schema.js";
import type { StrategyConfig } from "../strategy/strategy-config.type.js";
import { appendLiveEvent } from "./live-events.repo.js";

/** The topics of live events; each is one subscription field (src/live/live.resolver.ts). */
export const LiveTopic = {
  INDEX_UPDATED: "INDEX_UPDATED",
  ALERT_RAISED: "ALERT_RAISED",
  PRICES_UPDATED: "PRICES_UPDATED",
  STRATEGY_CHANGED: "STRATEGY_CHANGED",
} as const;
export type LiveTopic = (typeof LiveTopic)[keyof typeof LiveTopic];

/** After a recompute commits: where the index stands now, and what the recompute changed. */
export interface IndexUpdatedPayload {
  latestDate: string | null;
  latestLevel: number | null;
  previousLatestDate: string | null;
  previousLatestLevel: number | null;
  tradingDates: number;
  /** The first date whose level was added, removed or changed (null: no level changed). */
  firstChangedDate: string | null;
  datesAdded: number;
  datesRemoved: number;
  datesChanged: number;
  rebalances: number;
  lastRebalance: string | null;
  strategyVersion: number;
}

/** Drop alerts a recompute raised that the stored index did not have before. */
export interface AlertRaisedPayload {
  threshold: number;
  alerts: { date: string; dailyReturn: number }[];
}

/** Prices written by an upsertPrices batch or a CSV import (only rows whose close really changed). */
export interface PricesUpdatedPayload {
  source: "upsert" | "import";
  /** Per symbol, the dates written: first, last and how many. */
  symbols: { symbol: string; from: string; to: string; rows: number }[];
  rows: number;
}

/** A strategy write: the configuration it produced and its audit entry. */
export interface StrategyChangedPayload {
  config: Omit<StrategyConfig, "updatedAt"> & { updatedAt: string };
  entry: AdjustmentEntry;
}

/** The date ranges an upsert wrote, per asset (src/prices/price.repo.ts). */
export interface WrittenRange {
  assetId: number;
  from: string;
  to: string;
  rows: number;
}

/** Merges the ranges of several batches of one import. */
export function mergeWritten(into: Map<number, WrittenRange>, ranges: readonly WrittenRange[]): void {
  for (const r of ranges) {
    const seen = into.get(r.assetId);
    if (!seen) into.set(r.assetId, { ...r });
    else {
      if (r.from < seen.from) seen.from = r.from;
      if (r.to > seen.to) seen.to = r.to;
      seen.rows += r.rows;
    }
  }
}

/** Appends pricesUpdated in the writer's transaction; nothing when no close changed. */
export async function publishPricesUpdated(
  trx: Kysely<Database>,
  source: PricesUpdatedPayload["source"],
  ranges: Iterable<WrittenRange>,
): Promise<void> {
  const byAsset = new Map([...ranges].map((r) => [r.assetId, r]));
  if (byAsset.size === 0) return;
  const assets = await trx
    .selectFrom("assets")
    .select(["id", "symbol"])
    .where("id", "=", (eb) => eb.fn.any(eb.val([...byAsset.keys()])))
    .orderBy("symbol")
    .execute();
  const symbols = assets.map((a) => {
    const r = byAsset.get(a.id)!;
    return { symbol: a.symbol, from: r.from, to: r.to, rows: r.rows };
  });
  const payload: PricesUpdatedPayload = { source, symbols, rows: symbols.reduce((n, s) => n + s.rows, 0) };
  await appendLiveEvent(trx, LiveTopic.PRICES_UPDATED, payload as unknown as Record<string, unknown>);
}

export async function publishStrategyChanged(
  trx: Kysely<Database>,
  config: StrategyConfig,
  entry: AdjustmentEntry,
): Promise<void> {
  const payload: StrategyChangedPayload = { config: { ...config, updatedAt: config.updatedAt.toISOString() }, entry };
  await appendLiveEvent(trx, LiveTopic.STRATEGY_CHANGED, payload as unknown as Record<string, unknown>);
}

/** The levels before and after a recompute, compared date by date. */
export function indexChanges(
  before: { dates: readonly string[]; values: ArrayLike<number> },
  after: readonly { date: string; value: number }[],
): Pick<IndexUpdatedPayload, "firstChangedDate" | "datesAdded" | "datesRemoved" | "datesChanged"> {
  const old = new Map<string, number>();
  for (let i = 0; i < before.dates.length; i++) old.set(before.dates[i], before.values[i]);
  let first: string | null = null;
  const note = (date: string) => {
    if (first === null || date < first) first = date;
  };
  let added = 0;
  let changed = 0;
  const kept = new Set<string>();
  for (const { date, value } of after) {
    const was = old.get(date);
    if (was === undefined) {
      added++;
      note(date);
    } else {
      kept.add(date);
      if (!Object.is(was, value)) {
        changed++;
        note(date);
      }
    }
  }
  let removed = 0;
  for (const date of old.keys())
    if (!kept.has(date)) {
      removed++;
      note(date);
    }
  return { firstChangedDate: first, datesAdded: added, datesRemoved: removed, datesChanged: changed };
}
