// Benchmark of the uncached read path over HTTP: requests per second and server CPU per request
// for Q1 (50 assets × a year of daily closes) and other shapes. Run from the repository root:
//
//   node --import @swc-node/register/esm-register bench/read.ts \
//     [--rounds N] [--duration S] [--connections C] [--keep DIR]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import @swc-node/register/esm-register bench/read.ts
//
// It loads ../shared/data/sp500-2015-2019 (or, when absent, says so and uses the demo universe)
// into a fresh database (a PGlite folder under the temp dir, or a bench_<random> schema dropped at
// the end), recomputes the index (--keep DIR, or --keep SCHEMA on Postgres: loaded there once,
// reused after), then serves it from child processes (bench/read-server.ts, NODE_ENV=production)
// and loads each with autocannon, in interleaved rounds:
//   compiled    AutoIndex as it ships (graphql-jit behind Apollo);
//   graphql-js  the same app with Apollo's own executor: the baseline for every shape;
//   floor       node:http + ONE SQL statement that builds the whole Q1 response (Q1 only).
// Every server's answers are checked equal first (exit 1 otherwise). The table gives the median
// over rounds; CPU is the server process's user + system time (/proc) per request, peak RSS its VmHWM.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { loadConfig } from "../src/config.js";
import { createDb } from "../src/db/create-db.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { seedDemoData } from "../src/demo/demo.service.js";
import { recomputeIndex } from "../src/index/recompute.service.js";
import { importFile } from "../src/ingest/import.service.js";

interface CannonResult {
  requests: { total: number };
  duration: number;
  non2xx: number;
  errors: number;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Cannon;

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "2" },
    duration: { type: "string", default: "8" },
    connections: { type: "string", default: "8" },
    keep: { type: "string" },
  },
});
const rounds = Math.max(1, Number(args.rounds));
const duration = Math.max(1, Number(args.duration));
const connections = Math.max(1, Number(args.connections));
const ROOT = resolve(import.meta.dirname, "..");
const DATA = resolve(ROOT, "../shared/data/sp500-2015-2019");
const url = loadConfig().databaseUrl;
const schema = url ? (args.keep ?? `bench_${randomBytes(4).toString("hex")}`) : undefined;
const tmp = mkdtempSync(join(tmpdir(), "autoindex-read-"));
const dataDir = !url && args.keep ? resolve(args.keep) : join(tmp, "pglite");
let reuse = dataDir === args.keep && existsSync(join(dataDir, "PG_VERSION"));

// ---------- data ----------
const handle = await createDb({ databaseUrl: url, dataDir, schema });
let year: number;
try {
  await migrateToLatest(handle.db, schema);
  if (url && args.keep)
    reuse = (await sql<{ n: number }>`select count(*)::int as n from index_values`.execute(handle.db)).rows[0].n > 0;
  const t0 = performance.now();
  if (reuse) console.log(`reusing ${url ? `schema ${schema}` : dataDir}`);
  else if (existsSync(DATA)) {
    await handle.db.transaction().execute((trx) => importFile(trx, "assets", join(DATA, "assets.csv")));
    await handle.db.transaction().execute((trx) =>
      importFile(trx, "prices", join(DATA, "prices.csv.gz"), {
        skipInvalid: true,
        rejectedFile: join(tmp, "rejected.csv"),
      }),
    );
  } else {
    console.log(`bench: ${DATA} is absent; measuring on the demo universe instead`);
    await handle.db.transaction().execute((trx) => seedDemoData(trx));
  }
  if (!reuse) await handle.db.transaction().execute(recomputeIndex);
  const { rows } = await sql<{
    n: number;
    last: string;
  }>`select count(*)::int as n, max(date)::text as last from prices`.execute(handle.db);
  // The last whole year of data (the S&P sample ends on 2020-01-10: 2019).
  year = Number(rows[0].last.slice(0, 4)) - (rows[0].last.slice(5) < "12-01" ? 1 : 0);
  console.log(
    `${handle.engine}: ${rows[0].n} prices up to ${rows[0].last} loaded and indexed in ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
} finally {
  await handle.close(); // PGlite: the children open the folder next, one at a time
}

// ---------- shapes ----------
const [from, to] = [`${year}-01-01`, `${year}-12-31`];
const SHAPES: Record<string, string> = {
  q1: `{ assets(first: 50) { edges { node { symbol prices(from: "${from}", to: "${to}") { date close } } } } }`,
  "q1 as columns": `{ assets(first: 50) { edges { node { symbol priceSeries(from: "${from}", to: "${to}") { dates
    closes } } } } }`,
  "500 assets × 1 month": `{ assets(first: 500) { edges { node { symbol name sector prices(from: "${year}-12-01", to:
    "${to}") { date close } } } } }`,
  "market caps": `{ assets(first: 200) { edges { node { symbol marketCaps { date marketCap sharesOutstanding freeFloat
    } latestPrice { date close } } } } }`,
  "index values": `{ indexValues { date value } }`,
  "allocations + assets": `{ allocations { date weight asset { symbol name sector latestPrice { date close } } } }`,
  dashboard: `query Dashboard {
    assets(first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { node { symbol name prices(from:
      "${year}-12-01", to: "${to}") { date close } latestPrice { date close } } } }
    indexValues(from: "${year}-01-01") { date value }
    allocations { date weight asset { symbol sector } }
    holdings(date: "${year}-06-30") { date value positions { weight asset { symbol } } }
    riskMetrics(window: ONE_YEAR) { startDate endDate totalReturn volatility sharpeRatio maxDrawdown var95 }
    strategyConfig { rebalanceFrequency momentumWeight marketCapWeight riskParityWeight version }
  }`,
};

// ---------- servers ----------
interface Server {
  name: string;
  args: string[];
  shapes: string[];
}
const SERVERS: Server[] = [
  { name: "compiled", args: ["--mode", "app", "--executor", "compiled"], shapes: Object.keys(SHAPES) },
  { name: "graphql-js", args: ["--mode", "app", "--executor", "graphql-js"], shapes: Object.keys(SHAPES) },
  { name: "floor", args: ["--mode", "floor"], shapes: ["q1"] },
];

async function start(server: Server): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "@swc-node/register/esm-register", "bench/read-server.ts", ...server.args],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        JWT_SECRET: randomBytes(48).toString("base64"),
        LOG_LEVEL: "warn",
        AUTOINDEX_DATA_DIR: dataDir,
        BENCH_SCHEMA: schema ?? "",
        BENCH_FROM: from,
        BENCH_TO: to,
      },
    },
  );
  for await (const line of createInterface({ input: child.stdout! })) {
    const m = /^listening (\S+)/.exec(line);
    if (m) return { child, endpoint: m[1] };
  }
  throw new Error(`${server.name} exited before listening`);
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  await exited;
}

/** CPU seconds (user + system) the process has used so far, and its peak RSS in MiB. */
function usage(pid: number): { cpu: number; peakMiB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cpu = (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return { cpu, peakMiB: hwm ? Number(hwm[1]) / 1024 : NaN };
}

const post = (endpoint: string, query: string) =>
  fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  }).then((r) => r.json() as Promise<{ errors?: unknown }>);

// ---------- run ----------
interface Sample {
  rps: number;
  cpuMs: number;
}
const samples = new Map<string, Sample[]>(); // `${shape}|${server}`
const peaks = new Map<string, number>();
const answers = new Map<string, string>();
let mismatch = false;

try {
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? SERVERS : [...SERVERS].reverse();
    for (const server of order) {
      const { child, endpoint } = await start(server);
      try {
        for (const shape of server.shapes) {
          const body = JSON.stringify({ query: SHAPES[shape] });
          if (round === 0) {
            const answer = await post(endpoint, SHAPES[shape]);
            const text = JSON.stringify(answer);
            if (answer.errors)
              console.log(`  ${server.name} ${shape}: errors ${JSON.stringify(answer.errors).slice(0, 300)}`);
            const seen = answers.get(shape);
            if (seen === undefined) answers.set(shape, text);
            else if (seen !== text) {
              console.log(`  MISMATCH: ${server.name} answers ${shape} differently`);
              mismatch = true;
            }
          }
          const opts = {
            url: endpoint,
            method: "POST",
            headers: { "content-type": "application/json" },
            body,
            connections,
          };
          await autocannon({ ...opts, duration: 2 }); // warm-up
          const before = usage(child.pid!);
          const r = await autocannon({ ...opts, duration });
          const after = usage(child.pid!);
          if (r.non2xx || r.errors) console.log(`  ${server.name} ${shape}: ${r.non2xx} non-2xx, ${r.errors} errors`);
          const key = `${shape}|${server.name}`;
          samples.set(key, [
            ...(samples.get(key) ?? []),
            { rps: r.requests.total / r.duration, cpuMs: ((after.cpu - before.cpu) * 1000) / r.requests.total },
          ]);
          peaks.set(server.name, Math.max(peaks.get(server.name) ?? 0, after.peakMiB));
        }
      } finally {
        await stop(child);
      }
    }
    console.log(`round ${round + 1}/${rounds} done`);
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const get = (shape: string, server: string) => {
    const s = samples.get(`${shape}|${server}`);
    return s && { rps: median(s.map((x) => x.rps)), cpuMs: median(s.map((x) => x.cpuMs)) };
  };
  console.log(
    `\n${handle.engine}, autocannon -c ${connections} -d ${duration}, ${rounds} round(s), medians; ratios against ` +
      `graphql-js in the same run`,
  );
  console.log(`| shape | server | req/s | CPU-ms/req | req/s ÷ graphql-js | CPU ÷ graphql-js |`);
  console.log(`|---|---|---:|---:|---:|---:|`);
  for (const shape of Object.keys(SHAPES)) {
    const base = get(shape, "graphql-js");
    for (const server of SERVERS) {
      const s = get(shape, server.name);
      if (!s) continue;
      const ratio = (a: number, b: number | undefined) => (b ? (a / b).toFixed(2) : "");
      console.log(
        `| ${shape} | ${server.name} | ${s.rps.toFixed(1)} | ${s.cpuMs.toFixed(1)} | ${ratio(s.rps, base?.rps)} | ` +
          `${ratio(s.cpuMs, base?.cpuMs)} |`,
      );
    }
  }
  // The children run through the TypeScript loader (bench/read-server.ts): ~120 MiB that `autoindex serve` does not
  // carry.
  console.log(
    `peak RSS (MiB, TypeScript loader included): ${[...peaks].map(([n, m]) => `${n} ${m.toFixed(0)}`).join(", ")}`,
  );
  if (mismatch) {
    console.log("FAILED: the servers' answers differ (see MISMATCH above)");
    process.exitCode = 1;
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
  if (schema && !args.keep) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`).finally(() => client.end());
  }
}
