import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer } from "../../src/http/server.js";
import { createTestApp, type TestApp } from "../helpers/db.js";

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
