import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recomputeIndex } from "../../helpers/services.js";
import { createTestApp, ENGINE, type TestApp } from "../../helpers/db.js";
import { execute } from "../../helpers/execute.js";
import { seedUniverse } from "../../helpers/fixtures.js";

type Weights = { id: string; symbol: string; weights: { date: string; weight: number }[] };

describe(`Asset.weights: an asset's weight history (${ENGINE})`, () => {
  let t: TestApp;
  let rebalances: { date: string; allocations: { assetId: string; weight: number }[] }[];
  beforeAll(async () => {
    t = await createTestApp();
    await seedUniverse(t.db, 4, 150);
    await recomputeIndex(t.db);
    const r = await execute(t.app, "{ rebalances { date allocations { assetId weight } } }");
    rebalances = (r.data as any).rebalances;
    expect(rebalances.length).toBeGreaterThan(2);
  });
  afterAll(() => t?.close());

  it("lists the weights of every rebalance that holds the asset, by date, for a page in one statement", async () => {
    t.statements.length = 0;
    const r = await execute(t.app, "{ assets(first: 4) { edges { node { id symbol weights { date weight } } } } }");
    expect(r.errors).toBeUndefined();
    const nodes: Weights[] = (r.data as any).assets.edges.map((e: { node: Weights }) => e.node);
    for (const n of nodes) {
      const expected = rebalances.flatMap((b) =>
        b.allocations.filter((a) => a.assetId === n.id).map((a) => ({ date: b.date, weight: a.weight })),
      );
      expect(n.weights, n.symbol).toEqual(expected);
    }
    expect(nodes.some((n) => n.weights.length > 0)).toBe(true);
    expect(t.statements.filter((q) => /from allocations a where a\.asset_id/.test(q))).toHaveLength(1);
  });

  it("keeps to the range, inclusive, and refuses from after to", async () => {
    const [, second, third] = rebalances.map((b) => b.date);
    const held = rebalances[1].allocations[0].assetId;
    const r = await execute(
      t.app,
      `query W($id: ID!, $from: Date, $to: Date) {
      asset(id: $id) { weights(from: $from, to: $to) { date } } }`,
      { id: held, from: second, to: third },
    );
    expect(r.errors).toBeUndefined();
    const dates = (r.data as any).asset.weights.map((w: { date: string }) => w.date);
    expect(dates[0]).toBe(second);
    for (const d of dates) expect(d >= second && d <= third).toBe(true);
    const bad = await execute(
      t.app,
      `{ asset(id: "${held}") { weights(from: "${third}", to: "${second}") { date } } }`,
    );
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });
});
