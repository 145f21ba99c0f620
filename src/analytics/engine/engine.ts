// runEngine: the pure, synchronous, deterministic index computation (DOMAIN §1–5, §7).
// One forward pass over the trading calendar; every value for date t reads inputs dated ≤ t.
import { buildUniverse } from "./calendar.js";
import { cleanPrices } from "./cleaning.js";
import { createCapCursor } from "./market-cap.js";
import { emptyPortfolio, forcedSales, portfolioValue, rebalanceTo } from "./holdings.js";
import type { Portfolio } from "./holdings.js";
import { resolveForcedDates, scheduledDates } from "./schedule.js";
import { dateKey } from "./dates.js";
import { eligibleSet, targetWeights } from "./weights.js";
import { createRollingWindow } from "./window.js";
import type { EngineEvent, EngineInput, EngineResult, HoldingPeriod, RebalanceRecord } from "./types.js";

/**
 * The engine refuses to produce a level that is not a positive finite number (costs that eat
 * the whole value, then 0/0): a clear error instead of NaN rows that break every reader.
 */
export class EngineInvariantError extends Error {
  override name = "EngineInvariantError";
}

/** Base level of the index at the close of inception. */
export const BASE_LEVEL = 100;

export function runEngine(input: EngineInput): EngineResult {
  const cfg = input.config;
  const u = buildUniverse(input.assets, input.prices, cfg.benchmarkSymbol);
  const { nAssets: n, calendar, keys } = u;
  const D = calendar.length;
  const c = cleanPrices(u.close, D, n, cfg);
  const scheduled = scheduledDates(keys, cfg.rebalanceFrequency);
  const caps = createCapCursor(input.marketCaps, u.assetIndex, n);
  const L = cfg.momentumLookbackDays;
  const V = cfg.volatilityLookbackDays;

  const events: EngineEvent[] = [];
  const out: EngineResult = {
    calendar,
    droppedDates: u.dropped,
    inceptionDate: null,
    levels: [],
    benchmarkCloses: [],
    benchmarkAssetId: u.benchmarkIdx >= 0 ? u.assetIds[u.benchmarkIdx] : null,
    rebalances: [],
    skippedRebalances: [],
    events,
    alerts: [],
    lastRebalance: null,
    forcedRebalanceDates: resolveForcedDates(cfg.forcedRebalanceDates, cfg.forceRebalance, calendar),
    holdingPeriods: [],
    quality: { nAssets: n, assetIds: u.assetIds, price: c.price, flags: c.flags },
  };
  for (const dd of u.dropped) {
    events.push({ date: dd.date, type: "DATE_DROPPED", detail: `${dd.reason}:${dd.rows}` });
  }
  const dateIdx = new Map(calendar.map((date, d) => [date, d]));
  const forcedAt = new Uint8Array(D);
  for (const date of out.forcedRebalanceDates) {
    const d = dateIdx.get(date);
    if (d !== undefined) forcedAt[d] = 1;
    else skip(out, date, true, "NOT_A_TRADING_DATE");
  }

  const idsAscending = u.assetIds.every((id, a) => a === 0 || u.assetIds[a - 1] < id);
  const pf = emptyPortfolio(n);
  const scratch = new Float64Array(n);
  const win = createRollingWindow(c.signal, n, V); // signal returns r̃(d−V+1) … r̃(d)
  let inception = -1;
  let prevLevel = NaN;
  for (let d = 0; d < D; d++) {
    win.advance(d);
    const isForced = forcedAt[d] === 1;
    if (inception < 0) {
      const elig = eligibleSet(c, u.inUniverse, win, n, d, L, V);
      if (elig.length === 0) {
        if (isForced) skip(out, calendar[d], true, "EMPTY_ELIGIBLE_SET");
        continue;
      }
      inception = d;
      out.inceptionDate = calendar[d];
      events.push({ date: calendar[d], type: "INCEPTION" });
      record(out, d, BASE_LEVEL, prevLevel, cfg.dailyDropThreshold, c.price, n, u.benchmarkIdx);
      prevLevel = BASE_LEVEL;
      rebalance(out, pf, d, BASE_LEVEL, elig, isForced);
      continue;
    }
    const sold = forcedSales(pf, c.price, n, d);
    for (const a of sold) {
      events.push({
        date: calendar[d],
        type: "FORCED_SALE",
        assetId: u.assetIds[a],
        detail: pf.held.length > 0 ? "REDISTRIBUTED" : "CASH",
      });
    }
    if (sold.length > 0) out.holdingPeriods.push(snapshot(pf, d, "FORCED_SALE"));
    const value = portfolioValue(pf, c.price, n, d);
    record(out, d, value, prevLevel, cfg.dailyDropThreshold, c.price, n, u.benchmarkIdx);
    prevLevel = value;
    if (!scheduled[d] && !isForced) continue;
    const elig = eligibleSet(c, u.inUniverse, win, n, d, L, V);
    if (elig.length === 0) {
      if (scheduled[d]) skip(out, calendar[d], false, "EMPTY_ELIGIBLE_SET");
      if (isForced) skip(out, calendar[d], true, "EMPTY_ELIGIBLE_SET");
      continue;
    }
    rebalance(out, pf, d, value, elig, isForced);
  }
  // Stable sort: same-date events keep their processing order.
  events.sort((x, y) => dateKey(x.date) - dateKey(y.date));
  out.skippedRebalances.sort((x, y) => dateKey(x.date) - dateKey(y.date));
  return out;

  function rebalance(res: EngineResult, p: Portfolio, d: number, value: number, elig: number[], forced: boolean): void {
    const target = targetWeights(c, win, caps, keys[d], cfg, n, d, elig);
    const trade = rebalanceTo(p, c.price, n, d, value, elig, target.weights, cfg.transactionCostBps, scratch);
    if (!(value - trade.cost > 0))
      throw new EngineInvariantError(
        `rebalance at ${calendar[d]}: transaction costs of ${cfg.transactionCostBps} bps on a turnover of ` +
          `${trade.turnover} leave ${value - trade.cost} of ${value} invested; ` +
          "transactionCostBps must keep the index value positive (at most 1000 bps)",
      );
    const weights: RebalanceRecord["weights"] = [];
    for (let j = 0; j < elig.length; j++) {
      if (target.weights[j] > 0) weights.push({ assetId: u.assetIds[elig[j]], weight: target.weights[j] });
    }
    if (!idsAscending) weights.sort((x, y) => x.assetId - y.assetId);
    const rec: RebalanceRecord = {
      date: calendar[d],
      forced,
      eligibleCount: elig.length,
      turnover: trade.turnover,
      cost: trade.cost,
      weights,
      fallbacks: target.fallbacks,
    };
    res.rebalances.push(rec);
    res.lastRebalance = calendar[d];
    if (forced) events.push({ date: calendar[d], type: "FORCED_REBALANCE" });
    for (const f of target.fallbacks) events.push({ date: calendar[d], type: f });
    res.holdingPeriods.push(snapshot(p, d, "REBALANCE"));
  }

  function snapshot(p: Portfolio, d: number, kind: HoldingPeriod["kind"]): HoldingPeriod {
    const assetIds = p.held.map((a) => u.assetIds[a]);
    const units = p.held.map((a) => p.units[a]);
    return { date: calendar[d], dateIdx: d, kind, assetIds, units, cash: p.cash };
  }
}

function skip(
  res: EngineResult,
  date: string,
  forced: boolean,
  reason: "EMPTY_ELIGIBLE_SET" | "NOT_A_TRADING_DATE",
): void {
  res.skippedRebalances.push({ date, forced, reason });
  res.events.push({ date, type: forced ? "FORCED_REBALANCE_SKIPPED" : "REBALANCE_SKIPPED", detail: reason });
}

/** Stores V(d), the aligned benchmark close, and an alert when V(d)/V(d−1) − 1 ≤ threshold. */
function record(
  res: EngineResult,
  d: number,
  value: number,
  prev: number,
  threshold: number,
  price: Float64Array,
  n: number,
  bench: number,
): void {
  const date = res.calendar[d];
  if (!(Number.isFinite(value) && value > 0))
    throw new EngineInvariantError(`index level at ${date} is ${value}, not a positive finite number`);
  res.levels.push({ date, value });
  const b = bench >= 0 ? price[d * n + bench] : NaN;
  res.benchmarkCloses.push(!Number.isNaN(b) ? b : null);
  if (!Number.isNaN(prev)) {
    const r = value / prev - 1;
    if (r <= threshold) res.alerts.push({ date, dailyReturn: r });
  }
}
