// Shared parts of the fault proofs (resilience/*.ts): real `autoindex serve` processes, a real
// HTTP client, private PostgreSQL clusters, latency statistics and process memory.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { type Agent, request } from "node:http";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createPrivatePostgres, type PrivatePostgres } from "../test/helpers/private-postgres.js";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BIN = join(ROOT, "bin/autoindex.js");

/** Secrets strong enough for production mode, new per run. */
export const JWT_SECRET = randomBytes(48).toString("base64url");
export const ADMIN_TOKEN = randomBytes(48).toString("base64url");

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** True when this module is the script node was started with. */
export const isMain = (url: string) => process.argv[1] !== undefined && url === pathToFileURL(process.argv[1]).href;

const cleanups = new Set<() => void>();
let signalsHooked = false;

/**
 * Registers what must not outlive an interrupted script (a server process, a private cluster):
 * on SIGINT/SIGTERM every registered cleanup runs, then the script exits 130. Returns the
 * function that unregisters it (call it once the thing is cleaned up normally).
 */
export function onInterrupt(cleanup: () => void): () => void {
  if (!signalsHooked) {
    signalsHooked = true;
    const bail = () => {
      for (const c of cleanups) {
        try {
          c();
        } catch {
          // best effort
        }
      }
      process.exit(130);
    };
    process.once("SIGINT", bail);
    process.once("SIGTERM", bail);
  }
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** The environment of a production server or CLI command: nothing inherited but PATH. */
export function serverEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    JWT_SECRET,
    ADMIN_TOKEN,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: process.env.RESILIENCE_LOG_LEVEL ?? "warn",
  };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

/** The database of a process: a PGlite data directory or a PostgreSQL URL. */
export type Target = { dataDir: string } | { databaseUrl: string };
export const targetEnv = (t: Target) =>
  "dataDir" in t ? { AUTOINDEX_DATA_DIR: t.dataDir } : { DATABASE_URL: t.databaseUrl };

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Lines the server logged at level error (50) or fatal (60), and its stderr. */
  errors: string[];
  /** The last 64 KiB of its output. */
  tail(): string;
  /** Request ids of the access-log lines seen so far (LOG_LEVEL=info): the requests the server received. */
  received: Set<string>;
}

/** Starts `node bin/autoindex.js serve [args]` and resolves once it listens. */
export function startServer(env: NodeJS.ProcessEnv, args: string[] = [], readyTimeoutMs = 300_000) {
  const child = spawn(process.execPath, [BIN, "serve", ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const forget = onInterrupt(() => child.kill("SIGKILL"));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      forget();
      resolve({ code, signal });
    }),
  );
  let out = "";
  let partial = "";
  const errors: string[] = [];
  const received = new Set<string>();
  const keep = (text: string) => {
    out = (out + text).slice(-65_536);
  };
  child.stdout!.on("data", (c: Buffer) => {
    const text = c.toString("utf8");
    keep(text);
    const lines = (partial + text).split("\n");
    partial = lines.pop()!;
    for (const line of lines) {
      if (/"level":(50|60)/.test(line)) errors.push(line);
      const id = /"msg":"request"/.test(line) ? /"requestId":"([^"]+)"/.exec(line) : null;
      if (id) received.add(id[1]!);
    }
  });
  child.stderr!.on("data", (c: Buffer) => {
    const text = c.toString("utf8");
    keep(text);
    errors.push(text);
  });
  return new Promise<ServerProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`serve did not listen within ${readyTimeoutMs} ms:\n${out}`));
    }, readyTimeoutMs);
    const onData = () => {
      const m = /GraphQL API:\s+(http:\/\/\S+)\/graphql/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      resolve({ child, pid: child.pid!, url: m[1]!, exited, errors, tail: () => out, received });
    };
    child.stdout!.on("data", onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
}

/** A private PostgreSQL cluster (never the shared server) that an interrupted script still removes. */
export async function privatePostgres(port: number | undefined, fsync = false): Promise<PrivatePostgres> {
  const pg = await createPrivatePostgres({ port, fsync });
  const forget = onInterrupt(() => pg.destroy());
  const destroy = pg.destroy;
  pg.destroy = () => {
    forget();
    destroy();
  };
  return pg;
}

/** Runs a CLI command to completion. */
export function cli(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 600_000 });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Resident set size of a live process in KiB (VmRSS), or its peak (VmHWM). */
export function rssKiB(pid: number, field: "VmRSS" | "VmHWM" = "VmRSS"): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : Number.NaN;
}

/** One HTTP exchange as the client saw it. */
export interface Answer {
  /** HTTP status, or 0 when no response came (see `error`). */
  status: number;
  body: any;
  /** Socket error code when no response came: ECONNREFUSED, ECONNRESET, … */
  error?: string;
  ms: number;
  /** When the request was fully written to the socket (performance.now()), if it was. */
  sentAt?: number;
}

export interface PostOptions {
  admin?: boolean;
  agent?: Agent | false;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** POSTs a GraphQL request with node:http (so the client knows when its bytes left). */
export function postGraphql(url: string, query: string, variables: object = {}, options: PostOptions = {}) {
  const started = performance.now();
  const payload = Buffer.from(JSON.stringify({ query, variables }));
  return new Promise<Answer>((resolve) => {
    let sentAt: number | undefined;
    let done = false;
    const finish = (a: Omit<Answer, "ms" | "sentAt">) => {
      if (done) return;
      done = true;
      resolve({ ...a, ms: performance.now() - started, sentAt });
    };
    const req = request(
      `${url}/graphql`,
      {
        method: "POST",
        agent: options.agent,
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          "content-length": payload.length,
          ...(options.admin ? { "x-admin-token": ADMIN_TOKEN } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (err: NodeJS.ErrnoException) =>
          finish({ status: 0, body: null, error: err.code ?? err.message }),
        );
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (!res.complete) return finish({ status: 0, body: null, error: "INCOMPLETE_RESPONSE" });
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: kept as text
          }
          finish({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on("error", (err: NodeJS.ErrnoException) => finish({ status: 0, body: null, error: err.code ?? err.message }));
    if (options.timeoutMs) {
      req.setTimeout(options.timeoutMs, () =>
        req.destroy(Object.assign(new Error("timeout"), { code: "CLIENT_TIMEOUT" })),
      );
    }
    req.end(payload, () => {
      sentAt = performance.now();
    });
  });
}

/** GETs a path; status 0 and `error` when no response came. */
export function getPath(url: string, path: string, timeoutMs = 10_000) {
  const started = performance.now();
  return new Promise<Answer>((resolve) => {
    const req = request(`${url}${path}`, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          ms: performance.now() - started,
        }),
      );
      res.on("error", (err: NodeJS.ErrnoException) =>
        resolve({ status: 0, body: null, error: err.code, ms: performance.now() - started }),
      );
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error("timeout"), { code: "CLIENT_TIMEOUT" })));
    req.on("error", (err: NodeJS.ErrnoException) =>
      resolve({ status: 0, body: null, error: err.code ?? err.message, ms: performance.now() - started }),
    );
    req.end();
  });
}

/** The first GraphQL error code of an answer, if any. */
export const errorCode = (a: Answer): string | undefined =>
  a.body && typeof a.body === "object" ? a.body.errors?.[0]?.extensions?.code : undefined;

/** An answer for a failure report: the transport error, or status, code and message (at most 200 characters). */
export function describeAnswer(a: Answer): string {
  if (!a.status) return a.error ?? "no answer";
  return `${a.status} ${errorCode(a) ?? ""} ${a.body?.errors?.[0]?.message ?? ""}`.trim().slice(0, 200);
}

/** A successful GraphQL answer: 200, data, no errors. */
export const isOk = (a: Answer) =>
  a.status === 200 && a.body && typeof a.body === "object" && a.body.data && !a.body.errors;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Prints a report as JSON and exits 1 when it failed. */
export function finishScript(name: string, report: { ok: boolean; failures: string[] }) {
  console.log(JSON.stringify(report, null, 2));
  if (!report.ok) {
    console.error(`${name}: FAILED\n  ${report.failures.join("\n  ")}`);
    process.exit(1);
  }
  console.error(`${name}: ok`);
  process.exit(0);
}
