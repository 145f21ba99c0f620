import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, ENGINE, type TestApp } from "../../helpers/db.js";
import { execute } from "../../helpers/execute.js";
import { seedUniverse } from "../../helpers/fixtures.js";

const BY_SYMBOLS = `query S($symbols: [String!], $first: Int) {
  assets(symbols: $symbols, first: $first) { totalCount edges { node { symbol priceSeries { dates } } } }
}`;

describe(`assets(symbols) and sectors (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ MAX_PAGE_SIZE: 50 });
    await seedUniverse(t.db, 6, 3); // SYM000..SYM005, sectors Utilities (even) and Energy (odd)
    await seedUniverse(t.db, 1, 3, "2024-01-01", { symbol: "NOSECTOR", sector: null } as never);
  });
  afterAll(() => t?.close());

  it("returns only the named assets, in symbol order, with their nested series in one request", async () => {
    t.statements.length = 0;
    const r = await execute(t.app, BY_SYMBOLS, { symbols: ["sym004", " SYM001 ", "SYM003", "NOPE"] });
    expect(r.errors).toBeUndefined();
    const data = r.data as {
      assets: { totalCount: number; edges: { node: { symbol: string; priceSeries: { dates: string[] } } }[] };
    };
    expect(data.assets.edges.map((e) => e.node.symbol)).toEqual(["SYM001", "SYM003", "SYM004"]);
    expect(data.assets.totalCount).toBe(3);
    for (const e of data.assets.edges)
      expect(e.node.priceSeries.dates).toEqual(["2024-01-01", "2024-01-02", "2024-01-03"]);
    // The three series come from one batched price statement, not one per asset.
    expect(t.statements.filter((q) => /"p"\."close"/.test(q))).toHaveLength(1);
  });

  it("combines with the other filters; an empty list matches nothing", async () => {
    const energy = await execute(
      t.app,
      `{ assets(symbols: ["SYM000", "SYM001", "SYM003"], sector: "Energy") { edges { node { symbol } } } }`,
    );
    expect((energy.data as any).assets.edges.map((e: any) => e.node.symbol)).toEqual(["SYM001", "SYM003"]);
    const none = await execute(t.app, BY_SYMBOLS, { symbols: [] });
    expect((none.data as any).assets).toEqual({ totalCount: 0, edges: [] });
  });

  it("refuses more symbols than a page holds, naming the argument", async () => {
    const symbols = Array.from({ length: 51 }, (_, i) => `S${i}`);
    const r = await execute(t.app, "query Q($symbols: [String!]) { assets(symbols: $symbols) { edges { cursor } } }", {
      symbols,
    });
    expect(r.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0].extensions?.field).toBe("symbols");
    expect(r.data?.assets ?? null).toBeNull();
  });

  it("sectors lists each sector once, sorted, leaving out assets without one", async () => {
    const r = await execute(t.app, "{ sectors }");
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ sectors: ["Energy", "Utilities"] });
  });
});
