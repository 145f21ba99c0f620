import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, ENGINE, type TestApp } from "../../helpers/db.js";
import { ADMIN, execute } from "../../helpers/execute.js";
import { AI, FORCE, HISTORY, UPDATE } from "../../e2e/auth/auth-helpers.js";

describe(`strategy mutations and their audit trail (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(() => t.reset());
  afterAll(() => t?.close());
  const run = (q: string, v: Record<string, unknown>, viewer = ADMIN) => execute(t.app, q, v, viewer);
  const row = () => t.db.selectFrom("strategy_configs").selectAll().executeTakeFirstOrThrow();

  it("writes the merged config and one audit entry with only the real changes", async () => {
    const res = await run(UPDATE, {
      input: { momentumWeight: 0.5, marketCapWeight: 0.2, riskParityWeight: 0.3, rebalanceFrequency: "MONTHLY" },
      reason: " rebalance less often ",
      v: 1,
    });
    expect(res.errors).toBeUndefined();
    const r = await row();
    expect(r).toMatchObject({
      version: 2,
      momentum_weight: 0.5,
      market_cap_weight: 0.2,
      risk_parity_weight: 0.3,
      rebalance_frequency: "monthly",
    });
    expect(r.adjustment_history).toHaveLength(1);
    const entry = r.adjustment_history[0];
    expect(entry).toMatchObject({
      userId: null,
      actor: "admin-token",
      reason: "rebalance less often",
      kind: "update",
      version: 2,
    });
    expect(entry.changes).toEqual({
      momentumWeight: { from: 0.4, to: 0.5 },
      marketCapWeight: { from: 0.3, to: 0.2 },
      rebalanceFrequency: { from: "weekly", to: "monthly" },
    });
    expect(new Date(entry.timestamp).toISOString()).toBe(entry.timestamp);
  });

  it("a stale expectedVersion is CONFLICT with the current version, and changes nothing", async () => {
    await run(UPDATE, { input: { transactionCostBps: 1 }, reason: "first", v: 1 });
    const res = await run(UPDATE, { input: { transactionCostBps: 2 }, reason: "stale", v: 1 });
    expect(res.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    expect((await row()).transaction_cost_bps).toBe(1);
    expect((await row()).adjustment_history).toHaveLength(1);
  });

  it("clears the cap and the benchmark only through the explicit flags", async () => {
    await run(UPDATE, { input: { maxAssetWeight: 0.25 }, reason: "cap", v: 1 });
    await run(UPDATE, { input: { maxAssetWeight: null, benchmarkSymbol: null }, reason: "nulls keep", v: 2 });
    expect(await row()).toMatchObject({ max_asset_weight: 0.25, benchmark_symbol: "SPY", version: 3 });
    await run(UPDATE, { input: { clearMaxAssetWeight: true, clearBenchmarkSymbol: true }, reason: "uncap", v: 3 });
    expect(await row()).toMatchObject({ max_asset_weight: null, benchmark_symbol: null, version: 4 });
    expect((await row()).adjustment_history[2].changes).toEqual({
      maxAssetWeight: { from: 0.25, to: null },
      benchmarkSymbol: { from: "SPY", to: null },
    });
  });

  it("applyAiAdjustment sets the ai_* fields; forceRebalance sets the flag; both audited", async () => {
    const viewer = { userId: 42, role: "admin" as const, via: "jwt" as const };
    expect(
      (
        await run(
          AI,
          { input: { momentumWeight: 0.6, riskParityWeight: 0.1 }, reason: "regime shift", c: 0.7, v: 1 },
          viewer,
        )
      ).errors,
    ).toBeUndefined();
    expect((await run(FORCE, { reason: "now" }, viewer)).errors).toBeUndefined();
    const r = await row();
    expect(r).toMatchObject({
      ai_adjusted: true,
      ai_adjustment_reason: "regime shift",
      ai_confidence_score: 0.7,
      version: 3,
    });
    // The request's state lives in index_state (the recompute clears it there); the request itself is audited here.
    expect(await t.db.selectFrom("index_state").select("force_rebalance").executeTakeFirstOrThrow()).toEqual({
      force_rebalance: true,
    });
    expect(r.adjustment_history[1].changes).toEqual({ forceRebalance: { from: false, to: true } });
    expect(r.adjustment_history.map((e) => [e.kind, e.userId, e.actor, e.version])).toEqual([
      ["ai_adjustment", 42, "user", 2],
      ["force_rebalance", 42, "user", 3],
    ]);
    expect(r.adjustment_history[0].changes).toMatchObject({
      aiAdjusted: { from: false, to: true },
      aiConfidenceScore: { from: null, to: 0.7 },
    });
  });

  it("strategyHistory pages newest first with cursors and tolerates the seed's older entry shape", async () => {
    await t.db
      .updateTable("strategy_configs")
      .set({
        adjustment_history: JSON.stringify([
          { timestamp: "2024-01-15T10:30:00Z", changes: { momentum_weight: 0.45 }, user_id: 123, reason: "legacy" },
        ]) as never,
      })
      .execute();
    for (let v = 1; v <= 4; v++) await run(UPDATE, { input: { transactionCostBps: v }, reason: `r${v}`, v });
    const viewer = { userId: 1, role: "user" as const, via: "jwt" as const };
    const p1 = (await run(HISTORY, { first: 3 }, viewer)).data as any;
    expect(p1.strategyHistory.totalCount).toBe(5);
    expect(p1.strategyHistory.edges.map((e: any) => e.node.reason)).toEqual(["r4", "r3", "r2"]);
    // The stored kind and actor ("update", "admin-token") are served as their enum names.
    expect(p1.strategyHistory.edges[0].node).toMatchObject({ kind: "UPDATE", actor: "ADMIN_TOKEN", userId: null });
    expect(p1.strategyHistory.pageInfo.hasNextPage).toBe(true);
    const p2 = (await run(HISTORY, { first: 3, after: p1.strategyHistory.pageInfo.endCursor }, viewer)).data as any;
    expect(p2.strategyHistory.edges.map((e: any) => e.node)).toMatchObject([
      { reason: "r1", kind: "UPDATE", actor: "ADMIN_TOKEN" },
      {
        reason: "legacy",
        userId: "123",
        kind: null,
        actor: null,
        changes: [{ field: "momentum_weight", from: null, to: 0.45 }],
      },
    ]);
    expect(p2.strategyHistory.pageInfo.hasNextPage).toBe(false);
    expect((await run(HISTORY, { first: 1 }, null as never)).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  // The audit trail grows by an entry per change, forever (a 10-minute soak with strategy writes
  // appended ~500): reading the configuration, or writing it, must not load it. Both used to
  // select the whole row, so every Dashboard read carried the history and got slower with it.
  it("reads and writes the configuration without loading the audit trail", async () => {
    for (let v = 1; v <= 3; v++) await run(UPDATE, { input: { transactionCostBps: v }, reason: `bps ${v}`, v });
    t.statements.length = 0;
    const read = await run(`{ strategyConfig { version transactionCostBps } }`, {});
    expect(read.data).toEqual({ strategyConfig: { version: 4, transactionCostBps: 3 } });
    const write = await run(UPDATE, { input: { transactionCostBps: 9 }, reason: "bps 9", v: 4 });
    expect(write.errors).toBeUndefined();
    const touching = t.statements.filter((q) => /strategy_configs/.test(q));
    expect(touching.length).toBeGreaterThanOrEqual(2);
    for (const q of touching) {
      // The append itself (`adjustment_history || $n`) is the only mention the history may have.
      const rest = q.replace(/"adjustment_history" = adjustment_history \|\| \$\d+::jsonb/, "");
      expect(rest).not.toMatch(/adjustment_history|"s"\.\*|select \*|returning \*/);
    }
    expect((await row()).adjustment_history).toHaveLength(4);
  });
});
