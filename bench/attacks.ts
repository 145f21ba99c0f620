// Replays the hostile requests of issue 9 against a real server process and prints, for each:
// the time it took, the answer (HTTP status and error code), the server's RSS and peak RSS, and
// the worst /healthz latency seen while it ran (a probe polls /healthz every 50 ms).
//
//   node --import @swc-node/register/esm-register bench/attacks.ts            # PGlite in a temp dir
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//     node --import @swc-node/register/esm-register bench/attacks.ts          # PostgreSQL
//   … bench/attacks.ts --only register,login-lock                            # a subset
//
// The server is `node bin/autoindex.js serve --demo` with NODE_ENV UNSET (the defaults are part of
// what is attacked) and a JWT_SECRET given, on a free port. Traffic goes to 127.0.0.0/8 only; every
// request has a client-side time limit, so the script ends by itself. A server that stops
// answering /healthz after an attack is killed and started again (and the row says so).
// Exit code 1 when any attack's verdict is FAIL.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const ROOT = resolve(import.meta.dirname, "..");
const { values: opts } = parseArgs({
  options: { only: { type: "string" }, port: { type: "string", default: "4791" } },
});
const PORT = Number(opts.port);
const BASE = `http://127.0.0.1:${PORT}`;
const JWT_SECRET = randomBytes(48).toString("base64url");

interface Answer {
  status: number;
  code: string;
  bytes: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request from a chosen loopback source address, with a time limit. */
function send(
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string>; from?: string; timeoutMs?: number } = {},
): Promise<Answer> {
  return new Promise((done) => {
    const req = httpRequest(
      `${BASE}${path}`,
      {
        method: init.method ?? "POST",
        headers: { "content-type": "application/json", ...init.headers },
        localAddress: init.from,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          done({
            status: res.statusCode ?? 0,
            code: errorCodes(body),
            bytes: Buffer.byteLength(body),
            headers: res.headers,
            body,
          });
        });
        res.on("error", () =>
          done({ status: res.statusCode ?? 0, code: "RESPONSE_ABORTED", bytes: 0, headers: {}, body: "" }),
        );
      },
    );
    req.setTimeout(init.timeoutMs ?? 30_000, () => req.destroy(new Error("client timeout")));
    req.on("error", (err) =>
      done({
        status: 0,
        code:
          err.message === "client timeout"
            ? "CLIENT_TIMEOUT"
            : `NET:${(err as NodeJS.ErrnoException).code ?? err.message}`,
        bytes: 0,
        headers: {},
        body: "",
      }),
    );
    req.end(init.body);
  });
}

const gql = (query: string, variables: Record<string, unknown> = {}, extra: Parameters<typeof send>[1] = {}) =>
  send("/graphql", {
    ...extra,
    body: JSON.stringify({ query, variables }),
    headers: { accept: "application/json", ...extra.headers },
  });

function errorCodes(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: string } }[]; data?: unknown };
    const codes = [...new Set((parsed.errors ?? []).map((e) => e.extensions?.code ?? "?"))];
    return codes.length ? codes.join("+") : "OK";
  } catch {
    return body ? "NOT_JSON" : "EMPTY";
  }
}

// ---------- the server under attack ----------
interface Server {
  child: ChildProcess;
  log: string[];
}
let server: Server;
const dataDir = mkdtempSync(join(tmpdir(), "autoindex-attacks-"));

async function startServer(env: Record<string, string | undefined> = {}): Promise<Server> {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: undefined,
    PORT: String(PORT),
    HOST: "127.0.0.1",
    JWT_SECRET,
    AUTOINDEX_DATA_DIR: dataDir,
    LOG_LEVEL: "info",
    ...env,
  };
  for (const k of Object.keys(childEnv)) if (childEnv[k] === undefined) delete childEnv[k];
  const child = spawn(process.execPath, ["bin/autoindex.js", "serve", "--demo"], {
    cwd: ROOT,
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  child.stdout!.on("data", (c: Buffer) => log.push(c.toString()));
  child.stderr!.on("data", (c: Buffer) => log.push(c.toString()));
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${log.join("")}`);
    const ok = await send("/healthz", { method: "GET", timeoutMs: 1000 });
    if (ok.status === 200) return { child, log };
    await sleep(200);
  }
  throw new Error("server did not become healthy within 120 s");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kib("VmRSS") / 1024, hwm: kib("VmHWM") / 1024 };
}

/**
 * Polls /healthz every 50 ms (one at a time) and samples RSS until stopped; returns the worst latency and the peak RSS
 * seen.
 */
function probe(pid: number) {
  let stop = false;
  let worst = 0;
  let peak = 0;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, memory(pid).rss);
    } catch {
      /* process gone */
    }
  }, 50);
  const loop = (async () => {
    while (!stop) {
      const t = performance.now();
      await send("/healthz", { method: "GET", timeoutMs: 60_000 });
      worst = Math.max(worst, performance.now() - t);
      await sleep(50);
    }
  })();
  return async () => {
    stop = true;
    await loop;
    clearInterval(sampler);
    return { worstHealthMs: worst, peakRssMiB: peak };
  };
}

// ---------- the attacks ----------
interface Outcome {
  answer: string;
  ok: boolean;
  note?: string;
}
interface Attack {
  name: string;
  expect: string;
  /** For requests that are admitted and do real work: the worst /healthz latency allowed while they run. */
  healthBoundMs?: number;
  run(): Promise<Outcome>;
}

const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join("\n");
const ANSWER = (a: Answer) => `${a.status} ${a.code} ${fmtBytes(a.bytes)}`;
const fmtBytes = (b: number) =>
  b >= 1 << 20 ? `${(b / (1 << 20)).toFixed(1)} MiB` : b >= 1024 ? `${(b / 1024).toFixed(0)} KiB` : `${b} B`;
const refused = (a: Answer, ...codes: string[]) => codes.some((c) => a.code.split("+").includes(c));

const attacks: Attack[] = [
  {
    name: "analyze-alias-bomb",
    expect: "4,999 aliases × 100,000 returns refused as QUERY_TOO_COMPLEX",
    async run() {
      const returns = Array.from({ length: 100_000 }, (_, i) => ((i * 7919) % 2001) / 100_000 - 0.01);
      const a = await gql(
        `query($r: [Float]!) {\n${aliases(4999, "analyzeReturns(returns: $r) { observations }")}\n}`,
        { r: returns },
        { timeoutMs: 60_000 },
      );
      return { answer: ANSWER(a), ok: refused(a, "QUERY_TOO_COMPLEX") };
    },
  },
  {
    name: "analyze-one-max",
    expect: "one analyzeReturns of 100,000 returns answers (O(n log n)); /healthz < 200 ms",
    healthBoundMs: 200,
    async run() {
      const returns = Array.from({ length: 100_000 }, (_, i) => ((i * 7919) % 2001) / 100_000 - 0.01);
      const a = await gql(`query($r: [Float]!) { analyzeReturns(returns: $r) { observations volatility var95 } }`, {
        r: returns,
      });
      return { answer: ANSWER(a), ok: a.code === "OK" || refused(a, "QUERY_TOO_COMPLEX", "BAD_USER_INPUT") };
    },
  },
  {
    name: "index-values-190",
    expect: "190 aliased indexValues refused, or answered with /healthz < 200 ms",
    healthBoundMs: 200,
    async run() {
      const a = await gql(`{\n${aliases(190, "indexValues { date value }")}\n}`);
      return { answer: ANSWER(a), ok: refused(a, "QUERY_TOO_COMPLEX") || a.code === "OK" };
    },
  },
  {
    name: "count-first-0",
    expect: "totalCount and the summary priced by what they scan (answer or refuse; /healthz < 200 ms)",
    healthBoundMs: 200,
    async run() {
      const a = await gql(
        `{\n${aliases(50, "assets(first: 0) { totalCount }")}\n${aliases(
          50,
          "dataQuality(first: 0) { summary { " + "rows assetsAffected } }",
        ).replace(/a(\d+):/g, "q$1:")}\n}`,
      );
      return { answer: ANSWER(a), ok: refused(a, "QUERY_TOO_COMPLEX") || a.code === "OK" };
    },
  },
  {
    name: "nodes-10k",
    expect: "a document of > 10,000 nodes is a request error, never 500",
    async run() {
      const a = await gql(`{ ${Array.from({ length: 12_000 }, (_, i) => `f${i}: __typename`).join(" ")} }`);
      return { answer: ANSWER(a), ok: a.status < 500 && a.code !== "OK" && a.code !== "INTERNAL_SERVER_ERROR" };
    },
  },
  {
    name: "tokens-2mib",
    expect: "a 2 MiB document is refused before a full parse (fast)",
    async run() {
      const doc = `{ ${"__typename ".repeat(190_000)} }`;
      const t = performance.now();
      const a = await gql(doc);
      const ms = performance.now() - t;
      return { answer: ANSWER(a), ok: a.status < 500 && a.code !== "OK" && ms < 1000, note: `${ms.toFixed(0)} ms` };
    },
  },
  {
    name: "register-flood",
    expect: "60 sign-ups from one address: most refused RATE_LIMITED",
    async run() {
      const codes: string[] = [];
      for (let i = 0; i < 60; i++) {
        const a = await gql(
          `mutation($e: String!) { register(input: { email: $e, password: "correct horse battery staple 9!" }) {
            __typename } }`,
          { e: `flood${i}-${randomBytes(3).toString("hex")}@example.org` },
          { from: "127.0.0.9" },
        );
        codes.push(a.code);
      }
      const limited = codes.filter((c) => c.includes("RATE_LIMITED")).length;
      return { answer: `${codes.length - limited} accepted, ${limited} RATE_LIMITED`, ok: limited >= 40 };
    },
  },
  {
    name: "register-batch-40",
    expect: "40 registers in one request: refused or limited",
    async run() {
      const body = Array.from(
        { length: 40 },
        (_, i) =>
          `r${i}: register(input: { email: "batch${i}-${randomBytes(3).toString("hex")}@example.org", password: ` +
          `"correct horse battery staple 9!" }) { __typename }`,
      ).join("\n");
      const t = performance.now();
      const a = await gql(`mutation {\n${body}\n}`, {}, { from: "127.0.0.10" });
      const parsed = JSON.parse(a.body || "{}") as { data?: Record<string, unknown> | null };
      const made = Object.values(parsed.data ?? {}).filter((v) => v !== null).length;
      return {
        answer: `${ANSWER(a)}, ${made} accounts made`,
        ok: made <= 5,
        note: `${(performance.now() - t).toFixed(0)} ms`,
      };
    },
  },
  {
    name: "register-enumeration",
    expect: "registering a taken email answers like a free one",
    async run() {
      const email = `taken-${randomBytes(3).toString("hex")}@example.org`;
      const q = `mutation($e: String!) { register(input: { email: $e, password: "correct horse battery staple 9!" }) {
        __typename } }`;
      const first = await gql(q, { e: email }, { from: "127.0.0.11" });
      const again = await gql(q, { e: email }, { from: "127.0.0.12" });
      const same =
        first.status === again.status &&
        first.body.replace(/"[A-Za-z0-9_.-]{20,}"/g, '"…"') === again.body.replace(/"[A-Za-z0-9_.-]{20,}"/g, '"…"');
      return { answer: `${first.code} then ${again.code}`, ok: same };
    },
  },
  {
    name: "login-lock",
    expect: "6 wrong passwords from a stranger do not lock the owner out",
    async run() {
      const email = `victim-${randomBytes(3).toString("hex")}@example.org`;
      const password = "victim's long passphrase 4 real!";
      await gql(
        `mutation($e: String!, $p: String!) { register(input: { email: $e, password: $p }) { __typename } }`,
        { e: email, p: password },
        { from: "127.0.0.13" },
      );
      const login = `mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { accessToken } }`;
      for (let i = 0; i < 6; i++) await gql(login, { e: email, p: `wrong guess number ${i}` }, { from: "127.0.0.14" });
      const owner = await gql(login, { e: email, p: password }, { from: "127.0.0.15" });
      return { answer: `owner's login: ${owner.code}`, ok: owner.code === "OK" };
    },
  },
  {
    name: "login-spray-across-addresses",
    expect: "guesses against one account stay bounded across addresses",
    async run() {
      const email = `target-${randomBytes(3).toString("hex")}@example.org`;
      await gql(
        `mutation($e: String!) { register(input: { email: $e, password: "target's long passphrase 4 real!" }) {
          __typename } }`,
        { e: email },
        { from: "127.0.0.16" },
      );
      const login = `mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { accessToken } }`;
      let checked = 0;
      for (let i = 0; i < 200; i++) {
        const a = await gql(login, { e: email, p: `spray ${i}` }, { from: `127.0.${1 + (i % 200)}.${20 + (i % 50)}` });
        if (a.code === "UNAUTHENTICATED") checked++;
      }
      return { answer: `${checked} of 200 guesses checked`, ok: checked <= 120 };
    },
  },
  {
    name: "dev-defaults",
    expect: "NODE_ENV unset: no stack traces or paths in errors",
    async run() {
      const a = await gql(`{ nope }`);
      return { answer: ANSWER(a), ok: !/stacktrace|\/work\/|node_modules/.test(a.body) };
    },
  },
  {
    name: "nul-strings",
    expect: "NUL in search, sector, symbol, cursor, email is BAD_USER_INPUT",
    async run() {
      const cases = [
        gql(`query($s: String) { assets(search: $s) { totalCount } }`, { s: "a\u0000b" }),
        gql(`query($s: String) { assets(sector: $s) { totalCount } }`, { s: "a\u0000b" }),
        gql(`query($s: String) { asset(symbol: $s) { id } }`, { s: "A\u0000" }),
        gql(`query($s: String) { assets(after: $s) { totalCount } }`, { s: "\u0000" }),
        gql(`mutation($e: String!) { login(input: { email: $e, password: "x" }) { accessToken } }`, {
          e: "a\u0000@example.org",
        }),
        gql(`query($s: String) { assets(search: $s) { totalCount } }`, { s: "lone \ud800 surrogate" }),
      ];
      const codes = (await Promise.all(cases)).map((a) => a.code);
      return { answer: codes.join(", "), ok: codes.every((c) => c === "BAD_USER_INPUT") };
    },
  },
  {
    name: "echo-types",
    expect: "an unknown indexEvents types list is not echoed whole",
    async run() {
      const types = Array.from({ length: 20_000 }, (_, i) => `NOT_A_TYPE_${i}_${"x".repeat(60)}`);
      const a = await gql(`query($t: [IndexEventType!]) { indexEvents(types: $t) { date } }`, { t: types });
      return { answer: ANSWER(a), ok: a.bytes < 16_384 && a.code !== "OK" };
    },
  },
  {
    name: "wrong-admin-token",
    expect: "a wrong x-admin-token is 401 UNAUTHENTICATED",
    async run() {
      const a = await gql(
        `{ strategyConfig { version } }`,
        {},
        { headers: { "x-admin-token": "definitely-not-the-admin-token" } },
      );
      return { answer: ANSWER(a), ok: a.status === 401 && a.code === "UNAUTHENTICATED" };
    },
  },
  {
    name: "security-headers",
    expect: "nosniff, CSP, referrer policy, frame-ancestors on /graphql, the playground and a 404",
    async run() {
      const answers = [
        await gql(`{ __typename }`),
        await send("/playground", { method: "GET" }),
        await send("/no-such-page", { method: "GET" }),
      ];
      const missing = answers.flatMap((a, i) =>
        [
          a.headers["x-content-type-options"] === "nosniff" ? null : "nosniff",
          /frame-ancestors/.test(String(a.headers["content-security-policy"] ?? "")) ? null : "csp",
          a.headers["referrer-policy"] ? null : "referrer",
        ]
          .filter(Boolean)
          .map((m) => `${["graphql", "playground", "404"][i]}:${m}`),
      );
      return { answer: missing.length ? `missing ${missing.join(" ")}` : "all present", ok: missing.length === 0 };
    },
  },
  {
    name: "stalled-bodies",
    expect: "150 stalled 2 MiB uploads are dropped within 60 s; RSS bounded",
    async run() {
      const sockets = Array.from({ length: 150 }, () => {
        const s = connect(PORT, "127.0.0.1");
        s.on("error", () => {});
        s.write(
          `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
            `Content-Length: ${2 * 1024 * 1024 - 1}\r\n\r\n`,
        );
        s.write("x".repeat(1024 * 1024 + 512 * 1024));
        return s;
      });
      const t = performance.now();
      while (performance.now() - t < 60_000 && sockets.some((s) => !s.destroyed && !s.readableEnded)) await sleep(250);
      const open = sockets.filter((s) => !s.destroyed && !s.readableEnded).length;
      for (const s of sockets) s.destroy();
      return {
        answer: `${150 - open} of 150 dropped after ${((performance.now() - t) / 1000).toFixed(1)} s`,
        ok: open === 0,
      };
    },
  },
  {
    name: "connection-flood",
    expect: "2,000 idle connections: capped; /healthz still answers",
    async run() {
      const sockets = Array.from({ length: 2000 }, () => connect(PORT, "127.0.0.1").on("error", () => {}));
      await sleep(3000);
      const h = await send("/healthz", { method: "GET", timeoutMs: 10_000 });
      const open = sockets.filter((s) => !s.destroyed && !s.readableEnded).length;
      for (const s of sockets) s.destroy();
      return { answer: `${open} still open; /healthz ${h.status}`, ok: open < 2000 && h.status === 200 };
    },
  },
  {
    name: "disconnects-logged",
    expect: "30 clients that hang up mid-request log no error",
    async run() {
      const before = server.log.length;
      // Each client hangs up at a different moment: mid-body, mid-work and mid-response.
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          gql(`{\n${aliases(20, "indexValues { date value }")}\n}`, {}, { timeoutMs: 5 + i * 10 }),
        ),
      );
      for (let i = 0; i < 30; i++) {
        const s = connect(PORT, "127.0.0.1").on("error", () => {});
        s.write(
          `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
            `Content-Length: 1000\r\n\r\n{"query":`,
        );
        await sleep(20);
        s.destroy();
      }
      await sleep(1500);
      const errors = server.log
        .slice(before)
        .join("")
        .split("\n")
        .filter((l) => /"level":(50|60)/.test(l));
      return { answer: `${errors.length} error lines`, ok: errors.length === 0 };
    },
  },
  {
    name: "secrets-in-logs",
    expect: "a register that fails in the database logs no email, password or hash",
    async run() {
      // A NUL in the email reached the INSERT and failed there; the driver error carried its parameters.
      const local = `leak-${randomBytes(4).toString("hex")}`;
      const email = `${local}\u0000@example.org`;
      const password = "leak check passphrase 77!x";
      const q = `mutation($e: String!, $p: String!) { register(input: { email: $e, password: $p }) { __typename } }`;
      await gql(q, { e: email, p: password }, { from: "127.0.0.30" });
      await gql(q, { e: email, p: password }, { from: "127.0.0.31" });
      await sleep(500);
      const text = server.log.join("");
      const leaks = [local, password, "$argon2id$"].filter((s) => text.includes(s));
      return { answer: leaks.length ? `leaked: ${leaks.join(", ")}` : "none leaked", ok: leaks.length === 0 };
    },
  },
];

/** Separate server starts: the configuration itself is attacked. */
async function weakSecret(): Promise<{ answer: string; ok: boolean }> {
  const child = spawn(process.execPath, ["bin/autoindex.js", "serve"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT + 1),
      JWT_SECRET: "a".repeat(40),
      AUTOINDEX_DATA_DIR: "memory://",
    },
    stdio: "ignore",
  });
  const code = await Promise.race([
    new Promise<number>((r) => child.on("exit", (c) => r(c ?? -1))),
    sleep(20_000).then(() => "running" as const),
  ]);
  if (code === "running") child.kill("SIGKILL");
  return { answer: code === "running" ? "started" : `exit ${code}`, ok: code !== "running" && code !== 0 };
}

async function main(): Promise<number> {
  const only = opts.only?.split(",");
  const chosen = attacks.filter((a) => !only || only.includes(a.name));
  console.log(`attacks against ${BASE} (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}, NODE_ENV unset)\n`);
  server = await startServer();
  const rows: string[][] = [];
  let failed = 0;
  for (const attack of chosen) {
    const pid = server.child.pid!;
    const before = memory(pid);
    const stopProbe = probe(pid);
    const t = performance.now();
    let outcome: Outcome;
    try {
      outcome = await attack.run();
    } catch (err) {
      outcome = { answer: `script error: ${(err as Error).message}`, ok: false };
    }
    const ms = performance.now() - t;
    const { worstHealthMs, peakRssMiB } = await stopProbe();
    let restarted = "";
    if ((await send("/healthz", { method: "GET", timeoutMs: 5000 })).status !== 200) {
      server.child.kill("SIGKILL");
      await new Promise((r) => server.child.once("exit", r));
      server = await startServer();
      restarted = " (server unresponsive: restarted)";
    }
    if (attack.healthBoundMs !== undefined && worstHealthMs > attack.healthBoundMs) {
      outcome = {
        ...outcome,
        ok: false,
        note: `${outcome.note ? `${outcome.note}; ` : ""}/healthz waited ${worstHealthMs.toFixed(0)} ms`,
      };
    }
    if (!outcome.ok) failed++;
    rows.push([
      attack.name,
      `${(ms / 1000).toFixed(2)} s`,
      outcome.answer + (outcome.note ? ` [${outcome.note}]` : "") + restarted,
      `${before.rss.toFixed(0)} → ${Math.max(peakRssMiB, before.rss).toFixed(0)} MiB`,
      `${worstHealthMs.toFixed(0)} ms`,
      outcome.ok ? "ok" : "FAIL",
      attack.expect,
    ]);
    console.log(`  ${attack.name}: ${outcome.ok ? "ok" : "FAIL"} — ${outcome.answer}`);
  }
  server.child.kill("SIGTERM");
  if (!only || only.includes("weak-secret")) {
    const w = await weakSecret();
    if (!w.ok) failed++;
    rows.push([
      "weak-secret",
      "",
      `production with JWT_SECRET="a"×40: ${w.answer}`,
      "",
      "",
      w.ok ? "ok" : "FAIL",
      "refused at start",
    ]);
  }
  rmSync(dataDir, { recursive: true, force: true });
  printTable(["attack", "time", "answer", "RSS (start → peak)", "worst /healthz", "verdict", "expected"], rows);
  return failed ? 1 : 0;
}

function printTable(head: string[], rows: string[][]): void {
  console.log(`\n| ${head.join(" | ")} |\n|${head.map(() => "---").join("|")}|`);
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    server?.child.kill("SIGKILL");
    process.exit(2);
  },
);
