import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINE } from "../../helpers/db.js";
import { startTestServer, type TestServer } from "../../helpers/http.js";
import * as Q from "./auth-helpers.js";

const N = 50;

/** 50 concurrent updateStrategyConfig calls: each lands with its audit entry or gets CONFLICT; nothing is lost. */
describe(`concurrent strategy updates over HTTP (${ENGINE})`, () => {
  let s: TestServer;
  let admin: Q.Signed;
  beforeAll(async () => {
    s = await startTestServer(Q.AUTH_ENV);
    admin = await Q.signedIn(s.db, s.app.config, "admin@example.org", "admin");
  });
  afterAll(() => s?.close());

  const version = async () => (await s.post(Q.VERSION)).body.data.strategyConfig.version as number;
  /** A distinct valid weight triple per call, so every success is a real change. */
  const input = (i: number) => ({
    momentumWeight: 0.2 + i / 1000,
    marketCapWeight: 0.3,
    riskParityWeight: 0.5 - i / 1000,
  });
  const update = (i: number, v: number) => s.post(Q.UPDATE, { input: input(i), reason: `call ${i}`, v }, admin.headers);

  async function history() {
    const res = await s.post(Q.HISTORY, { first: 500 }, admin.headers);
    return res.body.data.strategyHistory.edges.map((e: any) => e.node) as { version: number; reason: string }[];
  }

  async function check(results: { body: any }[], v0: number, historyBefore: number) {
    const codes = results.map((r) => Q.codeOf(r.body));
    const successes = codes.filter((c) => c === "OK").length;
    const conflicts = codes.filter((c) => c === "CONFLICT").length;
    expect(successes + conflicts).toBe(N);
    for (const r of results.filter((r) => Q.codeOf(r.body) === "CONFLICT"))
      expect(r.body.errors[0].extensions.currentVersion).toBeGreaterThan(v0 - 1);
    const entries = (await history()).slice(0, (await history()).length - historyBefore).reverse();
    expect(entries).toHaveLength(successes);
    expect(entries.map((e) => e.version)).toEqual(Array.from({ length: successes }, (_, k) => v0 + 1 + k));
    const landed = results
      .filter((r) => Q.codeOf(r.body) === "OK")
      .map((r) => r.body.data.updateStrategyConfig.adjustment.version)
      .sort((a, b) => a - b);
    expect(landed).toEqual(entries.map((e) => e.version));
    expect(await version()).toBe(v0 + successes);
    return { successes, conflicts };
  }

  it("the same expectedVersion: exactly one success, 49 CONFLICT", async () => {
    const v0 = await version();
    const before = (await history()).length;
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: N }, (_, i) => update(i, v0)));
    const ms = Math.round(performance.now() - started);
    const r = await check(results, v0, before);
    console.log(`[${ENGINE}] same version: ${r.successes} ok / ${r.conflicts} conflicts in ${ms} ms`);
    expect(r).toEqual({ successes: 1, conflicts: N - 1 });
  });

  it("sequential expectedVersions fired at once: successes + conflicts = 50, history gapless", async () => {
    const v0 = await version();
    const before = (await history()).length;
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: N }, (_, i) => update(i, v0 + i)));
    const ms = Math.round(performance.now() - started);
    const r = await check(results, v0, before);
    console.log(`[${ENGINE}] sequential versions: ${r.successes} ok / ${r.conflicts} conflicts in ${ms} ms`);
    expect(r.successes).toBeGreaterThanOrEqual(1);
  });

  it("50 clients that re-read and retry on CONFLICT: all 50 land, none lost", async () => {
    const v0 = await version();
    const before = (await history()).length;
    let attempts = 0;
    const client = async (i: number) => {
      let attempt = 1;
      for (;;) {
        attempts++;
        const res = await update(i, await version());
        if (Q.codeOf(res.body) !== "CONFLICT") return res;
        // Randomised, growing backoff, as a real client would: without it 50 clients retry in lock-step.
        await new Promise((r) => setTimeout(r, Math.random() * 25 * Math.min(attempt++, 8)));
      }
    };
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: N }, (_, i) => client(i)));
    const ms = Math.round(performance.now() - started);
    expect(await check(results, v0, before)).toEqual({ successes: N, conflicts: 0 });
    const reasons = new Set((await history()).slice(0, N).map((e) => e.reason));
    expect(reasons.size).toBe(N);
    console.log(`[${ENGINE}] retrying clients: ${N} landed after ${attempts} attempts in ${ms} ms`);
  }, 240_000);
});
