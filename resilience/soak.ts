// Soak: a real `autoindex serve` (production mode, demo universe) first driven to its peak by a
// closed loop of concurrent clients, then held at a fraction of that peak (70 % by default)
// by an open loop for --duration seconds: mixed reads, analysis queries and writes
// (resilience/workload.ts). Reports requests, failures, p50/p99 per window, the server's RSS
// after warm-up and at the end, and checks every acknowledged write afterwards.
//
//   npm run resilience:soak -- [--duration 600] [--engine pglite|postgres] [--pg-port 55421]
//     [--peak-seconds 40] [--warmup 60] [--window 60] [--load 0.7] [--concurrency 32] [--seed 1]
//
// Fails (exit 1) on any failed request, more than --max-shed (1) % of the requests due shed
// because the server fell behind (2 × the peak concurrency outstanding), a lost or half-applied
// write, RSS growth of 10 % or more after warm-up, a p99 in the last windows above --p99-ratio
// (2) times the first ones, or a server that does not exit 0 on SIGTERM.
import { mkdtempSync, rmSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { PrivatePostgres } from "../test/helpers/private-postgres.js";
import { openTarget } from "./db-check.js";
import {
  describeAnswer,
  finishScript,
  isMain,
  privatePostgres,
  isOk,
  percentile,
  postGraphql,
  round,
  rssKiB,
  serverEnv,
  sleep,
  startServer,
  targetEnv,
  type Target,
} from "./lib.js";
import { mulberry32 } from "../src/shared/prng.js";
import { checkLedger, ledgerFailures, Workload, type OpResult } from "./workload.js";

export interface SoakOptions {
  durationS: number;
  engine: "pglite" | "postgres";
  pgPort?: number;
  peakS: number;
  warmupS: number;
  windowS: number;
  load: number;
  concurrency: number;
  seed: number;
  p99Ratio: number;
  /** Requests shed because `2 × peak concurrency` were outstanding, in % of those due, that fail the run. */
  maxShedPct: number;
  /** RSS growth after warm-up, in %, that fails the run (10). */
  rssGrowthLimitPct: number;
  log?: (line: string) => void;
}

export interface SoakWindow {
  fromS: number;
  requests: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  rssMiB: number;
}

export interface SoakReport {
  ok: boolean;
  failures: string[];
  engine: string;
  peak: {
    seconds: number;
    concurrency: number;
    requests: number;
    failed: number;
    reqPerS: number;
    levels: { concurrency: number; reqPerS: number }[];
  };
  soak: {
    seconds: number;
    targetReqPerS: number;
    achievedReqPerS: number;
    requests: number;
    failed: number;
    byKind: Record<string, number>;
    maxOutstanding: number;
    shed: number;
    failures: Record<string, number>;
  };
  windows: SoakWindow[];
  rss: { afterWarmupMiB: number; endMiB: number; growthPct: number; peakMiB: number };
  p99: { firstMs: number; lastMs: number; ratio: number };
  writes: { lostWrites: number; halfApplied: number; priceBatches: number; strategyWrites: number };
  serverErrorsLogged: number;
  exit: { code: number | null; signal: string | null; ms: number };
}

const MiB = (kib: number) => round(kib / 1024, 1);

export async function runSoak(o: SoakOptions): Promise<SoakReport> {
  const log = o.log ?? (() => {});
  const failures: string[] = [];
  let pg: PrivatePostgres | undefined;
  let dir: string | undefined;
  let target: Target;
  if (o.engine === "postgres") {
    pg = await privatePostgres(o.pgPort, true);
    target = { databaseUrl: pg.url };
  } else {
    dir = mkdtempSync(join(tmpdir(), "autoindex-soak-"));
    target = { dataDir: dir };
  }
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  try {
    const server = await startServer(
      serverEnv({ ...targetEnv(target), DATABASE_POOL_SIZE: "10", SHUTDOWN_TIMEOUT_MS: "10000" }),
      ["--demo"],
    );
    log(`server ${server.pid} at ${server.url} (${o.engine})`);
    const random = mulberry32(o.seed);
    const work = await Workload.create(server.url, { random, agent, tag: `soak-${o.seed}` });
    const initialStrategyVersion = (await openVersion(work)) ?? 0;

    // 1. Peak: closed loops of 2, 4, 8, … clients (each sends its next request on an answer), for
    // an equal share of --peak-seconds each, up to --concurrency or until throughput stops rising.
    const peakResults: OpResult[] = [];
    const levels: { concurrency: number; reqPerS: number }[] = [];
    const steps = Math.max(1, Math.ceil(Math.log2(o.concurrency)));
    let peakRate = 0;
    let peakConcurrency = 0;
    for (let c = 2; c <= Math.max(2, o.concurrency); c *= 2) {
      const stepEnd = performance.now() + (o.peakS * 1000) / steps;
      const before = peakResults.length;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: c }, async () => {
          while (performance.now() < stepEnd) peakResults.push(await work.run());
        }),
      );
      const reqPerS = (peakResults.length - before) / ((performance.now() - t0) / 1000);
      levels.push({ concurrency: c, reqPerS: round(reqPerS) });
      log(`peak: ${c} clients: ${round(reqPerS)} req/s`);
      const rising = reqPerS > peakRate * 1.05;
      if (reqPerS > peakRate) {
        peakRate = reqPerS;
        peakConcurrency = c;
      }
      if (!rising) break;
    }
    const peakFailed = peakResults.filter((r) => !r.ok);
    for (const r of peakFailed) failures.push(`peak: ${r.kind} failed: ${describeAnswer(r.answer)}`);
    log(
      `peak: ${round(peakRate)} req/s with ${peakConcurrency} clients, ` +
        `${peakFailed.length} of ${peakResults.length} failed`,
    );

    // 2. Soak: an open loop at load × peak; requests start on schedule whatever the answers do.
    const rate = Math.max(1, peakRate * o.load);
    const results: OpResult[] = [];
    const rss: { t: number; kib: number }[] = [];
    const start = performance.now();
    const end = start + o.durationS * 1000;
    let started = 0;
    let shed = 0;
    const cap = Math.max(16, 2 * peakConcurrency);
    let outstanding = 0;
    let maxOutstanding = 0;
    const inFlight = new Set<Promise<void>>();
    const sampler = setInterval(() => {
      try {
        rss.push({ t: (performance.now() - start) / 1000, kib: rssKiB(server.pid) });
      } catch {
        // the process is gone: the exit check reports it
      }
    }, 1000);
    let lastReport = start;
    while (performance.now() < end) {
      const due = Math.floor(((performance.now() - start) / 1000) * rate);
      while (started + shed < due) {
        // A server that falls behind (a busy shared host) is not buried under a growing queue:
        // beyond `cap` requests outstanding the due request is shed, counted, and reported.
        if (outstanding >= cap) {
          shed++;
          continue;
        }
        started++;
        outstanding++;
        maxOutstanding = Math.max(maxOutstanding, outstanding);
        const p = work.run().then((r) => {
          results.push(r);
          outstanding--;
        });
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      }
      if (performance.now() - lastReport > o.windowS * 1000) {
        lastReport = performance.now();
        const w = results.filter((r) => r.at >= lastReport - o.windowS * 1000);
        log(
          `t=${round((lastReport - start) / 1000, 0)} s: ${results.length} done, ` +
            `${results.filter((r) => !r.ok).length} failed, ` +
            `${shed} shed, outstanding ${outstanding}, last window p99 ${round(
              percentile(
                w.map((r) => r.answer.ms).sort((a, b) => a - b),
                99,
              ),
            )} ms, ` +
            `RSS ${MiB(rss.at(-1)?.kib ?? Number.NaN)} MiB`,
        );
      }
      await sleep(5);
    }
    await Promise.all(inFlight);
    clearInterval(sampler);
    const seconds = (performance.now() - start) / 1000;

    // 3. Windows: latency percentiles and RSS per window of the soak.
    const windows: SoakWindow[] = [];
    for (let from = 0; from < o.durationS - 1e-9; from += o.windowS) {
      const inWindow = results.filter((r) => {
        const t = (r.at - start) / 1000;
        return t >= from && t < from + o.windowS;
      });
      const ms = inWindow.map((r) => r.answer.ms).sort((a, b) => a - b);
      const samples = rss.filter((s) => s.t >= from && s.t < from + o.windowS);
      windows.push({
        fromS: from,
        requests: inWindow.length,
        failed: inWindow.filter((r) => !r.ok).length,
        p50Ms: round(percentile(ms, 50)),
        p99Ms: round(percentile(ms, 99)),
        maxMs: round(ms.at(-1) ?? Number.NaN),
        rssMiB: MiB(samples.reduce((s, x) => s + x.kib, 0) / Math.max(1, samples.length)),
      });
    }
    const failed = results.filter((r) => !r.ok);
    const shedPct = (shed / Math.max(1, started + shed)) * 100;
    if (shedPct > o.maxShedPct)
      failures.push(
        `${shed} requests (${round(shedPct)} %) shed: the server did not keep up with ${round(rate)} req/s`,
      );
    const failureKinds: Record<string, number> = {};
    for (const r of failed) {
      const key = `${r.kind}: ${describeAnswer(r.answer)}`;
      failureKinds[key] = (failureKinds[key] ?? 0) + 1;
    }
    for (const [k, n] of Object.entries(failureKinds)) failures.push(`soak: ${n} × ${k}`);
    const byKind: Record<string, number> = {};
    for (const r of results) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;

    // RSS: the mean over the first window after warm-up against the mean over the last window.
    const meanOver = (from: number, to: number) => {
      const s = rss.filter((x) => x.t >= from && x.t < to);
      return s.reduce((a, x) => a + x.kib, 0) / Math.max(1, s.length);
    };
    const afterWarmup = meanOver(o.warmupS, o.warmupS + o.windowS);
    const endRss = meanOver(o.durationS - o.windowS, o.durationS + 1);
    const growthPct = ((endRss - afterWarmup) / afterWarmup) * 100;
    if (!(growthPct < 10))
      failures.push(`RSS grew ${round(growthPct)} % after warm-up (${MiB(afterWarmup)} → ${MiB(endRss)} MiB)`);

    // p99: the first windows after warm-up against the last ones (up to three each).
    const steady = windows.filter((w) => w.fromS >= o.warmupS && w.requests > 0);
    const k = Math.max(1, Math.min(3, Math.floor(steady.length / 2)));
    const mean = (ws: SoakWindow[]) => ws.reduce((s, w) => s + w.p99Ms, 0) / Math.max(1, ws.length);
    const p99First = mean(steady.slice(0, k));
    const p99Last = mean(steady.slice(-k));
    const p99RatioMeasured = p99Last / p99First;
    if (steady.length >= 2 && !(p99RatioMeasured <= o.p99Ratio))
      failures.push(`p99 grew from ${round(p99First)} ms to ${round(p99Last)} ms (× ${round(p99RatioMeasured, 2)})`);

    // 4. Stop the server (SIGTERM) and check every write against the database.
    const stopAt = performance.now();
    server.child.kill("SIGTERM");
    const exit = await server.exited;
    const exitMs = performance.now() - stopAt;
    if (exit.code !== 0) failures.push(`serve exited ${exit.code ?? exit.signal} on SIGTERM`);
    if (server.errors.length) failures.push(`the server logged ${server.errors.length} errors: ${server.errors[0]}`);
    agent.destroy();
    const handle = await openTarget(target);
    let ledger: Awaited<ReturnType<typeof checkLedger>>;
    try {
      ledger = await checkLedger(handle.db, work.ledger, initialStrategyVersion);
    } finally {
      await handle.close();
    }
    failures.push(...ledgerFailures(ledger));

    return {
      ok: failures.length === 0,
      failures,
      engine: o.engine,
      peak: {
        seconds: o.peakS,
        concurrency: peakConcurrency,
        requests: peakResults.length,
        failed: peakFailed.length,
        reqPerS: round(peakRate),
        levels,
      },
      soak: {
        seconds: round(seconds),
        targetReqPerS: round(rate),
        achievedReqPerS: round(results.length / seconds),
        requests: results.length,
        failed: failed.length,
        byKind,
        maxOutstanding,
        shed,
        failures: failureKinds,
      },
      windows,
      rss: {
        afterWarmupMiB: MiB(afterWarmup),
        endMiB: MiB(endRss),
        growthPct: round(growthPct),
        peakMiB: MiB(Math.max(...rss.map((s) => s.kib))),
      },
      p99: { firstMs: round(p99First), lastMs: round(p99Last), ratio: round(p99RatioMeasured, 2) },
      writes: {
        lostWrites: ledger.lostWrites,
        halfApplied: ledger.halfApplied,
        priceBatches: work.ledger.prices.length,
        strategyWrites: work.ledger.strategy.length,
      },
      serverErrorsLogged: server.errors.length,
      exit: { code: exit.code, signal: exit.signal, ms: round(exitMs) },
    };
  } finally {
    agent.destroy();
    pg?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function openVersion(work: Workload): Promise<number | undefined> {
  const a = await postGraphql(work.url, `{ strategyConfig { version } }`);
  return isOk(a) ? a.body.data.strategyConfig.version : undefined;
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      duration: { type: "string", default: "600" },
      engine: { type: "string", default: "postgres" },
      "pg-port": { type: "string", default: "55421" },
      "peak-seconds": { type: "string", default: "40" },
      warmup: { type: "string" },
      window: { type: "string" },
      load: { type: "string", default: "0.7" },
      concurrency: { type: "string", default: "32" },
      seed: { type: "string", default: "1" },
      "p99-ratio": { type: "string", default: "2" },
      "max-shed": { type: "string", default: "1" },
    },
  });
  const durationS = Number(values.duration);
  const windowS = Number(values.window ?? (durationS >= 180 ? 60 : Math.max(2, Math.round(durationS / 6))));
  const report = await runSoak({
    durationS,
    engine: values.engine === "pglite" ? "pglite" : "postgres",
    pgPort: Number(values["pg-port"]),
    peakS: Number(values["peak-seconds"]),
    warmupS: Number(values.warmup ?? windowS),
    windowS,
    load: Number(values.load),
    concurrency: Number(values.concurrency),
    seed: Number(values.seed),
    p99Ratio: Number(values["p99-ratio"]),
    maxShedPct: Number(values["max-shed"]),
    rssGrowthLimitPct: 10,
    log: (line) => console.error(line),
  });
  finishScript("soak", report);
}
