import { describe, expect, it } from "vitest";
import type { Env } from "../../../src/config.js";
import { startHttpServer } from "../../../src/http/server.js";
import { createTestApp } from "../../helpers/db.js";
import { LiveClient } from "../../helpers/live.js";

const INDEX = `subscription { indexUpdated { eventId } }`;

async function serve(overrides: Partial<Env>) {
  const t = await createTestApp({ SHUTDOWN_TIMEOUT_MS: 2000, ...overrides });
  const running = await startHttpServer(t.app, 0, "127.0.0.1");
  return { t, running, url: running.url };
}

describe("live updates: process limits, persisted-only, shutdown, off", () => {
  it("bounds subscriptions per process, refuses unregistered documents, says 1001 on shutdown", async () => {
    const { t, running, url } = await serve({ LIVE_MAX_SUBSCRIPTIONS: 1, PERSISTED_QUERIES: "only" });
    try {
      const a = await LiveClient.connect(url);
      const first = a.subscribe(INDEX);
      const refused = await a.next(first);
      expect(refused.payload[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    } finally {
      await running.close();
      await t.close().catch(() => undefined);
    }
    const second = await serve({ LIVE_MAX_SUBSCRIPTIONS: 1 });
    try {
      const a = await LiveClient.connect(second.url);
      a.subscribe(INDEX);
      await new Promise((r) => setTimeout(r, 200));
      const b = await LiveClient.connect(second.url);
      const over = await b.next(b.subscribe(INDEX));
      expect(over.payload[0].extensions).toMatchObject({ code: "SUBSCRIPTION_LIMIT", scope: "process", limit: 1 });
      const closing = second.running.close();
      expect((await a.closed).code).toBe(1001);
      expect((await b.closed).code).toBe(1001);
      await closing;
    } finally {
      await second.running.close();
      await second.t.close().catch(() => undefined);
    }
  }, 60_000);

  it("LIVE_UPDATES=off serves no WebSocket", async () => {
    const { t, running, url } = await serve({ LIVE_UPDATES: "off" });
    try {
      expect(running.live).toBeNull();
      const client = new LiveClient(url);
      await expect(client.init()).rejects.toThrow();
    } finally {
      await running.close();
      await t.close().catch(() => undefined);
    }
  }, 60_000);
});
