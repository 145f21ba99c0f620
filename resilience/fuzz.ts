// Fuzzes a real server process (`node bin/autoindex.js serve --demo`, NODE_ENV unset, on demo
// data) with GraphQL documents generated from the schema, valid and mutated, as anonymous, user
// and admin, then with malformed HTTP; prints the outcomes by kind and code, the 5xx count, the
// crashes, the server's error log lines, its RSS before/after/peak and the duration.
//
//   npm run fuzz                                  # PGlite in a temp dir, 10,000 documents, random seed
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run fuzz
//                                                 # PostgreSQL: a private database, dropped at the end
//   npm run fuzz -- --seed 42 --count 2000 --concurrency 4
//   npm run fuzz -- --seed 42 --from 1234 --count 1   # replay one case of a run
//   npm run fuzz -- --http-only | --no-http | --json report.json
//   npm run fuzz -- --server-heap-mib 256         # the server's V8 old space capped: a leak
//                                                 # becomes an out-of-memory crash, not a slow climb
//
// Exit code 1 when any case broke a rule (a 5xx, INTERNAL_SERVER_ERROR, a refusal without a JSON
// body or a stable code, no answer where one is due) or the server crashed; each failure is
// printed with its case index and the case shrunk to a small one that still fails.
import "reflect-metadata";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { getSchema } from "../src/graphql/schema.js";
import { GraphQLClient, type Credentials } from "./fuzz-client.js";
import { describeCase, runDocuments, runHttpCases, type Tally } from "./fuzz-run.js";

const ROOT = resolve(import.meta.dirname, "..");
const { values: opts } = parseArgs({
  options: {
    seed: { type: "string" },
    count: { type: "string", default: "10000" },
    from: { type: "string", default: "0" },
    concurrency: { type: "string", default: "4" },
    mutated: { type: "string", default: "0.5" },
    port: { type: "string" },
    "http-only": { type: "boolean", default: false },
    "no-http": { type: "boolean", default: false },
    "no-shrink": { type: "boolean", default: false },
    json: { type: "string" },
    "server-heap-mib": { type: "string" },
  },
});
const SEED = opts.seed !== undefined ? Number(opts.seed) >>> 0 : randomBytes(4).readUInt32LE();
const COUNT = opts["http-only"] ? 0 : Number(opts.count);
const CONCURRENCY = Number(opts.concurrency);
const SERVER_HEAP_MIB = opts["server-heap-mib"] ? Number(opts["server-heap-mib"]) : undefined;
const JWT_SECRET = randomBytes(48).toString("base64url");
const ADMIN_TOKEN = randomBytes(36).toString("base64url");
const PASSWORD = "a perfectly fine passphrase for fuzzing";
// Short HTTP timeouts, so the slow-client cases end in seconds (the defaults are 15/30/10 s).
const LIMITS = {
  headersTimeoutMs: 3000,
  requestTimeoutMs: 8000,
  bodyIdleTimeoutMs: 2000,
  maxBodyBytes: 2 * 1024 * 1024,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kib("VmRSS") / 1024, hwm: kib("VmHWM") / 1024 };
}

// ---------- the database ----------
const pgUrl = process.env.DATABASE_URL;
const dbName = `autoindex_fuzz_${randomBytes(4).toString("hex")}`;
const dataDir = mkdtempSync(join(tmpdir(), "autoindex-fuzz-"));
let serverDbUrl: string | undefined;

async function admin(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

async function prepareDatabase(): Promise<void> {
  if (!pgUrl) return;
  await admin(`create database ${dbName}`);
  const url = new URL(pgUrl);
  url.pathname = `/${dbName}`;
  serverDbUrl = url.toString();
}

async function dropDatabase(): Promise<void> {
  if (pgUrl) await admin(`drop database if exists ${dbName} with (force)`).catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
}

function serverEnv(port: number): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: undefined,
    PORT: String(port),
    HOST: "127.0.0.1",
    JWT_SECRET,
    ADMIN_TOKEN,
    DATABASE_URL: serverDbUrl,
    AUTOINDEX_DATA_DIR: dataDir,
    LOG_LEVEL: "info",
    // The run outlasts the default 15-minute access token.
    ACCESS_TOKEN_TTL_SECONDS: "86400",
    HTTP_HEADERS_TIMEOUT_MS: String(LIMITS.headersTimeoutMs),
    HTTP_REQUEST_TIMEOUT_MS: String(LIMITS.requestTimeoutMs),
    HTTP_BODY_IDLE_TIMEOUT_MS: String(LIMITS.bodyIdleTimeoutMs),
    HTTP_MAX_BODY_BYTES: String(LIMITS.maxBodyBytes),
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env as NodeJS.ProcessEnv;
}

function createUser(port: number, email: string, isAdmin: boolean): void {
  const run = spawnSync(
    process.execPath,
    ["bin/autoindex.js", "users", "create", "--email", email, "--password-stdin", ...(isAdmin ? ["--admin"] : [])],
    { cwd: ROOT, env: serverEnv(port), input: `${PASSWORD}\n`, encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`users create ${email} failed: ${run.stderr}`);
}

interface Server {
  child: ChildProcess;
  /** Error-level (and worse) log lines, and how many. */
  errorLines: string[];
  errorCount: number;
  exit?: { code: number | null; signal: string | null };
}

async function startServer(port: number): Promise<Server> {
  const heapCap = SERVER_HEAP_MIB ? [`--max-old-space-size=${SERVER_HEAP_MIB}`] : [];
  const child = spawn(process.execPath, [...heapCap, "bin/autoindex.js", "serve", "--demo"], {
    cwd: ROOT,
    env: serverEnv(port),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const server: Server = { child, errorLines: [], errorCount: 0 };
  let pending = "";
  const onLine = (line: string) => {
    let level = 0;
    try {
      level = (JSON.parse(line) as { level?: number }).level ?? 0;
    } catch {
      level = /error|exception/i.test(line) ? 50 : 0;
    }
    if (level >= 50) {
      server.errorCount++;
      if (server.errorLines.length < 20) server.errorLines.push(line.slice(0, 2000));
    }
  };
  const feed = (c: Buffer) => {
    pending += c.toString();
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const l of lines) if (l.trim()) onLine(l);
  };
  child.stdout!.on("data", feed);
  child.stderr!.on("data", feed);
  child.on("exit", (code, signal) => (server.exit = { code, signal }));
  const client = new GraphQLClient(`http://127.0.0.1:${port}`, { user: "", admin: "" }, 1, 2000);
  try {
    for (let i = 0; i < 900; i++) {
      if (server.exit)
        throw new Error(`server exited ${server.exit.code} before serving:\n${server.errorLines.join("\n")}`);
      if ((await client.request("GET", "/healthz", {})).status === 200) return server;
      await sleep(200);
    }
  } finally {
    client.close();
  }
  throw new Error("server did not become healthy within 180 s");
}

async function login(base: string, email: string): Promise<string> {
  const client = new GraphQLClient(base, { user: "", admin: "" }, 1);
  try {
    const answer = await client.send(
      {
        kind: "valid",
        role: "anonymous",
        method: "POST",
        payload: {
          query: "mutation($i: CredentialsInput!) { login(input: $i) { accessToken } }",
          variables: { i: { email, password: PASSWORD } },
        },
      },
      0,
    );
    const token = JSON.parse(answer.body)?.data?.login?.accessToken;
    if (typeof token !== "string") throw new Error(`login ${email} failed: ${answer.body}`);
    return token;
  } finally {
    client.close();
  }
}

/** The server's V8 heap in use and its external memory (PGlite's WebAssembly memory, buffers), from /metrics. */
async function heapOf(base: string): Promise<{ heap: number; external: number }> {
  const client = new GraphQLClient(base, { user: "", admin: "" }, 1, 10_000);
  try {
    const { body } = await client.request("GET", "/metrics", { "x-admin-token": ADMIN_TOKEN });
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, "m").exec(body)?.[1] ?? NaN) / 2 ** 20;
    return {
      heap: value("autoindex_nodejs_heap_size_used_bytes"),
      external: value("autoindex_nodejs_external_memory_bytes"),
    };
  } finally {
    client.close();
  }
}

// ---------- report ----------
const fmt = (n: number) => n.toLocaleString("en-US");
const mib = (n: number) => `${n.toFixed(0)} MiB`;

function printTally(title: string, t: Tally): void {
  console.log(
    `\n${title}: ${fmt(t.total)} in ${(t.durationMs / 1000).toFixed(1)} s, slowest ${fmt(Math.round(t.maxMs))} ms`,
  );
  for (const [outcome, n] of Object.entries(t.byOutcome).sort((a, b) => b[1] - a[1]))
    console.log(`  ${String(fmt(n)).padStart(7)}  ${outcome}`);
  console.log("  by kind:");
  for (const [kind, outcomes] of Object.entries(t.byKind).sort()) {
    const total = Object.values(outcomes).reduce((a, b) => a + b, 0);
    const top = Object.entries(outcomes)
      .sort((a, b) => b[1] - a[1])
      .map(([o, n]) => `${o} ×${n}`)
      .join(", ");
    console.log(
      `    ${kind.padEnd(20)} ${String(total).padStart(6)}  ${top.length > 200 ? `${top.slice(0, 200)}…` : top}`,
    );
  }
}

async function main(): Promise<number> {
  const port = opts.port ? Number(opts.port) : await freePort();
  const base = `http://127.0.0.1:${port}`;
  const engine = pgUrl ? "PostgreSQL" : "PGlite";
  console.log(`fuzz: seed ${SEED}, ${fmt(COUNT)} documents, concurrency ${CONCURRENCY}, ${engine}, ${base}`);
  const started = performance.now();
  await prepareDatabase();
  let server: Server | undefined;
  try {
    createUser(port, "fuzz-user@example.org", false);
    createUser(port, "fuzz-admin@example.org", true);
    server = await startServer(port);
    const pid = server.child.pid!;
    const creds: Credentials = {
      user: await login(base, "fuzz-user@example.org"),
      admin: await login(base, "fuzz-admin@example.org"),
      adminToken: ADMIN_TOKEN,
    };
    const schema = await getSchema();
    const before = memory(pid);
    const heapBefore = await heapOf(base);
    let peak = before.rss;
    const progress: { documents: number; rssMiB: number; heapMiB: number }[] = [];
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, memory(pid).rss);
      } catch {
        /* gone */
      }
    }, 100);
    const srv = server;
    const alive = () => {
      if (srv.exit) throw new Error(`server crashed: exit ${srv.exit.code} signal ${srv.exit.signal}`);
    };
    let docs: Tally | undefined;
    let http: Awaited<ReturnType<typeof runHttpCases>> | undefined;
    let crash: string | undefined;
    try {
      if (COUNT > 0)
        docs = await runDocuments({
          schema,
          base,
          creds,
          seed: SEED,
          count: COUNT,
          from: Number(opts.from),
          concurrency: CONCURRENCY,
          mutatedShare: Number(opts.mutated),
          shrink: !opts["no-shrink"],
          check: alive,
          onProgress: async (done, t) => {
            const { heap } = await heapOf(base);
            progress.push({ documents: done, rssMiB: memory(pid).rss, heapMiB: heap });
            console.log(
              `  ${fmt(done)} documents, ${t.failures} failing, ${t.fiveXx} 5xx, ` +
                `RSS ${mib(memory(pid).rss)} (peak ${mib(peak)}), V8 heap used ${mib(heap)}`,
            );
          },
        });
      if (!opts["no-http"]) {
        alive();
        http = await runHttpCases({
          hostname: "127.0.0.1",
          port,
          host: `127.0.0.1:${port}`,
          ...LIMITS,
          userBearer: creds.user,
          adminToken: ADMIN_TOKEN,
        });
      }
      alive();
    } catch (err) {
      crash = (err as Error).message;
    }
    clearInterval(sampler);
    await sleep(200);
    const healthy =
      !server.exit && (await new GraphQLClient(base, creds, 1, 10_000).request("GET", "/healthz", {})).status === 200;
    const after = server.exit ? { rss: Number.NaN, hwm: Number.NaN } : memory(pid);
    const heapAfter = server.exit ? { heap: Number.NaN, external: Number.NaN } : await heapOf(base);
    if (docs) printTally("GraphQL documents", docs);
    if (http) printTally("Malformed HTTP", http);
    const failures = [...(docs?.examples ?? []), ...(http?.examples ?? [])];
    const failing = (docs?.failures ?? 0) + (http?.failures ?? 0);
    const fiveXx = (docs?.fiveXx ?? 0) + (http?.fiveXx ?? 0);
    console.log(`\nsummary (${engine}, seed ${SEED}):`);
    console.log(`  documents ${fmt(docs?.total ?? 0)}, HTTP cases ${fmt(http?.total ?? 0)}`);
    console.log(`  failing ${failing}, 5xx ${fiveXx}, crashes ${crash ? 1 : 0}${crash ? ` (${crash})` : ""}`);
    console.log(`  server error log lines ${server.errorCount}, /healthz after: ${healthy ? "200" : "DOWN"}`);
    console.log(
      `  server RSS before ${mib(before.rss)}, after ${mib(after.rss)}, peak ${mib(Math.max(peak, after.hwm || 0))}`,
    );
    console.log(
      `  server V8 heap used before ${mib(heapBefore.heap)}, after ${mib(heapAfter.heap)}; ` +
        `external memory before ${mib(heapBefore.external)}, after ${mib(heapAfter.external)}`,
    );
    if (SERVER_HEAP_MIB) console.log(`  server V8 old space capped at ${mib(SERVER_HEAP_MIB)} (--max-old-space-size)`);
    if (progress.length) {
      // The first and last thirds of the run side by side: a leak shows as a last third above the first.
      const third = Math.max(1, Math.floor(progress.length / 3));
      const peakOf = (rows: typeof progress, key: "rssMiB" | "heapMiB") => Math.max(...rows.map((r) => r[key]));
      const early = progress.slice(0, third);
      const late = progress.slice(-third);
      console.log(
        `  peak sampled in the first third / last third: RSS ${mib(peakOf(early, "rssMiB"))} / ` +
          `${mib(peakOf(late, "rssMiB"))}, ` +
          `V8 heap used ${mib(peakOf(early, "heapMiB"))} / ${mib(peakOf(late, "heapMiB"))}`,
      );
    }
    console.log(`  duration ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const f of failures) {
      console.log(`\nFAIL ${f.index !== undefined ? `#${f.index} ` : ""}${f.name}: ${f.problem} (${f.outcome})`);
      if (f.case) console.log(`  shrunk from ${f.shrunkFrom} to: ${describeCase(f.case)}`);
      console.log(`  answer: ${f.answer}`);
    }
    for (const line of server.errorLines) console.log(`server error: ${line}`);
    if (opts.json)
      writeFileSync(
        opts.json,
        JSON.stringify(
          {
            engine,
            seed: SEED,
            documents: docs,
            http,
            crash,
            healthy,
            rssMiB: { before: before.rss, after: after.rss, peak },
            heapMiB: { before: heapBefore, after: heapAfter },
            serverHeapCapMiB: SERVER_HEAP_MIB ?? null,
            progress,
            serverErrors: server.errorCount,
          },
          (k, v) => (k === "rawBody" && v?.type === "Buffer" ? Buffer.from(v.data).toString("utf8") : v),
          2,
        ),
      );
    return failing || fiveXx || crash || !healthy || server.errorCount ? 1 : 0;
  } finally {
    if (server && !server.exit) {
      server.child.kill("SIGTERM");
      for (let i = 0; i < 100 && !server.exit; i++) await sleep(100);
      if (!server.exit) server.child.kill("SIGKILL");
    }
    await dropDatabase();
  }
}

process.exitCode = await main();
