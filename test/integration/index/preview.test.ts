import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { marketDataVersion } from "../../../src/index/engine-input.repo.js";
import { createTestApp, ENGINE, type TestApp } from "../../helpers/db.js";
import { ADMIN, execute } from "../../helpers/execute.js";
import { recomputeIndex, seedDemoData } from "../../helpers/services.js";

const USER = { userId: 1, role: "user" as const, via: "jwt" as const };
const PREVIEW = `query($config: StrategyConfigInput!) {
  previewStrategy(config: $config) {
    config { rebalanceFrequency momentumWeight marketCapWeight riskParityWeight }
    inceptionDate indexValues { date value } rebalances { date eligibleCount turnover allocations { weight asset {
      symbol } } }
    metrics { date totalReturn volatility maxDrawdown } events { date type } alerts engineMs
  }
}`;

describe(`recomputeIndex and previewStrategy over GraphQL (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoData(t.db);
  });
  afterAll(() => t?.close());

  it("lets only admins recompute", async () => {
    const anonymous = await execute(t.app, "mutation { recomputeIndex { tradingDates } }");
    expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const user = await execute(t.app, "mutation { recomputeIndex { tradingDates } }", {}, USER);
    expect(user.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(await t.db.selectFrom("index_values").select("date").limit(1).execute()).toEqual([]);
    const admin = await execute(
      t.app,
      "mutation { recomputeIndex { tradingDates inceptionDate latestDate rebalances totalMs } }",
      {},
      ADMIN,
    );
    expect(admin.errors).toBeUndefined();
    expect(admin.data?.recomputeIndex).toMatchObject({ tradingDates: 1280, latestDate: "2025-12-31" });
  });

  it("previews the stored configuration exactly as the stored index, writing nothing", async () => {
    const version = await marketDataVersion(t.db);
    const stored = await t.db.selectFrom("index_values").select(["date", "value"]).orderBy("date").execute();
    const res = await execute(t.app, PREVIEW, { config: {} }, ADMIN);
    expect(res.errors).toBeUndefined();
    const p = (res.data as any).previewStrategy;
    expect(p.indexValues).toEqual(stored);
    const latest = await t.db
      .selectFrom("risk_metrics")
      .select(["date", "total_return", "volatility"])
      .orderBy("date", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(p.metrics).toMatchObject({
      date: latest.date,
      totalReturn: latest.total_return,
      volatility: latest.volatility,
    });
    expect(await marketDataVersion(t.db)).toBe(version);
  });

  it("shows a change's effect without applying it", async () => {
    const before = await t.db.selectFrom("strategy_configs").selectAll().executeTakeFirstOrThrow();
    const storedRebalances = (await t.db.selectFrom("index_rebalances").select("date").execute()).length;
    const res = await execute(
      t.app,
      PREVIEW,
      {
        config: {
          rebalanceFrequency: "QUARTERLY",
          momentumWeight: 1,
          marketCapWeight: 0,
          riskParityWeight: 0,
          maxAssetWeight: 0.1,
        },
      },
      ADMIN,
    );
    expect(res.errors).toBeUndefined();
    const p = (res.data as any).previewStrategy;
    expect(p.config.rebalanceFrequency).toBe("QUARTERLY");
    expect(p.rebalances.length).toBeLessThan(storedRebalances / 5);
    for (const r of p.rebalances) {
      const sum = r.allocations.reduce((s: number, a: any) => s + a.weight, 0);
      expect(sum).toBeCloseTo(1, 9);
      for (const a of r.allocations) expect(a.weight).toBeLessThanOrEqual(0.1 + 1e-12);
    }
    expect(await t.db.selectFrom("strategy_configs").selectAll().executeTakeFirstOrThrow()).toEqual(before);
    expect((await t.db.selectFrom("index_rebalances").select("date").execute()).length).toBe(storedRebalances);
  });

  it("validates the merged configuration, naming the field", async () => {
    const res = await execute(t.app, PREVIEW, { config: { momentumWeight: 0.9 } }, ADMIN);
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "momentumWeight" });
    // 10,000 bps took the whole value at inception: levels 0 then NaN, INTERNAL_SERVER_ERROR.
    const costs = await execute(t.app, PREVIEW, { config: { transactionCostBps: 10_000 } }, ADMIN);
    expect(costs.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "transactionCostBps" });
    expect(costs.errors?.[0].message).toMatch(/transactionCostBps must be in \[0, 1000\] basis points/);
    // The frequency is an enum: an unknown value, or the stored lower-case spelling, is refused by coercion.
    for (const value of ["hourly", "quarterly"]) {
      const freq = await execute(t.app, PREVIEW, { config: { rebalanceFrequency: value } }, ADMIN);
      expect(freq.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(freq.errors?.[0].message).toMatch(/rebalanceFrequency.*"RebalanceFrequency"/);
    }
    const user = await execute(t.app, PREVIEW, { config: {} }, USER);
    expect(user.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("sees new market data at once (the cache follows the data version)", async () => {
    const first = (await execute(t.app, PREVIEW, { config: {} }, ADMIN)).data as any;
    const last = first.previewStrategy.indexValues.at(-1);
    const spy = await t.db.selectFrom("assets").select("id").where("symbol", "=", "ARW").executeTakeFirstOrThrow();
    await t.db
      .updateTable("prices")
      .set((eb) => ({ close: eb("close", "*", 2) }))
      .where("asset_id", "=", spy.id)
      .where("date", "=", "2025-12-31")
      .execute();
    const second = (await execute(t.app, PREVIEW, { config: {} }, ADMIN)).data as any;
    expect(second.previewStrategy.indexValues.at(-1).value).not.toBe(last.value);
    expect(second.previewStrategy.indexValues.at(-2)).toEqual(first.previewStrategy.indexValues.at(-2));
  });

  it("forceRebalance with recompute rebalances on the latest date in the same call", async () => {
    const { version } = await t.db.selectFrom("strategy_configs").select("version").executeTakeFirstOrThrow();
    const res = await execute(
      t.app,
      `mutation($v: Int) { forceRebalance(reason: "quarter-end review", expectedVersion: $v, recompute: true) {
        recomputed config { forceRebalance lastRebalance forcedRebalanceDates version } } }`,
      { v: version },
      ADMIN,
    );
    expect(res.errors).toBeUndefined();
    expect((res.data as any).forceRebalance).toEqual({
      recomputed: true,
      config: {
        forceRebalance: false,
        lastRebalance: "2025-12-31",
        forcedRebalanceDates: ["2025-12-31"],
        version: version + 1,
      },
    });
    const forced = await t.db
      .selectFrom("index_rebalances")
      .select(["date", "forced"])
      .where("forced", "=", true)
      .execute();
    expect(forced).toEqual([{ date: "2025-12-31", forced: true }]);
  });

  it("runs a standalone recompute and a strategy change with recompute at the same time without deadlock", async () => {
    const { version } = await t.db.selectFrom("strategy_configs").select("version").executeTakeFirstOrThrow();
    const [standalone, change] = await Promise.all([
      recomputeIndex(t.db),
      execute(
        t.app,
        `mutation($v: Int!) { updateStrategyConfig(input: { transactionCostBps: 5 }, reason: "costs", expectedVersion:
          $v, recompute: true) { recomputed } }`,
        { v: version },
        ADMIN,
      ),
      recomputeIndex(t.db),
    ]).then(([a, b]) => [a, b] as const);
    expect(standalone.tradingDates).toBe(1280);
    expect(change.errors).toBeUndefined();
    expect((change.data as any).updateStrategyConfig.recomputed).toBe(true);
  });
});
