import { request, Agent } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer } from "../../src/http/server.js";
import { createTestApp, type TestApp } from "../helpers/db.js";
import { seedUniverse } from "../helpers/fixtures.js";

interface Sent {
  /** Resolves once the whole request is written to the socket. */
  written: Promise<void>;
  response: Promise<{ status: number; connection: string | undefined; body: string }>;
}

/** POST /graphql over node:http, so the test knows when each request has left the client. */
function post(url: string, query: string, agent: Agent): Sent {
  let onWritten!: () => void;
  const written = new Promise<void>((resolve) => (onWritten = resolve));
  const response = new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
    const req = request(
      `${url}/graphql`,
      { method: "POST", agent, headers: { "content-type": "application/json" } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            connection: res.headers.connection,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.on("finish", onWritten);
    req.end(JSON.stringify({ query }));
  });
  return { written, response };
}

const PRICES = `{ assets(first: 10) { edges { node { symbol prices(from: "2025-01-01", to: "2025-12-31") { date close
  } } } } }`;

describe("graceful shutdown", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close().catch(() => undefined));

  it("lets an in-flight request finish, then refuses new connections and closes the database", async () => {
    const running = await startHttpServer(t.app, 0, "127.0.0.1");
    const inflight = fetch(`${running.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ assets(first: 1) { totalCount } }" }),
    });
    // Let the request reach the server before shutting down.
    await new Promise((r) => setTimeout(r, 20));
    const closed = running.close();
    const res = await inflight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.assets.totalCount).toBe(0);
    await closed;
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
    await expect(t.db.selectFrom("assets").select("id").execute()).rejects.toThrow();
  });
});

describe("graceful shutdown with 16 requests in flight on keep-alive connections", () => {
  let t: TestApp;
  const SHUTDOWN_TIMEOUT_MS = 30_000;
  beforeAll(async () => {
    t = await createTestApp({ SHUTDOWN_TIMEOUT_MS });
    await seedUniverse(t.db, 10, 365, "2025-01-01");
  });
  afterAll(() => t?.close().catch(() => undefined));

  it(
    "answers every one of them, refuses new connections " + "meanwhile, and closes within the shutdown timeout",
    async () => {
      const running = await startHttpServer(t.app, 0, "127.0.0.1");
      const agent = new Agent({ keepAlive: true, maxSockets: 16 });
      // A first wave opens 16 keep-alive connections, idle once answered.
      const warm = Array.from({ length: 16 }, () => post(running.url, "{ assets(first: 1) { totalCount } }", agent));
      for (const r of await Promise.all(warm.map((s) => s.response))) expect(r.status).toBe(200);

      // The second wave reuses them; the shutdown starts as soon as every request has left the client,
      // before the server has read them (what a busy event loop does to requests in flight).
      const wave = Array.from({ length: 16 }, () => post(running.url, PRICES, agent));
      await Promise.all(wave.map((s) => s.written));
      const started = performance.now();
      const closed = running.close();

      // While they are being answered the listener is gone: a new connection is refused.
      while (running.server.listening) await new Promise((r) => setImmediate(r));
      const fresh = new Agent({ keepAlive: false });
      await expect(post(running.url, "{ __typename }", fresh).response).rejects.toThrow(/ECONNREFUSED/);

      const results = await Promise.allSettled(wave.map((s) => s.response));
      const failed = results.filter((r) => r.status === "rejected");
      expect(failed.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      for (const r of results as PromiseFulfilledResult<{
        status: number;
        connection: string | undefined;
        body: string;
      }>[]) {
        expect(r.value.status).toBe(200);
        expect(r.value.connection).toBe("close");
        const edges = JSON.parse(r.value.body).data.assets.edges;
        expect(edges).toHaveLength(10);
        expect(edges[0].node.prices).toHaveLength(365);
      }
      await closed;
      expect(performance.now() - started).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
      await expect(t.db.selectFrom("assets").select("id").execute()).rejects.toThrow();
      agent.destroy();
    },
  );
});
