// SIGTERM under load: a real `autoindex serve` (production mode, demo universe) under many
// concurrent clients of mixed size (small and large reads, analysis queries and price writes;
// half on keep-alive connections, half opening a connection per request) gets SIGTERM while
// they run. Every request whose bytes had left the client before the signal must be answered
// in full; requests sent afterwards must be answered or refused (connection refused, the idle
// connection closed, or 503), never cut off mid-answer or failed otherwise; the process must
// exit 0 within SHUTDOWN_TIMEOUT_MS; every acknowledged write must be stored. Repeated --rounds
// times on fresh server processes over the same database.
//
//   npm run resilience:sigterm -- [--engine pglite|postgres] [--rounds 5] [--clients 48]
//     [--load-ms 3000] [--shutdown-timeout-ms 10000] [--seed 1] [--pg-port 55423]
import { mkdtempSync, rmSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { PrivatePostgres } from "../test/helpers/private-postgres.js";
import { openTarget } from "./db-check.js";
import {
  cli,
  describeAnswer,
  finishScript,
  isMain,
  isOk,
  percentile,
  postGraphql,
  privatePostgres,
  round,
  serverEnv,
  sleep,
  startServer,
  targetEnv,
  type Target,
} from "./lib.js";
import { mulberry32 } from "../src/shared/prng.js";
import { checkLedger, ledgerFailures, Workload, type Ledger, type OpResult } from "./workload.js";

export interface SigtermOptions {
  engine: "pglite" | "postgres";
  rounds: number;
  clients: number;
  loadMs: number;
  shutdownTimeoutMs: number;
  seed: number;
  pgPort?: number;
  log?: (line: string) => void;
  /** Sees the last 64 KiB of each server's output (RESILIENCE_LOG_LEVEL=info for access lines). */
  onServerExit?: (output: string, signalAt: number) => void;
}

export interface SigtermRound {
  /** Requests answered before the signal. */
  before: number;
  /** Requests the server had received and not yet answered when the signal came: all must be answered. */
  inFlight: number;
  /**
   * Requests written before the signal on connections the server had not accepted yet (still in
   * the kernel's accept queue, up to seconds on a saturated host): reset when the listener closed.
   */
  notYetAccepted: number;
  inFlightAnswered: number;
  /** The slowest of them: signal → answer, ms. */
  inFlightDrainMs: number;
  /**
   * Requests sent after the signal, by outcome: answered (they reached the server before it
   * handled the signal, or came on a connection already open), refused (ECONNREFUSED: the
   * listener is closed), closedIdle (ECONNRESET before any answer: the server closed the idle
   * connection, or a connection in the accept queue, as the request went out), 503, other.
   */
  after: { answered: number; refused: number; closedIdle: number; unavailable503: number; other: number };
  /** Signal → first refused connection, ms: when the listener was seen closed. */
  listenerClosedMs: number;
  exitCode: number | null;
  exitMs: number;
}

export interface SigtermReport {
  ok: boolean;
  failures: string[];
  engine: string;
  clients: number;
  shutdownTimeoutMs: number;
  rounds: SigtermRound[];
  totals: {
    requests: number;
    inFlightAtSignal: number;
    inFlightFailed: number;
    notYetAccepted: number;
    maxExitMs: number;
  };
  writes: { acked: number; lostWrites: number; halfApplied: number };
}

export async function runSigterm(o: SigtermOptions): Promise<SigtermReport> {
  const log = o.log ?? (() => {});
  const failures: string[] = [];
  const random = mulberry32(o.seed);
  let pg: PrivatePostgres | undefined;
  let dir: string | undefined;
  let target: Target;
  if (o.engine === "postgres") {
    pg = await privatePostgres(o.pgPort);
    target = { databaseUrl: pg.url };
  } else {
    dir = mkdtempSync(join(tmpdir(), "autoindex-sigterm-"));
    target = { dataDir: dir };
  }
  const env = serverEnv({
    ...targetEnv(target),
    SHUTDOWN_TIMEOUT_MS: String(o.shutdownTimeoutMs),
    DATABASE_POOL_SIZE: "10",
    // The access log names every request the server received (by the x-request-id sent).
    LOG_LEVEL: "info",
  });
  const rounds: SigtermRound[] = [];
  const ledger: Ledger = { prices: [], strategy: [], recomputes: [] };
  let requests = 0;
  let initialStrategyVersion = 1;
  try {
    for (const args of [["seed", "--demo"], ["recompute"]]) {
      const r = cli(env, ...args);
      if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    }
    for (let round_ = 1; round_ <= o.rounds; round_++) {
      const server = await startServer(env);
      const keepAlive = new Agent({ keepAlive: true, maxSockets: o.clients });
      // Reads, analysis and price writes (a strategy write would conflict across rounds' workloads).
      const work = await Workload.create(server.url, {
        random,
        agent: keepAlive,
        tag: `sigterm-${round_}`,
        mix: { strategy: 0, prices: 6 },
        startAfter: ledger.prices
          .map((b) => b.date)
          .sort()
          .at(-1),
      });
      const fresh = await Workload.create(server.url, {
        random,
        tag: `sigterm-${round_}-fresh`,
        agent: false,
        mix: { strategy: 0, prices: 0 },
      });
      if (round_ === 1) {
        const v = await postGraphql(server.url, `{ strategyConfig { version } }`);
        initialStrategyVersion = isOk(v) ? v.body.data.strategyConfig.version : 1;
      }
      const results: (OpResult & { fresh: boolean })[] = [];
      let signalAt = Number.POSITIVE_INFINITY;
      let stop = false;
      const clients = Array.from({ length: o.clients }, async (_, i) => {
        // Start staggered, then send continuously until refused.
        await sleep(random() * 200);
        while (!stop) {
          const r = {
            ...(await (i % 2 === 0 ? work : fresh).run(undefined, o.shutdownTimeoutMs * 3)),
            fresh: i % 2 === 1,
          };
          results.push(r);
          if (r.answer.error === "ECONNREFUSED" || (r.at > signalAt && r.answer.status === 503)) break;
          if (performance.now() - signalAt > o.shutdownTimeoutMs * 2) break;
        }
      });
      await sleep(o.loadMs);
      signalAt = performance.now();
      server.child.kill("SIGTERM");
      const exit = await server.exited;
      const exitMs = performance.now() - signalAt;
      o.onServerExit?.(server.tail(), signalAt);
      // Clients still trying see refusals now; give them a moment to notice, then stop them.
      await sleep(200);
      stop = true;
      await Promise.all(clients);
      keepAlive.destroy();
      ledger.prices.push(...work.ledger.prices);
      requests += results.length;

      const sentBefore: typeof results = results.filter(
        (r) => r.answer.sentAt !== undefined && r.answer.sentAt < signalAt,
      );
      const answeredBefore = sentBefore.filter((r) => r.at + r.answer.ms < signalAt);
      const pending = sentBefore.filter((r) => r.at + r.answer.ms >= signalAt);
      // Sent, but never received: the connection still sat in the kernel's accept queue (a busy
      // server accepts late) when the listener closed, and the kernel reset it. No server
      // code saw it; the client gets ECONNRESET before any byte, as for a refused connection.
      const neverReceived = pending.filter(
        (r) => !server.received.has(r.requestId) && r.answer.status === 0 && r.answer.error === "ECONNRESET",
      );
      const inFlight = pending.filter((r) => !neverReceived.includes(r));
      const inFlightOk = inFlight.filter((r) => isOk(r.answer));
      for (const r of [...answeredBefore, ...inFlight].filter((x) => !isOk(x.answer)))
        failures.push(
          `round ${round_}: a ${r.kind} request on ${r.fresh ? "a new" : "a keep-alive"} connection, sent ` +
            `${round(signalAt - r.answer.sentAt!, 0)} ms before SIGTERM, failed after ` +
            `${round(r.at + r.answer.ms - signalAt, 0)} ms: ${describeAnswer(r.answer)}`,
        );
      const after: SigtermRound["after"] = { answered: 0, refused: 0, closedIdle: 0, unavailable503: 0, other: 0 };
      for (const r of results.filter((x) => !sentBefore.includes(x))) {
        const a = r.answer;
        if (isOk(a)) after.answered++;
        else if (a.error === "ECONNREFUSED") after.refused++;
        // The server closed an idle keep-alive connection as the request went out: nothing was read.
        else if (a.error === "ECONNRESET" && a.status === 0) after.closedIdle++;
        else if (a.status === 503) after.unavailable503++;
        else {
          after.other++;
          failures.push(
            `round ${round_}: a ${r.kind} request sent after SIGTERM ended badly: ${describeAnswer(r.answer)}`,
          );
        }
      }
      // Once a new connection has been refused the listener is closed: no new connection may be served.
      const refusedAt = Math.min(
        ...results.filter((r) => r.answer.error === "ECONNREFUSED").map((r) => r.at + r.answer.ms),
      );
      const servedAfterClose = results.filter((r) => r.fresh && r.at > refusedAt && isOk(r.answer)).length;
      if (servedAfterClose)
        failures.push(`round ${round_}: ${servedAfterClose} new connections were served after the listener closed`);
      const drain = inFlight.map((r) => r.at + r.answer.ms - signalAt).sort((a, b) => a - b);
      if (exit.code !== 0) failures.push(`round ${round_}: serve exited ${exit.code ?? exit.signal}`);
      if (exitMs > o.shutdownTimeoutMs)
        failures.push(`round ${round_}: exit took ${round(exitMs, 0)} ms > SHUTDOWN_TIMEOUT_MS ${o.shutdownTimeoutMs}`);
      if (server.errors.length) failures.push(`round ${round_}: serve logged errors: ${server.errors[0]}`);
      const rec: SigtermRound = {
        before: answeredBefore.length,
        inFlight: inFlight.length,
        notYetAccepted: neverReceived.length,
        inFlightAnswered: inFlightOk.length,
        inFlightDrainMs: round(percentile(drain, 100), 0),
        after,
        listenerClosedMs: round(refusedAt - signalAt, 0),
        exitCode: exit.code,
        exitMs: round(exitMs, 0),
      };
      rounds.push(rec);
      log(`${o.engine} round ${round_}: ${JSON.stringify(rec)}`);
    }

    const handle = await openTarget(target);
    const check = await checkLedger(handle.db, ledger, initialStrategyVersion).finally(() => handle.close());
    failures.push(...ledgerFailures(check));
    return {
      ok: failures.length === 0,
      failures,
      engine: o.engine,
      clients: o.clients,
      shutdownTimeoutMs: o.shutdownTimeoutMs,
      rounds,
      totals: {
        requests,
        inFlightAtSignal: rounds.reduce((s, r) => s + r.inFlight, 0),
        inFlightFailed: rounds.reduce((s, r) => s + r.inFlight - r.inFlightAnswered, 0),
        notYetAccepted: rounds.reduce((s, r) => s + r.notYetAccepted, 0),
        maxExitMs: Math.max(...rounds.map((r) => r.exitMs)),
      },
      writes: { acked: check.priceBatches.acked, lostWrites: check.lostWrites, halfApplied: check.halfApplied },
    };
  } finally {
    pg?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      engine: { type: "string", default: "pglite" },
      rounds: { type: "string", default: "5" },
      clients: { type: "string", default: "48" },
      "load-ms": { type: "string", default: "3000" },
      "shutdown-timeout-ms": { type: "string", default: "10000" },
      seed: { type: "string", default: "1" },
      "pg-port": { type: "string", default: "55423" },
    },
  });
  const report = await runSigterm({
    engine: values.engine === "postgres" ? "postgres" : "pglite",
    rounds: Number(values.rounds),
    clients: Number(values.clients),
    loadMs: Number(values["load-ms"]),
    shutdownTimeoutMs: Number(values["shutdown-timeout-ms"]),
    seed: Number(values.seed),
    pgPort: Number(values["pg-port"]),
    log: (line) => console.error(line),
  });
  finishScript("sigterm", report);
}
