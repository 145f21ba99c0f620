// SIGKILL during writes: `autoindex import prices FILE` of a large CSV and `autoindex recompute`,
// each killed at random moments, on PGlite (a data directory) and on PostgreSQL (a private
// cluster started here). After every kill the database must hold the state before the command or
// the state after it, never a mix, and the next process must start without help (on PGlite the
// killed process's data-directory lock is still there and must be taken over).
//
//   npm run resilience:sigkill -- [--engine pglite|postgres|both] [--kills 6] [--days 1000] [--seed 1]
//     [--pg-port 55422]
//
// Import: file k sets every (asset, date) of --days new trading days to values unique to k; after
// a kill the stored closes of those days must be exactly file k-1's or exactly file k's.
// Recompute: each round first imports (to completion) a small change to the last 60 days, then
// kills a recompute; the derived tables' fingerprint must be the one before or the one a
// completed recompute then produces, the index invariants must hold, and index_version must
// have moved by one exactly when the fingerprint did.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { LOCK_FILE } from "../src/db/data-dir-lock.js";
import type { PrivatePostgres } from "../test/helpers/private-postgres.js";
import { indexFingerprint, indexViolations, openTarget, pricesIn } from "./db-check.js";
import {
  BIN,
  cli,
  finishScript,
  getPath,
  isMain,
  privatePostgres,
  isOk,
  onInterrupt,
  postGraphql,
  ROOT,
  round,
  serverEnv,
  startServer,
  targetEnv,
  type Target,
} from "./lib.js";
import { mulberry32 } from "../src/shared/prng.js";

export interface SigkillOptions {
  engine: "pglite" | "postgres";
  kills: number;
  days: number;
  seed: number;
  pgPort?: number;
  log?: (line: string) => void;
}

export interface KillRecord {
  /** When the kill was sent, ms after the command started, and that as a share of a full run. */
  atMs: number;
  share: number;
  /** What the database held afterwards. */
  state: "old" | "new" | "mix";
  /** The command had already exited by itself when the kill came. */
  finishedFirst: boolean;
  /** PGlite: the killed process's lock file was still there, and the next process took it over. */
  staleLock?: boolean;
}

export interface SigkillReport {
  ok: boolean;
  failures: string[];
  engine: string;
  import: { rowsPerFile: number; fullRunMs: number; kills: KillRecord[] };
  recompute: { fullRunMs: number; kills: KillRecord[] };
  nextStart: { readyMs: number; ok: boolean };
}

const STALE = " (stale lock taken over)";

const csvDays = (count: number): string[] => {
  const out: string[] = [];
  const d = new Date("2025-12-31T00:00:00Z");
  while (out.length < count) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
};

/** Runs a CLI command, SIGKILLs it after `killAfterMs`, and says whether it had finished first. */
function runAndKill(env: NodeJS.ProcessEnv, args: string[], killAfterMs: number) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
  const forget = onInterrupt(() => child.kill("SIGKILL"));
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  return new Promise<{ finishedFirst: boolean; code: number | null; stderr: string }>((resolve) => {
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, killAfterMs);
    child.once("exit", (code) => {
      forget();
      clearTimeout(timer);
      resolve({ finishedFirst: !killed, code, stderr });
    });
  });
}

export async function runSigkill(o: SigkillOptions): Promise<SigkillReport> {
  const log = o.log ?? (() => {});
  const failures: string[] = [];
  const random = mulberry32(o.seed);
  const work = mkdtempSync(join(tmpdir(), "autoindex-sigkill-"));
  let pg: PrivatePostgres | undefined;
  let target: Target;
  if (o.engine === "postgres") {
    pg = await privatePostgres(o.pgPort);
    target = { databaseUrl: pg.url };
  } else {
    target = { dataDir: join(work, "data") };
  }
  const env = serverEnv({ ...targetEnv(target), LOG_LEVEL: "error" });
  const must = (what: string, r: ReturnType<typeof cli>) => {
    if (r.status !== 0) throw new Error(`${what} exited ${r.status ?? r.signal}: ${r.stderr}`);
  };
  const lockPath = "dataDir" in target ? join(target.dataDir, LOCK_FILE) : undefined;
  const staleLock = () => (lockPath ? existsSync(lockPath) : undefined);
  try {
    must("seed", cli(env, "seed", "--demo"));
    must("recompute", cli(env, "recompute"));

    // The import files: every asset on `days` new trading days, values unique to each file.
    const handle0 = await openTarget(target);
    const symbols = (await handle0.db.selectFrom("assets").select("symbol").orderBy("symbol").execute()).map(
      (r) => r.symbol,
    );
    await handle0.close();
    const days = csvDays(o.days);
    const closeOf = (file: number, s: number, d: number) => round(50 + s + d * 0.01 + file * 0.001, 4);
    const files: string[] = [];
    const expected: Map<string, number>[] = [];
    for (let k = 0; k <= o.kills; k++) {
      const path = join(work, `prices-${k}.csv`);
      const lines = ["symbol,date,close"];
      const map = new Map<string, number>();
      for (const [s, sym] of symbols.entries())
        for (const [d, day] of days.entries()) {
          const c = closeOf(k, s, d);
          lines.push(`${sym},${day},${c}`);
          map.set(`${sym} ${day}`, c);
        }
      writeFileSync(path, `${lines.join("\n")}\n`);
      files.push(path);
      expected.push(map);
    }
    const rowsPerFile = symbols.length * days.length;
    const from = days[0]!;
    const to = days.at(-1)!;

    // 1. Import: file 0 in full (timed), then file k killed at a random moment, k = 1…kills.
    let t = performance.now();
    must("import", cli(env, "import", "prices", files[0]!));
    const importMs = performance.now() - t;
    log(`${o.engine}: import of ${rowsPerFile} rows takes ${round(importMs, 0)} ms`);
    let current = 0;
    const importKills: KillRecord[] = [];
    for (let k = 1; k <= o.kills; k++) {
      const share = 0.1 + random() * 1.1;
      const r = await runAndKill(env, ["import", "prices", files[k]!], share * importMs);
      const lockLeft = staleLock();
      const h = await openTarget(target);
      let state: KillRecord["state"] = "mix";
      try {
        const { prices } = await pricesIn(h.db, from, to);
        const same = (m: Map<string, number>) =>
          prices.size === m.size && [...m].every(([key, c]) => prices.get(key) === c);
        if (same(expected[current]!)) state = "old";
        else if (same(expected[k]!)) state = "new";
        const violations = await indexViolations(h.db);
        if (violations.length) failures.push(`import kill ${k}: index invariants broken: ${violations.join(", ")}`);
      } finally {
        await h.close();
      }
      if (state === "new") current = k;
      if (state === "mix") failures.push(`import kill ${k} at ${round(share * importMs, 0)} ms: the prices are a mix`);
      if (r.finishedFirst && r.code !== 0) failures.push(`import ${k} failed by itself: ${r.stderr}`);
      importKills.push({
        atMs: round(share * importMs, 0),
        share: round(share, 2),
        state,
        finishedFirst: r.finishedFirst,
        staleLock: lockLeft,
      });
      log(`${o.engine}: import kill ${k} at ${round(share * 100, 0)} %: ${state}${lockLeft ? STALE : ""}`);
    }

    // 2. Recompute: new inputs (60 days changed, imported in full), then a recompute killed.
    t = performance.now();
    must("recompute", cli(env, "recompute"));
    // The estimate of a full run, updated by each completed one (a shared host's speed drifts).
    let recomputeMs = performance.now() - t;
    const firstRecomputeMs = recomputeMs;
    log(`${o.engine}: a recompute takes ${round(recomputeMs, 0)} ms`);
    const recomputeKills: KillRecord[] = [];
    for (let k = 1; k <= o.kills; k++) {
      const change = join(work, `change-${k}.csv`);
      const lines = ["symbol,date,close"];
      for (const [s, sym] of symbols.entries())
        for (const [d, day] of days.slice(-60).entries())
          lines.push(`${sym},${day},${round(40 + s + d * 0.02 + k * 0.37, 4)}`);
      writeFileSync(change, `${lines.join("\n")}\n`);
      must("import change", cli(env, "import", "prices", change));
      let h = await openTarget(target);
      const before = await indexFingerprint(h.db).finally(() => h.close());

      const share = 0.1 + random() * 1.1;
      const killAt = share * recomputeMs;
      const r = await runAndKill(env, ["recompute"], killAt);
      const lockLeft = staleLock();
      h = await openTarget(target);
      let killed: Awaited<ReturnType<typeof indexFingerprint>>;
      try {
        killed = await indexFingerprint(h.db);
        const violations = await indexViolations(h.db);
        if (violations.length) failures.push(`recompute kill ${k}: index invariants broken: ${violations.join(", ")}`);
      } finally {
        await h.close();
      }
      // The state after: a recompute run to completion (a no-op on the derived rows if the killed one had committed).
      t = performance.now();
      must("recompute after the kill", cli(env, "recompute"));
      recomputeMs = performance.now() - t;
      h = await openTarget(target);
      const after = await indexFingerprint(h.db).finally(() => h.close());
      let state: KillRecord["state"] = "mix";
      if (killed.digest === before.digest && killed.version === before.version) state = "old";
      else if (killed.digest === after.digest && killed.version === before.version + 1) state = "new";
      if (before.digest === after.digest) failures.push(`recompute round ${k}: the change did not change the index`);
      if (state === "mix")
        failures.push(
          `recompute kill ${k} at ${round(killAt, 0)} ms: the index is neither the old nor the new one ` +
            `(version ${before.version} → ${killed.version}, ` +
            `digest ${killed.digest} vs ${before.digest} / ${after.digest})`,
        );
      if (r.finishedFirst && r.code !== 0) failures.push(`recompute ${k} failed by itself: ${r.stderr}`);
      recomputeKills.push({
        atMs: round(killAt, 0),
        share: round(share, 2),
        state,
        finishedFirst: r.finishedFirst,
        staleLock: lockLeft,
      });
      log(`${o.engine}: recompute kill ${k} at ${round(share * 100, 0)} %: ${state}${lockLeft ? STALE : ""}`);
    }

    // 3. A server starts on what the kills left, answers, and stops cleanly.
    const started = performance.now();
    const server = await startServer(serverEnv({ ...targetEnv(target), SHUTDOWN_TIMEOUT_MS: "10000" }));
    const readyMs = performance.now() - started;
    const ready = await getPath(server.url, "/readyz");
    const q = await postGraphql(server.url, `{ assets(first: 1) { totalCount } indexSeries { dates } }`);
    const serves = ready.status === 200 && isOk(q) && q.body.data.assets.totalCount === symbols.length;
    if (!serves) failures.push(`the next serve did not answer: readyz ${ready.status}, ${JSON.stringify(q.body)}`);
    server.child.kill("SIGTERM");
    const exit = await server.exited;
    if (exit.code !== 0) failures.push(`the next serve exited ${exit.code ?? exit.signal} on SIGTERM`);
    if (server.errors.length) failures.push(`the next serve logged errors: ${server.errors.join("\n")}`);

    return {
      ok: failures.length === 0,
      failures,
      engine: o.engine,
      import: { rowsPerFile, fullRunMs: round(importMs, 0), kills: importKills },
      recompute: { fullRunMs: round(firstRecomputeMs, 0), kills: recomputeKills },
      nextStart: { readyMs: round(readyMs, 0), ok: serves && exit.code === 0 },
    };
  } finally {
    pg?.destroy();
    rmSync(work, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      engine: { type: "string", default: "both" },
      kills: { type: "string", default: "6" },
      days: { type: "string", default: "1000" },
      seed: { type: "string", default: "1" },
      "pg-port": { type: "string", default: "55422" },
    },
  });
  const engines =
    values.engine === "both" ? (["pglite", "postgres"] as const) : [values.engine as "pglite" | "postgres"];
  const reports: SigkillReport[] = [];
  for (const engine of engines) {
    reports.push(
      await runSigkill({
        engine,
        kills: Number(values.kills),
        days: Number(values.days),
        seed: Number(values.seed),
        pgPort: Number(values["pg-port"]),
        log: (line) => console.error(line),
      }),
    );
  }
  finishScript("sigkill", {
    ok: reports.every((r) => r.ok),
    failures: reports.flatMap((r) => r.failures.map((f) => `${r.engine}: ${f}`)),
    ...Object.fromEntries(reports.map((r) => [r.engine, r])),
  });
}
