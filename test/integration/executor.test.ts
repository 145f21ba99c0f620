import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Context } from "../../src/context.js";
import { createLoaders } from "../../src/loaders.js";
import { RequestCache } from "../../src/request-cache.js";
import { createTestApp, ENGINE, type TestApp } from "../helpers/db.js";
import { execute } from "../helpers/execute.js";
import { recomputeIndex, seedDemoData } from "../helpers/services.js";

// The compiled executor (graphql-jit) must answer exactly as graphql-js does: data, nulls,
// errors with their paths and codes, variables, fragments, directives, introspection.
const CASES: [string, string, Record<string, unknown>?][] = [
  [
    "the README's Dashboard query",
    `query Dashboard {
      assets(first: 3, sector: "Information Technology") {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { symbol name prices(from: "2025-12-01", to: "2025-12-31") { date close } latestPrice { date
          close } } }
      }
      indexValues(from: "2025-01-01") { date value }
      allocations { date weight asset { symbol sector } }
      holdings(date: "2025-06-30") { date value positions { weight asset { symbol } } }
      riskMetrics(window: ONE_YEAR) { startDate endDate totalReturn volatility sharpeRatio maxDrawdown var95
        conventions { periodsPerYear ddof varMethod } }
      benchmarkComparison(from: "2025-01-01") { benchmarkSymbol active { excessReturn trackingError informationRatio
        beta correlation } }
      strategyConfig { rebalanceFrequency momentumWeight marketCapWeight riskParityWeight version }
    }`,
  ],
  [
    "fragments, aliases, variables, directives and __typename",
    `query Q($first: Int = 4, $from: Date!, $withCaps: Boolean!, $noName: Boolean!) {
      page: assets(first: $first) { __typename ...Page }
      again: assets(first: 2, after: null) { edges { cursor node { id ... on Asset { symbol } } } }
      rebalances(from: $from) { date turnover allocations { weight asset { symbol latestPrice { close } } } }
    }
    fragment Page on AssetConnection { edges { node { __typename symbol name @skip(if: $noName) marketCaps
      @include(if: $withCaps) { date marketCap freeFloat } prices(from: $from, to: "2024-01-10") { date close } } }
      }`,
    { from: "2024-01-02", withCaps: true, noName: true },
  ],
  [
    "columns next to rows",
    `{ assets(first: 2) { edges { node { priceSeries(from: "2025-06-01", to: "2025-06-10") { dates closes }
      prices(from: "2025-06-01", to: "2025-06-10") { date } } } } indexSeries(from: "2025-12-20") { dates values } }`,
  ],
  [
    "a resolver's error on a nullable field",
    `{ asset(id: "1", symbol: "X") { symbol } ok: asset(symbol: "zzzz") { symbol } }`,
  ],
  [
    "a resolver's error under a non-null field",
    `{ strategyConfig { version } assets(first: 1, after: "not a cursor") { totalCount } }`,
  ],
  ["an argument error from a scalar", `{ indexValues(from: "2025-02-30") { date } }`],
  ["an invalid variable", `query($d: Date) { indexValues(from: $d) { date } }`, { d: "2025-13-01" }],
  ["a missing required variable", `query($d: Date!) { indexValues(from: $d) { date } }`],
  ["an admin mutation without a viewer", `mutation { recomputeIndex { __typename } }`],
  [
    "introspection",
    `{ __schema { queryType { name } types { name kind } } __type(name: "PriceSeries") { fields { name type { kind
      ofType { kind ofType { kind ofType { name } } } } } } }`,
  ],
];

describe(`the compiled executor answers as graphql-js (${ENGINE})`, () => {
  let compiled: TestApp;
  let reference: TestApp;
  beforeAll(async () => {
    [compiled, reference] = await Promise.all([createTestApp(), createTestApp({}, { executor: "graphql-js" })]);
    for (const t of [compiled, reference]) {
      await seedDemoData(t.db);
      await recomputeIndex(t.db);
    }
  }, 120_000);
  afterAll(async () => {
    await compiled?.close();
    await reference?.close();
  });

  it.each(CASES)("%s", async (_, query, variables) => {
    const [a, b] = await Promise.all([
      execute(compiled.app, query, variables),
      execute(reference.app, query, variables),
    ]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.data !== undefined || a.errors !== undefined).toBe(true);
  });

  it("selects the named operation of several, and refuses an unknown one", async () => {
    const doc = `query A { strategyConfig { version } } query B { indexSeries(from: "2025-12-01") { dates } }`;
    for (const operationName of ["A", "B", "C"]) {
      const run = (t: TestApp) =>
        t.app.apollo.executeOperation({ query: doc, operationName }, { contextValue: contextOf(t) });
      const [a, b] = await Promise.all([run(compiled), run(reference)]);
      expect(JSON.stringify(a.body)).toBe(JSON.stringify(b.body));
    }
  });

  it("serves the columns and the rows of a series from the same values", async () => {
    const result = await execute(
      compiled.app,
      `{ assets(first: 5) { edges { node { priceSeries(from: "2025-01-01") { dates closes }
        prices(from: "2025-01-01") { date close } } } }
         indexSeries { dates values } indexValues { date value } }`,
    );
    expect(result.errors).toBeUndefined();
    const data = result.data as any;
    // the fifth has no prices in 2025
    expect(data.assets.edges.filter((e: any) => e.node.prices.length > 200)).toHaveLength(4);
    for (const { node } of data.assets.edges) {
      expect(node.priceSeries.dates).toEqual(node.prices.map((p: any) => p.date));
      expect(node.priceSeries.closes).toEqual(node.prices.map((p: any) => p.close));
    }
    expect(data.indexValues.length).toBeGreaterThan(1000);
    expect(data.indexSeries).toEqual({
      dates: data.indexValues.map((v: any) => v.date),
      values: data.indexValues.map((v: any) => v.value),
    });
  });
});

// executeOperation with an operation name needs the context execute() builds.
const contextOf = (t: TestApp): Context => ({
  db: t.app.database.db,
  config: t.app.config,
  loaders: createLoaders(t.app.database.db),
  cache: new RequestCache(t.app.database.db),
  viewer: null,
  requestId: "test",
  log: t.app.log,
  clientAddress: "127.0.0.1",
});
