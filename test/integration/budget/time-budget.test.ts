import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { returnSeries } from "../../../bench/cost-probes.js";
import { allowLongStatements } from "../../../src/db/statement-timeout.js";
import { createTestApp, ENGINE, POOL_MODE, type TestApp } from "../../helpers/db.js";
import { createLoaders } from "../../../src/loaders.js";
import { RequestCache } from "../../../src/request-cache.js";

const cpuMsOf = async <T>(fn: () => Promise<T>) => {
  const c0 = process.cpuUsage();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { value, cpuMs: (c.user + c.system) / 1000 };
};

describe(`a request past its time budget is cancelled (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ QUERY_TIMEOUT_MS: 200 });
  });
  /** Runs an operation with the request budget `timeoutMs` (read per request from the context's config). */
  const run = async (query: string, variables: Record<string, unknown>, timeoutMs: number) => {
    const config = { ...t.app.config, limits: { ...t.app.config.limits, queryTimeoutMs: timeoutMs } };
    const contextValue = {
      db: t.db,
      config,
      loaders: createLoaders(t.db),
      cache: new RequestCache(t.db),
      viewer: null,
      requestId: "test",
      log: t.app.log,
      clientAddress: "127.0.0.1",
    };
    const res = await t.app.apollo.executeOperation({ query, variables }, { contextValue });
    if (res.body.kind !== "single") throw new Error("unexpected incremental response");
    return res.body.singleResult;
  };
  afterAll(() => t?.close());

  it("stops a long request at the first checkpoint past QUERY_TIMEOUT_MS with TIMEOUT", async () => {
    const r = returnSeries(100_000);
    const q = (k: number) =>
      `query($r: [Float]!) { ` +
      `${Array.from({ length: k }, (_, i) => `a${i}: analyzeReturns(returns: $r) { var95 }`).join(" ")} }`;
    const one = await cpuMsOf(() => run(q(1), { r }, 60_000));
    expect(one.value.errors).toBeUndefined();
    // 20 analyses fit the cost limit; at ~20 ms of CPU each (or more) they cannot fit 100 ms.
    const many = await cpuMsOf(() => run(q(20), { r }, 100));
    expect(many.value.errors?.[0]?.extensions?.code).toBe("TIMEOUT");
    expect(many.value.errors?.[0]?.message).toMatch(/time budget of 100 ms/);
    // Cancelled, not finished: far less work than 20 analyses (each measured alone above).
    expect(many.cpuMs).toBeLessThan(12 * one.cpuMs);
  });

  // Behind a transaction pooler the pool's statement_timeout is the server's (PgBouncer's
  // connect_query), not QUERY_TIMEOUT_MS: test/e2e/pgbouncer.test.ts covers that mode.
  it.skipIf(ENGINE !== "postgres" || POOL_MODE === "transaction")(
    "cancels a statement past QUERY_TIMEOUT_MS, and lets maintenance transactions run longer",
    async () => {
      // The pool's statement_timeout is QUERY_TIMEOUT_MS (200 ms here).
      await expect(sql`select pg_sleep(0.5)`.execute(t.db)).rejects.toMatchObject({ code: "57014" });
      const inside = await t.db.transaction().execute(async (trx) => {
        await allowLongStatements(trx);
        await sql`select pg_sleep(0.3)`.execute(trx);
        return (await sql<{ statement_timeout: string }>`show statement_timeout`.execute(trx)).rows[0]
          .statement_timeout;
      });
      expect(inside).toBe("10min");
    },
  );
});
