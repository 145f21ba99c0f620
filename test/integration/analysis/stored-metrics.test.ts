import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertAssets } from "../../../src/assets/asset.repo.js";
import { upsertPriceRows } from "../../../src/prices/price.repo.js";
import { addDays } from "../../../src/shared/dates.js";
import { runEngine } from "../../../src/analytics/engine/engine.js";
import { toEngineConfig } from "../../../src/index/engine-config.js";
import { loadMarketData } from "../../../src/index/engine-input.repo.js";
import { computeIndex } from "../../../src/index/recompute.service.js";
import { recomputeIndex } from "../../helpers/services.js";
import { METRICS, STORED_METRIC_NAMES } from "../../../src/risk/metric-definitions.js";
import { getStrategyConfig } from "../../../src/strategy/strategy.repo.js";
import { createTestApp, ENGINE, type TestApp } from "../../helpers/db.js";
import { execute } from "../../helpers/execute.js";

/** Every stored metric (metric-definitions.ts) goes to its column and comes back through riskMetricsHistory. */
describe(`stored risk metrics round-trip (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // Four assets and the benchmark (SPY), moving up and down, so that every metric is defined somewhere.
    const assets = await upsertAssets(
      t.db,
      ["AAA", "BBB", "CCC", "DDD", "SPY"].map((symbol) => ({ symbol, name: null, sector: null })),
    );
    const prices = assets.flatMap((a, i) =>
      Array.from({ length: 300 }, (_, d) => ({
        assetId: a.id,
        date: addDays("2024-01-01", d),
        close: 50 + 8 * Math.sin(d / (5 + i) + i) + d / (10 + 5 * i),
      })),
    );
    await upsertPriceRows(t.db, prices);
    await recomputeIndex(t.db);
  });
  afterAll(() => t?.close());

  it("each row of riskMetricsHistory equals what the analytics computed, metric by metric", async () => {
    const strategy = await getStrategyConfig(t.db);
    const expected = computeIndex(
      runEngine({ ...(await loadMarketData(t.db)), config: toEngineConfig(strategy) }),
      strategy.riskFreeRate,
    );
    const res = await execute(
      t.app,
      `{ riskMetricsHistory(from: "2000-01-01") { date ${STORED_METRIC_NAMES.join(" ")} } }`,
    );
    expect(res.errors).toBeUndefined();
    const rows = (res.data as { riskMetricsHistory: Record<string, unknown>[] }).riskMetricsHistory;
    expect(rows).toHaveLength(expected.length);
    expect(rows).toEqual(
      expected.map((r) => Object.fromEntries([["date", r.date], ...STORED_METRIC_NAMES.map((k) => [k, r[k]])])),
    );
    // The rows exercise every column: each stored metric is non-null somewhere (an enum included).
    for (const k of STORED_METRIC_NAMES)
      expect(
        rows.some((r) => r[k] !== null),
        `${k} (${METRICS[k].column})`,
      ).toBe(true);
  });
});
