import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, ENGINE, type TestApp } from "../helpers/db.js";
import { seedUniverse } from "../helpers/fixtures.js";
import { execute } from "../helpers/execute.js";

const QUERY = `query Nested($first: Int!, $from: Date, $to: Date) {
  assets(first: $first) {
    edges { node { symbol prices(from: $from, to: $to) { date close } marketCaps { date } latestPrice { close } } }
  }
}`;

describe(`nested reads are batched (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    // Batching alone: no fairness yields (QUERY_SLICE_MS), which may split a level's batch
    // when a request spends more than a slice of CPU there (docs/security.md "Time budgets"),
    // and a cost limit that admits 200 assets × open-range series (statement counts are measured here).
    t = await createTestApp({ QUERY_SLICE_MS: 10_000, MAX_QUERY_COST: 100_000_000 });
    await seedUniverse(t.db, 200, 10);
    // The cost check counts the tables once per 30 s (src/graphql/table-stats.ts): not per request.
    await execute(t.app, "{ __typename }");
  });
  afterAll(() => t?.close());

  async function statementsFor(first: number) {
    t.statements.length = 0;
    const result = await execute(t.app, QUERY, { first, from: "2024-01-03", to: "2024-01-07" });
    expect(result.errors).toBeUndefined();
    const edges = (result.data as any).assets.edges;
    expect(edges).toHaveLength(first);
    for (const e of edges) {
      expect(e.node.prices.map((p: any) => p.date)).toEqual([
        "2024-01-03",
        "2024-01-04",
        "2024-01-05",
        "2024-01-06",
        "2024-01-07",
      ]);
      expect(e.node.marketCaps).toEqual([{ date: "2024-01-01" }]);
    }
    return [...t.statements];
  }

  it("runs the same number of SQL statements for 5 and for 200 assets", async () => {
    const five = await statementsFor(5);
    const many = await statementsFor(200);
    expect(many.length).toBe(five.length);
    // The page, then one statement per relation field whatever the number of parents.
    expect(five.length).toBe(4);
    expect(many.filter((s) => /from unnest/.test(s) && /from prices p\b/.test(s))).toHaveLength(1);
  });

  it("counts and summarises only when the query asks for it", async () => {
    const counts = async (query: string) => {
      t.statements.length = 0;
      const result = await execute(t.app, query);
      expect(result.errors).toBeUndefined();
      return t.statements.filter((s) => /count\(/i.test(s)).length;
    };
    expect(await counts(`{ assets(first: 2) { edges { node { symbol } } } }`)).toBe(0);
    expect(
      await counts(
        `{ assets(first: 2) { ...Total edges { node { symbol } } } } fragment Total on AssetConnection { totalCount }`,
      ),
    ).toBe(1);
    expect(await counts(`{ dataQuality { truncated rows { date } } }`)).toBe(0);
    expect(await counts(`{ dataQuality { summary { rows } } }`)).toBe(1);
  });

  it("keeps a distinct range per parent in one statement", async () => {
    t.statements.length = 0;
    const result = await execute(
      t.app,
      `{ a: asset(symbol: "SYM001") { prices(from: "2024-01-02", to: "2024-01-03") { date } }
         b: asset(symbol: "SYM002") { prices(from: "2024-01-05", to: "2024-01-05") { date } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      a: { prices: [{ date: "2024-01-02" }, { date: "2024-01-03" }] },
      b: { prices: [{ date: "2024-01-05" }] },
    });
    expect(t.statements.filter((s) => /from prices p\b/.test(s))).toHaveLength(1);
  });

  it("reads the chart columns and the rows of every parent and range in one statement per table", async () => {
    const query = `query Charts($first: Int!) {
      assets(first: $first) { edges { node { symbol
        priceSeries(from: "2024-01-03", to: "2024-01-05") { dates closes }
        prices(from: "2024-01-03", to: "2024-01-05") { date close }
        wide: priceSeries { dates } } } }
      indexSeries(from: "2024-01-01") { dates values }
      all: indexSeries { dates }
      indexValues(from: "2024-01-01") { date value }
    }`;
    const run = async (first: number) => {
      t.statements.length = 0;
      const result = await execute(t.app, query, { first });
      expect(result.errors).toBeUndefined();
      const edges = (result.data as any).assets.edges;
      expect(edges).toHaveLength(first);
      for (const { node } of edges) {
        expect(node.priceSeries.dates).toEqual(["2024-01-03", "2024-01-04", "2024-01-05"]);
        expect(node.priceSeries.closes).toEqual(node.prices.map((p: any) => p.close));
        expect(node.wide.dates).toHaveLength(10);
      }
      return [...t.statements];
    };
    const five = await run(5);
    const many = await run(200);
    expect(many.length).toBe(five.length);
    // The page, one statement for both price ranges of every asset, one for the index's ranges.
    expect(five.length).toBe(3);
    expect(many.filter((s) => /from prices p\b/.test(s))).toHaveLength(1);
    expect(many.filter((s) => /from index_values v\b/.test(s))).toHaveLength(1);
  });
});
