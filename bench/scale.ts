// Requests per second with 1 and 2 API processes (`autoindex serve --workers N`) on one
// Postgres, measured with autocannon against the real CLI, and where the limit is: the CPU
// the API processes and the whole machine spent per request.
//
//   node --import @swc-node/register/esm-register bench/scale.ts [--workers 1,2] [--seconds 10]
//        [--connections 16] [--rounds 1]
//
// Env: DATABASE_URL (default the shared postgres://postgres@127.0.0.1:5432/test). A schema of
// its own is created, seeded with the demo universe (50 assets + SPY, 2021–2025) and dropped.
// Two workloads: "uncached" (RESPONSE_CACHE=off: every request executes: a month of prices
// for 10 assets and of the index) and "cached" (the same reads answered by the response cache
// after one SQL statement for the data versions).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import pg from "pg";

interface CannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Cannon;

const { values } = parseArgs({
  options: {
    workers: { type: "string", default: "1,2" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "16" },
    rounds: { type: "string", default: "1" },
  },
});
const base = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const schema = `bench_scale_${randomBytes(4).toString("hex")}`;
const url = new URL(base);
url.searchParams.set("options", `-c search_path=${schema}`);
const env = {
  PATH: process.env.PATH,
  NODE_ENV: "production",
  JWT_SECRET: randomBytes(48).toString("base64url"),
  DATABASE_URL: url.toString(),
  LOG_LEVEL: "warn",
  PORT: "0",
};

const QUERY = `query Scale($n: Int!) {
  assets(first: $n) { edges { node { symbol prices(from: "2025-06-01", to: "2025-06-30") { date close } } } }
  indexValues(from: "2025-06-01", to: "2025-06-30") { date value }
}`;

const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`create schema ${schema}`);

function cli(args: string[]): void {
  const r = spawnSync(process.execPath, ["bin/autoindex.js", ...args], { env, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`autoindex ${args.join(" ")} exited ${r.status}`);
}

/** Jiffies of CPU (user + system) of a process and its children that were waited for. */
function cpuTicks(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(f[11]) + Number(f[12]); // utime, stime
}
/** Busy and total jiffies of the whole machine (all cores). */
function machineTicks(): { busy: number; total: number } {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3]! + f[4]!;
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

async function serve(
  workers: number,
  extra: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; pids: () => number[] }> {
  const child = spawn(process.execPath, ["bin/autoindex.js", "serve", "--workers", String(workers)], {
    env: { ...env, ...extra },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  const found = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (c: Buffer) => {
      out += c;
      const m = /GraphQL API:\s+(http:\/\/\S+)\/graphql/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  // The processes serving: the primary and its workers (children).
  const pids = () => {
    const kids = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim();
    return [child.pid!, ...(kids ? kids.split(/\s+/).map(Number) : [])];
  };
  // Every worker up (a cluster announces the first one).
  const until = Date.now() + 60_000;
  while (workers > 1 && pids().length < workers + 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1500));
  return { child, url: found, pids };
}

interface Row {
  workload: string;
  workers: number;
  rps: number;
  p50: number;
  p99: number;
  apiCpuMsPerReq: number;
  machineBusy: number;
  errors: number;
}

async function measure(workload: string, workers: number, extra: Record<string, string>): Promise<Row> {
  const s = await serve(workers, extra);
  try {
    const body = (i: number) => JSON.stringify({ query: QUERY, variables: { n: 10 + (i % 2) } });
    const fire = (seconds: number) =>
      autocannon({
        url: `${s.url}/graphql`,
        method: "POST",
        connections: Number(values.connections),
        duration: seconds,
        headers: { "content-type": "application/json", "apollo-require-preflight": "1" },
        requests: [
          {
            setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body(Math.floor(Math.random() * 2)) }),
          },
        ],
      });
    await fire(2); // warm: compiled queries, pools, JIT
    const pids = s.pids();
    const cpu0 = pids.reduce((a, p) => a + cpuTicks(p), 0);
    const m0 = machineTicks();
    const r = await fire(Number(values.seconds));
    const cpu1 = pids.reduce((a, p) => a + cpuTicks(p), 0);
    const m1 = machineTicks();
    const tick = 1000 / 100; // ms per jiffy (USER_HZ = 100)
    return {
      workload,
      workers,
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      apiCpuMsPerReq: ((cpu1 - cpu0) * tick) / Math.max(r.requests.total, 1),
      machineBusy: (m1.busy - m0.busy) / (m1.total - m0.total),
      errors: r.errors + r.non2xx,
    };
  } finally {
    s.child.kill("SIGTERM");
    await new Promise((r) => s.child.once("exit", r));
  }
}

try {
  console.log(`seeding the demo universe into ${schema} …`);
  cli(["seed", "--demo"]);
  cli(["recompute"]);
  // What the machine is doing without this benchmark (other work on the same cores).
  const idle0 = machineTicks();
  await new Promise((r) => setTimeout(r, 3000));
  const idle1 = machineTicks();
  const before = (idle1.busy - idle0.busy) / (idle1.total - idle0.total);
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  console.log(`before the runs: machine CPU ${(before * 100).toFixed(0)} % busy, load average ${load}`);
  const rows: Row[] = [];
  const counts = values.workers!.split(",").map(Number);
  for (let round = 0; round < Number(values.rounds); round++)
    for (const [workload, extra] of [
      ["uncached", { RESPONSE_CACHE: "off" }],
      ["cached", {}],
    ] as const)
      for (const n of counts) {
        const row = await measure(workload, n, extra);
        rows.push(row);
        console.log(JSON.stringify(row));
      }
  console.log(
    `\n${cpus().length} cores (${cpus()[0]?.model}); autocannon -c ${values.connections}, ${values.seconds} s`,
  );
  console.log("| workload | processes | req/s | p50 ms | p99 ms | API CPU ms/req | machine CPU busy | errors |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const w of ["uncached", "cached"])
    for (const n of counts) {
      const mine = rows.filter((r) => r.workload === w && r.workers === n).sort((a, b) => a.rps - b.rps);
      const r = mine[Math.floor(mine.length / 2)]!;
      console.log(
        `| ${w} | ${n} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.apiCpuMsPerReq.toFixed(2)} | ` +
          `${(r.machineBusy * 100).toFixed(0)} % | ${r.errors} |`,
      );
    }
  for (const w of ["uncached", "cached"]) {
    const one = rows.find((r) => r.workload === w && r.workers === 1);
    const two = rows.find((r) => r.workload === w && r.workers === 2);
    if (one && two) console.log(`${w}: 2 processes / 1 process = ${(two.rps / one.rps).toFixed(2)}×`);
  }
} finally {
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
}
