import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";

/**
 * SIGTERM to a real `autoindex serve` in production mode (the in-process shutdown test cannot
 * see signal handlers): requests already in flight are answered, and the process exits 0 by
 * itself. Apollo's own termination handler, on by default outside NODE_ENV=test, used to stop
 * the server at once and re-raise the signal (exit 143, requests cut).
 */
describe("SIGTERM to a serving process (production)", () => {
  let child: ChildProcess | undefined;
  afterAll(() => void child?.kill("SIGKILL"));

  it("answers the requests in flight and exits 0", async () => {
    const env = {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      JWT_SECRET: randomBytes(48).toString("base64url"),
      AUTOINDEX_DATA_DIR: "memory://",
      PORT: "0",
      LOG_LEVEL: "warn",
      SHUTDOWN_TIMEOUT_MS: "20000",
    };
    child = spawn(process.execPath, ["bin/autoindex.js", "serve", "--demo"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child!.once("exit", (code, signal) => resolve({ code, signal })),
    );
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on("data", (c: Buffer) => {
        out += c.toString("utf8");
        const m = /GraphQL API:\s+(http:\/\/\S+)\/graphql/.exec(out);
        if (m) resolve(m[1]!);
      });
      child!.stderr!.on("data", (c: Buffer) => (out += c.toString("utf8")));
      void exited.then(({ code }) => reject(new Error(`serve exited (${code}) before listening:\n${out}`)));
    });

    // Ten reads of a year of prices for ten assets, sent before the signal.
    const query = `{ assets(first: 10) { edges { node { symbol prices(from: "2025-01-01", to: "2025-12-31") { date
      close } } } } }`;
    const inFlight = Array.from({ length: 10 }, (_, i) =>
      fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables: { i } }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any })),
    );
    await new Promise((r) => setTimeout(r, 20));
    child.kill("SIGTERM");

    const answers = await Promise.all(inFlight);
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.body.data.assets.edges).toHaveLength(10);
    }
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(out).not.toMatch(/"level":(50|60)/);
    child = undefined;
  }, 180_000);
});
