// A mixed load on a server holding the demo universe: cached and uncached reads, analysis
// queries and writes that touch several rows atomically, with a ledger of every write and
// what the client was told about it, and the checks that prove no acknowledged write was lost
// and none was half-applied.
import { sql, type Kysely } from "kysely";
import type { Agent } from "node:http";
import type { Database } from "../src/db/schema.js";
import { errorCode, isOk, postGraphql, type Answer } from "./lib.js";

export type OpKind = "read" | "chart" | "analysis" | "index" | "prices" | "strategy" | "recompute";

/** Relative weights of the operations in the mix (writes are a few per cent, as in production). */
export const DEFAULT_MIX: Record<OpKind, number> = {
  read: 35,
  chart: 22,
  analysis: 22,
  index: 15,
  prices: 4,
  strategy: 2,
  recompute: 0,
};

const DASHBOARD = `query Dashboard {
  assets(first: 5) { totalCount edges { node { symbol latestPrice { date close } } } }
  strategyConfig { version rebalanceFrequency }
  indexValues(from: "2025-12-01") { date value }
}`;
const CHART = `query Chart($first: Int!, $from: Date!, $to: Date!) {
  assets(first: $first) { edges { node { symbol priceSeries(from: $from, to: $to) { dates closes } } } }
}`;
const RISK = `query Risk($window: MetricWindow!) {
  riskMetrics(window: $window) { startDate endDate totalReturn volatility sharpeRatio maxDrawdown var95 }
}`;
const BENCH = `query Bench($from: Date!) {
  benchmarkComparison(from: $from) { benchmarkSymbol active { excessReturn trackingError beta correlation } }
}`;
const SIMULATE = `query Simulate($amount: Float!, $from: Date!) {
  simulateInvestment(amount: $amount, from: $from) { amount endDate annualizedReturn }
}`;
const ANALYZE = `query Analyze($returns: [Float]!) {
  analyzeReturns(returns: $returns) { volatility sharpeRatio maxDrawdown }
}`;
const INDEX_SERIES = `query Series($from: Date!) { indexSeries(from: $from) { dates values } }`;
const ALLOCATIONS = `query Allocations($date: Date!) {
  allocations(date: $date) { date weight asset { symbol sector } }
  holdings(date: $date) { date value positions { weight asset { symbol } } }
}`;
const UPSERT = `mutation Upsert($prices: [PriceInput!]!) {
  upsertPrices(prices: $prices) { inserted updated unchanged }
}`;
const STRATEGY = `mutation Strategy($v: Int!, $bps: Float!, $reason: String!) {
  updateStrategyConfig(expectedVersion: $v, input: { transactionCostBps: $bps }, reason: $reason) {
    config { version transactionCostBps } adjustment { reason }
  }
}`;
const RECOMPUTE = `mutation Recompute { recomputeIndex { latestDate latestLevel rebalances } }`;
const WINDOWS = ["ONE_MONTH", "THREE_MONTHS", "YTD", "ONE_YEAR", "THREE_YEARS", "ALL"];
const YEARS = [2021, 2022, 2023, 2024, 2025];

/** A price batch: one new trading day of closes for every asset, written in one statement. */
export interface PriceBatch {
  date: string;
  closes: Record<string, number>;
  /** true: the server answered success; false: it answered an error or no answer came. */
  acked: boolean;
  answer?: string;
}

export interface StrategyWrite {
  reason: string;
  bps: number;
  acked: boolean;
  /** The version the server reported for an acknowledged write. */
  version?: number;
  answer?: string;
}

export interface Ledger {
  prices: PriceBatch[];
  strategy: StrategyWrite[];
  recomputes: { acked: boolean; answer?: string }[];
}

export interface OpResult {
  kind: OpKind;
  answer: Answer;
  ok: boolean;
  /** When the request started (performance.now()). */
  at: number;
  /** The operation needs no database (analyzeReturns computes on the caller's numbers). */
  dbFree?: boolean;
  /** The x-request-id it was sent with (the server's access log names it). */
  requestId: string;
}

const describe = (a: Answer) => (a.status ? `${a.status} ${errorCode(a) ?? ""}`.trim() : (a.error ?? "no answer"));

/** Weekdays from a start date (exclusive), as YYYY-MM-DD. */
function* weekdaysAfter(start: string): Generator<string> {
  const d = new Date(`${start}T00:00:00Z`);
  for (;;) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) yield d.toISOString().slice(0, 10);
  }
}

/**
 * Generates the operations of the mix against a server. Strategy writes are serialised (one in
 * flight, optimistic version from the last answer) so that a CONFLICT means a real problem.
 */
export class Workload {
  readonly ledger: Ledger = { prices: [], strategy: [], recomputes: [] };
  private readonly kinds: OpKind[] = [];
  private readonly dates: Generator<string>;
  private lastClose: Record<string, number> = {};
  private strategyVersion = 0;
  private strategyBusy = false;
  private recomputeBusy = false;
  private writes = 0;
  private requests = 0;

  private constructor(
    readonly url: string,
    readonly symbols: string[],
    lastDate: string,
    mix: Record<OpKind, number>,
    private readonly random: () => number,
    private readonly agent: Agent | false | undefined,
    private readonly tag: string,
  ) {
    for (const [kind, weight] of Object.entries(mix)) for (let i = 0; i < weight; i++) this.kinds.push(kind as OpKind);
    this.dates = weekdaysAfter(lastDate);
  }

  /** Reads the universe, the last price date and the strategy version from the server. */
  static async create(
    url: string,
    options: {
      mix?: Partial<Record<OpKind, number>>;
      random: () => number;
      /** Keep-alive connections from this agent; false: a new connection per request. */
      agent?: Agent | false;
      tag?: string;
      /** Write no price day at or before this date (days an earlier workload used, even if not stored). */
      startAfter?: string;
    },
  ): Promise<Workload> {
    const a = await postGraphql(
      url,
      `{ assets(first: 100) { edges { node { symbol latestPrice { date close } } } } strategyConfig { version } }`,
      {},
      { agent: options.agent },
    );
    if (!isOk(a)) throw new Error(`cannot read the universe: ${JSON.stringify(a.body)}`);
    const nodes = a.body.data.assets.edges.map((e: any) => e.node) as {
      symbol: string;
      latestPrice: { date: string; close: number } | null;
    }[];
    const lastDate = nodes.reduce(
      (m, n) => (n.latestPrice && n.latestPrice.date > m ? n.latestPrice.date : m),
      options.startAfter ?? "",
    );
    const w = new Workload(
      url,
      nodes.map((n) => n.symbol),
      lastDate,
      { ...DEFAULT_MIX, ...options.mix },
      options.random,
      options.agent,
      options.tag ?? `load-${Date.now().toString(36)}`,
    );
    for (const n of nodes) w.lastClose[n.symbol] = n.latestPrice?.close ?? 100;
    w.strategyVersion = a.body.data.strategyConfig.version;
    return w;
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.random() * xs.length)]!;
  }

  /** The next operation's kind; a serialised write already in flight falls back to a read. */
  nextKind(): OpKind {
    const kind = this.pick(this.kinds);
    if (kind === "strategy" && this.strategyBusy) return "read";
    if (kind === "recompute" && this.recomputeBusy) return "index";
    return kind;
  }

  /** Runs one operation of the mix (or of the kind given) and records it. */
  async run(kind: OpKind = this.nextKind(), timeoutMs = 60_000): Promise<OpResult> {
    const at = performance.now();
    const requestId = `${this.tag}-${++this.requests}`;
    const o = { agent: this.agent, timeoutMs, headers: { "x-request-id": requestId } };
    const year = this.pick(YEARS);
    let answer: Answer;
    let dbFree = false;
    switch (kind) {
      case "read":
        answer = await postGraphql(this.url, DASHBOARD, {}, o);
        break;
      case "chart": {
        const month = 1 + Math.floor(this.random() * 12);
        const from = `${year}-${String(month).padStart(2, "0")}-01`;
        const first = this.pick([5, 10, 20]);
        answer = await postGraphql(this.url, CHART, { first, from, to: `${year}-12-31` }, o);
        break;
      }
      case "analysis": {
        const which = Math.floor(this.random() * 4);
        if (which === 0) answer = await postGraphql(this.url, RISK, { window: this.pick(WINDOWS) }, o);
        else if (which === 1) answer = await postGraphql(this.url, BENCH, { from: `${year}-01-01` }, o);
        else if (which === 2)
          answer = await postGraphql(
            this.url,
            SIMULATE,
            {
              amount: Math.round(1000 + this.random() * 9000),
              from: `${year}-0${1 + Math.floor(this.random() * 9)}-01`,
            },
            o,
          );
        else {
          const returns = Array.from({ length: 252 }, () => Math.round((this.random() - 0.5) * 400) / 10_000);
          dbFree = true;
          answer = await postGraphql(this.url, ANALYZE, { returns }, o);
        }
        break;
      }
      case "index":
        answer =
          this.random() < 0.5
            ? await postGraphql(this.url, INDEX_SERIES, { from: `${year}-01-01` }, o)
            : await postGraphql(this.url, ALLOCATIONS, { date: `${year}-06-30` }, o);
        break;
      case "prices":
        answer = await this.writePrices(o);
        break;
      case "strategy":
        answer = await this.writeStrategy(o);
        break;
      case "recompute":
        answer = await this.recompute(o);
        break;
    }
    return { kind, answer, ok: isOk(answer), at, dbFree, requestId };
  }

  private async writePrices(o: {
    agent?: Agent | false;
    timeoutMs: number;
    headers: Record<string, string>;
  }): Promise<Answer> {
    const date = this.dates.next().value as string;
    const closes: Record<string, number> = {};
    for (const s of this.symbols) {
      const next = Math.round(this.lastClose[s]! * (1 + (this.random() - 0.5) * 0.02) * 10_000) / 10_000;
      closes[s] = Math.max(1.5, next);
      this.lastClose[s] = closes[s]!;
    }
    const batch: PriceBatch = { date, closes, acked: false };
    this.ledger.prices.push(batch);
    const prices = Object.entries(closes).map(([symbol, close]) => ({ symbol, date, close }));
    const answer = await postGraphql(this.url, UPSERT, { prices }, { ...o, admin: true });
    batch.acked = isOk(answer) && answer.body.data.upsertPrices.inserted === prices.length;
    if (!batch.acked) batch.answer = describe(answer);
    return answer;
  }

  private async writeStrategy(o: {
    agent?: Agent | false;
    timeoutMs: number;
    headers: Record<string, string>;
  }): Promise<Answer> {
    this.strategyBusy = true;
    try {
      const n = ++this.writes;
      const write: StrategyWrite = { reason: `${this.tag} strategy write ${n}`, bps: 1 + (n % 20), acked: false };
      this.ledger.strategy.push(write);
      const answer = await postGraphql(
        this.url,
        STRATEGY,
        { v: this.strategyVersion, bps: write.bps, reason: write.reason },
        { ...o, admin: true },
      );
      if (isOk(answer)) {
        write.acked = true;
        write.version = answer.body.data.updateStrategyConfig.config.version;
        this.strategyVersion = write.version!;
      } else {
        write.answer = describe(answer);
        // The write may have committed without an answer: read the version again before the next one.
        const v = await postGraphql(this.url, `{ strategyConfig { version } }`, {}, { ...o, headers: {} });
        if (isOk(v)) this.strategyVersion = v.body.data.strategyConfig.version;
      }
      return answer;
    } finally {
      this.strategyBusy = false;
    }
  }

  private async recompute(o: {
    agent?: Agent | false;
    timeoutMs: number;
    headers: Record<string, string>;
  }): Promise<Answer> {
    this.recomputeBusy = true;
    try {
      const entry: Ledger["recomputes"][number] = { acked: false };
      this.ledger.recomputes.push(entry);
      const answer = await postGraphql(this.url, RECOMPUTE, {}, { ...o, admin: true });
      entry.acked = isOk(answer);
      if (!entry.acked) entry.answer = describe(answer);
      return answer;
    } finally {
      this.recomputeBusy = false;
    }
  }
}

export interface LedgerCheck {
  priceBatches: { acked: number; unacked: number; unackedApplied: number };
  strategyWrites: { acked: number; unacked: number; unackedApplied: number };
  /** Acknowledged writes missing or different in the database: must be 0. */
  lostWrites: number;
  /** Writes applied in part: must be 0. */
  halfApplied: number;
  problems: string[];
}

/** A ledger check's findings as failure lines: lost and half-applied writes, then the first ten problems. */
export function ledgerFailures(check: LedgerCheck): string[] {
  const failures: string[] = [];
  if (check.lostWrites) failures.push(`${check.lostWrites} acknowledged writes lost`);
  if (check.halfApplied) failures.push(`${check.halfApplied} writes half-applied`);
  return [...failures, ...check.problems.slice(0, 10)];
}

/**
 * Compares the ledger with the database: every acknowledged write is there whole, every other
 * one whole or not at all.
 */
export async function checkLedger(db: Kysely<Database>, ledger: Ledger, initialStrategyVersion: number) {
  const problems: string[] = [];
  let lost = 0;
  let half = 0;
  const dates = ledger.prices.map((b) => b.date);
  const rows = dates.length
    ? (
        await sql<{ symbol: string; date: string; close: number }>`
          select a.symbol, p.date::text as date, p.close from prices p join assets a on a.id = p.asset_id
          where p.date = any(${dates}::date[])`.execute(db)
      ).rows
    : [];
  const stored = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!stored.has(r.date)) stored.set(r.date, new Map());
    stored.get(r.date)!.set(r.symbol, Number(r.close));
  }
  let unackedPricesApplied = 0;
  for (const b of ledger.prices) {
    const have = stored.get(b.date) ?? new Map<string, number>();
    const want = Object.entries(b.closes);
    const matching = want.filter(([s, c]) => have.get(s) === c).length;
    if (b.acked && matching !== want.length) {
      lost++;
      problems.push(`acknowledged price batch ${b.date}: ${matching}/${want.length} rows stored`);
    }
    if (have.size !== 0 && (have.size !== want.length || matching !== want.length)) {
      half++;
      problems.push(`price batch ${b.date} half-applied: ${have.size} rows, ${matching} matching of ${want.length}`);
    }
    if (!b.acked && matching === want.length) unackedPricesApplied++;
  }

  const strategy = (
    await sql<{ version: number; bps: number; history: { reason: string; version?: number; changes: any }[] }>`
      select version, transaction_cost_bps as bps, adjustment_history as history from strategy_configs`.execute(db)
  ).rows[0]!;
  const history = typeof strategy.history === "string" ? JSON.parse(strategy.history) : strategy.history;
  const byReason = new Map(history.map((e: { reason: string; version?: number }) => [e.reason, e]));
  let unackedStrategyApplied = 0;
  for (const w of ledger.strategy) {
    const entry = byReason.get(w.reason) as { version?: number } | undefined;
    if (w.acked && (!entry || entry.version !== w.version)) {
      lost++;
      problems.push(`acknowledged strategy write "${w.reason}" (version ${w.version}) is not in the audit trail`);
    }
    if (!w.acked && entry) unackedStrategyApplied++;
  }
  // Every version bump has its audit entry and no entry lacks its bump: versions are contiguous.
  const versions = history.map((e: { version?: number }) => e.version).filter((v: unknown) => typeof v === "number");
  const added = versions.filter((v: number) => v > initialStrategyVersion);
  if (strategy.version !== initialStrategyVersion + added.length) {
    half++;
    problems.push(
      `strategy version ${strategy.version} but ${added.length} audit entries since version ${initialStrategyVersion}`,
    );
  }
  for (let i = 0; i < added.length; i++) {
    if (added[i] !== initialStrategyVersion + i + 1) {
      half++;
      problems.push(`audit entry ${i} has version ${added[i]}, expected ${initialStrategyVersion + i + 1}`);
      break;
    }
  }
  const last = history[history.length - 1];
  if (last && added.length && Number(strategy.bps) !== last.changes?.transactionCostBps?.to) {
    half++;
    problems.push(`transaction_cost_bps ${strategy.bps} but the last audit entry set ${JSON.stringify(last.changes)}`);
  }
  const check: LedgerCheck = {
    priceBatches: {
      acked: ledger.prices.filter((b) => b.acked).length,
      unacked: ledger.prices.filter((b) => !b.acked).length,
      unackedApplied: unackedPricesApplied,
    },
    strategyWrites: {
      acked: ledger.strategy.filter((w) => w.acked).length,
      unacked: ledger.strategy.filter((w) => !w.acked).length,
      unackedApplied: unackedStrategyApplied,
    },
    lostWrites: lost,
    halfApplied: half,
    problems,
  };
  return check;
}
