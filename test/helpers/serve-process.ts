import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";

/** A real `autoindex serve` process (with --workers, a cluster), its JSON log lines kept. */
export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** Every JSON log line so far (stdout), parsed. */
  lines(): Record<string, any>[];
  /** Resolves when a log line matches, or rejects after `ms`. */
  waitFor(match: (line: Record<string, any>) => boolean, ms?: number): Promise<Record<string, any>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

export async function startServe(
  args: string[],
  env: Record<string, string>,
  startMs = 120_000,
): Promise<ServeProcess> {
  const child = spawn(process.execPath, ["bin/autoindex.js", "serve", ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const parsed: Record<string, any>[] = [];
  const waiters = new Set<() => void>();
  let partial = "";
  child.stdout!.on("data", (c: Buffer) => {
    const text = c.toString("utf8");
    out += text;
    partial += text;
    const rows = partial.split("\n");
    partial = rows.pop()!;
    for (const row of rows) {
      if (!row.startsWith("{")) continue;
      try {
        parsed.push(JSON.parse(row));
      } catch {
        /* not a log line */
      }
    }
    for (const w of waiters) w();
  });
  child.stderr!.on("data", (c: Buffer) => (out += c.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (match: (line: Record<string, any>) => boolean, ms = 30_000) =>
    new Promise<Record<string, any>>((resolve, reject) => {
      const check = () => {
        const hit = parsed.find(match);
        if (!hit) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(hit);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching log line within ${ms} ms:\n${out.slice(-4000)}`));
      }, ms);
      waiters.add(check);
      void exited.then(() => setTimeout(check, 10));
      check();
    });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not listen within ${startMs} ms:\n${out}`)), startMs);
    child.stdout!.on("data", () => {
      const m = /GraphQL API:\s+(http:\/\/\S+)\/graphql/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before listening:\n${out}`));
    });
  });
  return { child, url, lines: () => parsed, waitFor, exited, output: () => out };
}

/**
 * POST /graphql on a NEW connection (no keep-alive agent): a cluster's primary hands each
 * connection to the next worker, so consecutive calls reach every worker in turn.
 */
export function postFresh(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }> {
  const payload = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/graphql`,
      {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/json",
          "apollo-require-preflight": "1",
          "content-length": Buffer.byteLength(payload),
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("end", () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            /* keep the text */
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}
