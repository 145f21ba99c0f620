import { parse, type OperationDefinitionNode } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { documentCost, TooManyNodesError } from "../../../src/graphql/cost.js";
import { ANALYZE_ITEM_COST, ARG_ITEM_COST, SCAN_ROW_COST, STATEMENT_COST } from "../../../src/graphql/cost-units.js";
import { loadConfig } from "../../../src/config.js";
import { getSchema } from "../../../src/graphql/schema.js";
import type { TableStats } from "../../../src/graphql/table-stats.repo.js";

let schema: Awaited<ReturnType<typeof getSchema>>;
beforeAll(async () => {
  schema = await getSchema();
});

const cost = (query: string, variables: Record<string, unknown> = {}, maxNodes = 100_000, stats?: TableStats) => {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition")!;
  return documentCost(schema, document, operation, variables, maxNodes, stats)!;
};
const aliases = (k: number, field: string) => Array.from({ length: k }, (_, i) => `a${i}: ${field}`).join(" ");

describe("the query cost walks the operation as it executes", () => {
  it("weighs a list argument by its length, at every place a variable is used", () => {
    const q = (k: number) => `query($r: [Float]!) { ${aliases(k, "analyzeReturns(returns: $r) { var95 }")} }`;
    const r = (n: number) => ({ r: Array.from({ length: n }, () => 0.01) });
    const one = cost(q(1), r(10_000));
    // 10,000 returns: the analysis and the argument's items, plus the field and its child.
    expect(one).toBe(Math.ceil(1 + 10_000 * ANALYZE_ITEM_COST + 1 + 10_000 * ARG_ITEM_COST));
    expect(cost(q(1), r(100_000))).toBeGreaterThan(9 * one);
    // Five aliases analyse the same variable five times.
    expect(cost(q(5), r(10_000))).toBeGreaterThanOrEqual(5 * one - 5);
    // The attack of the issue: 100,000 entries used by 4,999 aliases.
    expect(cost(q(4999), r(100_000))).toBeGreaterThan(100 * loadConfig({}).limits.maxCost);
  });

  it("weighs list arguments of any field, literal or variable (indexEvents types, dataQuality symbols)", () => {
    const types = (n: number) => `[${Array.from({ length: n }, () => "DROP_ALERT").join(", ")}]`;
    const extra =
      cost(`{ indexEvents(types: ${types(2000)}) { date } }`) - cost(`{ indexEvents(types: ${types(1)}) { date } }`);
    expect(Math.abs(extra - 1999 * ARG_ITEM_COST)).toBeLessThanOrEqual(1); // costs are rounded up
    const syms = { s: Array.from({ length: 1000 }, (_, i) => `S${i}`) };
    expect(
      cost(
        `query($s: [String!]) { a: dataQuality(symbols: $s, first: 0) { truncated } b: dataQuality(symbols: $s, first:
          0) { truncated } }`,
        syms,
      ),
    ).toBeGreaterThan(2 * 1000 * ARG_ITEM_COST);
  });

  it("charges a packed series' columns once per row, like the row path's fields", () => {
    const asset = (fields: string) => cost(`{ asset(symbol: "A") { ${fields} } }`);
    // Before, each column was also a list of DEFAULT_LIST_ITEMS per row: eleven times the row path.
    expect(asset("priceSeries { dates closes }")).toBe(asset("prices { date close }"));
    expect(asset("priceSeries { closes }")).toBe(asset("prices { close }"));
    expect(cost(`{ indexSeries { dates values } }`)).toBe(cost(`{ indexValues { date value } }`));
    // The dashboard's comparison: twelve assets over an open range in one request, within the default limit.
    const symbols = { s: Array.from({ length: 12 }, (_, i) => `S${i}`) };
    const compare = `query($s: [String!]!) { assets(symbols: $s, first: 12) { edges { node {
      symbol priceSeries { dates closes } } } } }`;
    expect(cost(compare, symbols)).toBeLessThan(loadConfig({}).limits.maxCost);
    // … and still priced by the rows: a hundred assets are not.
    const hundred = { s: Array.from({ length: 100 }, (_, i) => `S${i}`) };
    expect(cost(compare.replace("first: 12", "first: 100"), hundred)).toBeGreaterThan(loadConfig({}).limits.maxCost);
  });

  it("charges a count and a summary for their scan, not for `first`", () => {
    expect(cost(`{ assets(first: 0) { totalCount } }`)).toBeGreaterThanOrEqual(STATEMENT_COST);
    expect(cost(`{ ${aliases(200, "assets(first: 0) { totalCount }")} }`)).toBeGreaterThan(200 * STATEMENT_COST);
    const stats: TableStats = {
      assets: 51,
      indexDays: 1250,
      rebalances: 60,
      maxAllocations: 51,
      events: 100,
      flags: 100_000,
      priceFrom: "2021-01-04",
      priceTo: "2025-12-31",
    };
    const summary = cost(`{ dataQuality(first: 0) { summary { rows } } }`, {}, 100_000, stats);
    expect(summary).toBeGreaterThanOrEqual(2 * (STATEMENT_COST + 100_000 * SCAN_ROW_COST));
    // The page size weighs the edges only: an edge here is node (1) + symbol (1).
    expect(
      cost(`{ assets(first: 100) { edges { node { symbol } } } }`) -
        cost(`{ assets(first: 10) { edges { node { symbol } } } }`),
    ).toBe(90 * 2);
  });

  it("bounds its guesses by the stored table sizes when they are known", () => {
    const stats: TableStats = {
      assets: 51,
      indexDays: 1250,
      rebalances: 60,
      maxAllocations: 51,
      events: 100,
      flags: 600,
      priceFrom: "2021-01-04",
      priceTo: "2025-12-31",
    };
    expect(cost(`{ indexValues { date value } }`)).toBe(1 + 2520 * 2);
    expect(cost(`{ indexValues { date value } }`, {}, 100_000, stats)).toBe(1 + 1250 * 2);
    expect(cost(`{ rebalances { allocations { weight } } }`, {}, 100_000, stats)).toBe(1 + 60 * (1 + 51 * 1));
  });

  it("charges an open range by the stored history, however long, and a closed one within it", () => {
    const thirtyYears: TableStats = {
      assets: 500,
      indexDays: 7560,
      rebalances: 360,
      maxAllocations: 500,
      events: 100_000,
      flags: 10_000_000,
      priceFrom: "1995-01-03",
      priceTo: "2024-12-31",
    };
    // The blind guess is ten years (2,520 rows); the stored index has thirty.
    expect(cost(`{ indexSeries { dates values } }`, {}, 100_000, thirtyYears)).toBe(1 + 7560 * 2);
    expect(
      cost(`{ indexValues(from: "2024-01-01", to: "2024-12-31") { value } }`, {}, 100_000, thirtyYears),
    ).toBeLessThan(300);
    const closes = (range: string, stats: TableStats) =>
      cost(`{ asset(symbol: "A") { priceSeries${range} { closes } } }`, {}, 100_000, stats);
    const thirty = closes("", thirtyYears);
    expect(thirty).toBeGreaterThan(7500);
    // A range before or after the stored prices costs next to nothing; one inside them, its length.
    expect(closes(`(from: "1990-01-01", to: "1990-12-31")`, thirtyYears)).toBeLessThan(10);
    expect(closes(`(from: "2020-01-01", to: "2020-12-31")`, thirtyYears)).toBeLessThan(300);
    // Five years stored: an open range costs five years, not the blind ten.
    const fiveYears = { ...thirtyYears, indexDays: 1258, priceFrom: "2021-01-04", priceTo: "2025-12-31" };
    expect(closes("", fiveYears)).toBeLessThan(1300 + 10);
    // The comparison of twelve assets: within the limit over five years, refused over thirty.
    const compare = `query($s: [String!]!) { assets(symbols: $s, first: 12) { edges { node {
      priceSeries { dates closes } } } } }`;
    const twelve = { s: Array.from({ length: 12 }, (_, i) => `S${i}`) };
    const maxCost = loadConfig({}).limits.maxCost;
    expect(cost(compare, twelve, 100_000, fiveYears)).toBeLessThan(maxCost);
    expect(cost(compare, twelve, 100_000, thirtyYears)).toBeGreaterThan(maxCost);
  });

  it("expands fragments at every spread and honours @skip / @include", () => {
    const base = cost(`{ indexValues { date value } }`);
    expect(
      cost(
        `{ ...F a: indexValues { ...G } } fragment F on Query { indexValues { ...G } } fragment G on IndexValue { date
          value }`,
      ),
    ).toBe(2 * base);
    expect(cost(`query($no: Boolean!) { indexValues @skip(if: $no) { date value } }`, { no: true })).toBe(0);
    expect(cost(`query($yes: Boolean!) { indexValues @include(if: $yes) { date value } }`, { yes: true })).toBe(base);
  });

  it("stops a fragment bomb at the node limit instead of expanding it", () => {
    const levels = 12;
    const frags = Array.from({ length: levels }, (_, i) =>
      i === levels - 1
        ? `fragment F${i} on Query { me { id } }`
        : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} ...F${i + 1} }`,
    ).join("\n");
    const t0 = performance.now();
    expect(() => cost(`{ ...F0 }\n${frags}`, {}, 5000)).toThrow(TooManyNodesError);
    expect(performance.now() - t0).toBeLessThan(1000); // 3^12 = 531,441 spreads if expanded
  });
});
