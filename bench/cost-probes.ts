// Request shapes that each stress one kind of work the cost model weighs (docs/security.md
// "Query cost"). bench/cost-calibration.ts times them to derive the weights of
// src/graphql/cost-units.ts; test/e2e/cost-budget.test.ts sends the costliest admitted ones.

export interface Probe {
  name: string;
  /** What one unit of `items` is, for the printout. */
  item: string;
  /** The request with `k` repetitions (aliases) of the probed field. */
  build(k: number): { query: string; variables: Record<string, unknown> };
  /** Items of work in one repetition, given the data (rows per series, assets, …). */
  itemsPerRepetition(d: DataShape): number;
}

export interface DataShape {
  indexRows: number;
  assets: number;
  /** Price rows of the first 10 assets. */
  priceRows: number;
  flagRows: number;
}

const aliases = (k: number, field: string) => Array.from({ length: k }, (_, i) => `a${i}: ${field}`).join("\n");

/** A deterministic series of n returns. */
export function returnSeries(n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.round(Math.sin(i * 0.7) * 200) / 10_000);
}

export const ANALYZE_LENGTH = 100_000;

export const probes: Probe[] = [
  {
    name: "indexValues",
    item: "row field",
    build: (k) => ({ query: `{ ${aliases(k, "indexValues { date value }")} }`, variables: {} }),
    itemsPerRepetition: (d) => d.indexRows * 2,
  },
  {
    name: "assets.prices",
    item: "row field",
    build: (k) => ({
      query: `{ ${aliases(k, "assets(first: 10) { edges { node { symbol prices { date close } } } }")} }`,
      variables: {},
    }),
    itemsPerRepetition: (d) => d.priceRows * 2 + Math.min(10, d.assets),
  },
  {
    name: "indexSeries",
    item: "row field",
    build: (k) => ({ query: `{ ${aliases(k, "indexSeries { dates values }")} }`, variables: {} }),
    itemsPerRepetition: (d) => d.indexRows * 2,
  },
  {
    name: "assets.priceSeries",
    item: "row field",
    build: (k) => ({
      query: `{ ${aliases(k, "assets(first: 10) { edges { node { symbol priceSeries { dates closes } } } }")} }`,
      variables: {},
    }),
    itemsPerRepetition: (d) => d.priceRows * 2 + Math.min(10, d.assets),
  },
  {
    name: "analyzeReturns",
    item: "return",
    build: (k) => ({
      query: `query($r: [Float]!) { ${aliases(k, "analyzeReturns(returns: $r) { var95 sharpeRatio maxDrawdown }")} }`,
      variables: { r: returnSeries(ANALYZE_LENGTH) },
    }),
    itemsPerRepetition: () => ANALYZE_LENGTH,
  },
  {
    name: "assets.totalCount",
    item: "count",
    build: (k) => ({ query: `{ ${aliases(k, 'assets(first: 0, search: "x") { totalCount }')} }`, variables: {} }),
    itemsPerRepetition: () => 1,
  },
  {
    name: "dataQuality.summary",
    item: "scanned row",
    build: (k) => ({
      query: `{ ${aliases(k, "dataQuality(first: 0) { summary { rows stale clipped } }")} }`,
      variables: {},
    }),
    itemsPerRepetition: (d) => d.flagRows * 2, // the page query sorts every match, the summary counts them
  },
];
