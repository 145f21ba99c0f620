import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUniverse } from "../helpers/fixtures.js";
import { MAX_VARIABLE_ERRORS } from "../../src/graphql/executor.js";
import { startTestServer, type TestServer } from "../helpers/http.js";

const ADMIN_TOKEN = "admin-token-for-bounded-echo-tests";
const HUGE = 200_000;
/** Far above any bounded echo, far below what the unbounded messages were (≥ the huge input). */
const MAX_RESPONSE = 6_000;

/** Requests whose error messages used to quote the client's input whole. */
const CASES: { name: string; query: string; variables?: Record<string, unknown>; admin?: boolean; code: string }[] = [
  {
    name: "an unknown indexEvents types list",
    query: "query($t: [IndexEventType!]) { indexEvents(types: $t) { date } }",
    variables: { t: Array.from({ length: 10_000 }, (_, i) => `NOT_A_TYPE_${i}_${"x".repeat(60)}`) },
    code: "BAD_USER_INPUT",
  },
  {
    name: "one huge unknown event type",
    query: "query($t: [IndexEventType!]) { indexEvents(types: $t) { date } }",
    variables: { t: ["T".repeat(HUGE)] },
    code: "BAD_USER_INPUT",
  },
  {
    name: "unknown dataQuality symbols",
    query: "query($s: [String!]) { dataQuality(symbols: $s) { truncated } }",
    variables: { s: Array.from({ length: 50 }, (_, i) => `U${i}${"Y".repeat(4000)}`) },
    admin: true,
    code: "BAD_USER_INPUT",
  },
  {
    name: "a huge Date variable",
    query: "query($d: Date) { indexValues(from: $d) { date } }",
    variables: { d: `2024-${"1".repeat(HUGE)}` },
    code: "BAD_USER_INPUT",
  },
  {
    name: "a huge Date literal",
    query: `{ indexValues(from: "2024-${"1".repeat(HUGE)}") { date } }`,
    code: "GRAPHQL_VALIDATION_FAILED",
  },
  {
    name: "a huge enum value in a variable",
    query: "query($w: MetricWindow) { riskMetrics(window: $w) { totalReturn } }",
    variables: { w: "W".repeat(HUGE) },
    code: "BAD_USER_INPUT",
  },
  { name: "a huge unknown field name", query: `{ ${"f".repeat(HUGE)} }`, code: "GRAPHQL_VALIDATION_FAILED" },
  {
    name: "a huge string literal where an Int goes",
    query: `{ assets(first: "${"9".repeat(HUGE)}") { totalCount } }`,
    code: "GRAPHQL_VALIDATION_FAILED",
  },
  {
    name: "a huge list literal where an object goes",
    query:
      `{ previewStrategy(config: [${Array.from({ length: 5_000 }, () => `"${"q".repeat(50)}"`).join(", ")}]) { ` +
      `__typename } }`,
    code: "GRAPHQL_VALIDATION_FAILED",
  },
  {
    name: "a huge string token in a syntax error",
    query: `{ assets(first: 1) "${"s".repeat(HUGE)}" }`,
    code: "GRAPHQL_PARSE_FAILED",
  },
  {
    name: "unknown symbols in an upsert batch",
    query: "mutation($p: [PriceInput!]!) { upsertPrices(prices: $p) { inserted } }",
    variables: { p: [{ symbol: "Z".repeat(HUGE), date: "2024-01-02", close: 1 }] },
    admin: true,
    code: "BAD_USER_INPUT",
  },
];

describe("error messages echo bounded input", () => {
  let s: TestServer;
  beforeAll(async () => {
    // The size limits would refuse the huge documents before any message quotes them: lift them here.
    s = await startTestServer({
      ADMIN_TOKEN,
      MAX_QUERY_COST: 100_000_000,
      MAX_QUERY_LENGTH: 10_000_000,
      MAX_QUERY_TOKENS: 1_000_000,
    });
    await seedUniverse(s.db, 2, 3, "2024-01-01");
  });
  afterAll(() => s?.close());

  it.each(CASES)("$name", async (c) => {
    const res = await s.post(c.query, c.variables, c.admin ? { "x-admin-token": ADMIN_TOKEN } : {});
    expect(res.body.errors?.[0]?.extensions?.code, JSON.stringify(res.body).slice(0, 500)).toBe(c.code);
    const size = JSON.stringify(res.body).length;
    expect(size).toBeLessThan(MAX_RESPONSE);
    // Still says what was wrong: the start of the value is quoted.
    expect(res.body.errors[0].message.length).toBeGreaterThan(20);
  });

  it("names at most MAX_VARIABLE_ERRORS bad entries of a variable, then says it stopped (BAD_USER_INPUT)", async () => {
    const t = Array.from({ length: 1000 }, (_, i) => `NOT_A_TYPE_${i}`);
    const res = await s.post("query($t: [IndexEventType!]) { indexEvents(types: $t) { date } }", { t });
    expect(res.body.errors).toHaveLength(MAX_VARIABLE_ERRORS + 1);
    expect(res.body.errors.map((e: any) => e.extensions.code)).toEqual(
      Array(MAX_VARIABLE_ERRORS + 1).fill("BAD_USER_INPUT"),
    );
    expect(res.body.errors.at(-1).message).toMatch(/Too many errors processing variables/);
  });

  it("keeps the start of the value and says how much was left out", async () => {
    const res = await s.post("query($t: [IndexEventType!]) { indexEvents(types: $t) { date } }", {
      t: ["T".repeat(HUGE)],
    });
    expect(res.body.errors[0].message).toMatch(/got invalid value "T{10,}…\(\d+ more\)"/);
    expect(res.body.errors[0].message).toMatch(/does not exist in "IndexEventType" enum/);
  });
});
