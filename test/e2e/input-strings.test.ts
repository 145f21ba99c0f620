import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "../../src/graphql/pagination.js";
import { seedUniverse } from "../helpers/fixtures.js";
import { startTestServer, type TestServer } from "../helpers/http.js";

const NUL = "\u0000";
const LONE_HIGH = "\ud800";
const LONE_LOW = "\udc00";

/** Every place a client string enters: variables (top level, nested input fields, lists) and literals. */
const CASES: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  {
    name: "NUL in a search variable",
    query: "query($s: String) { assets(first: 1, search: $s) { totalCount } }",
    variables: { s: `ab${NUL}c` },
  },
  { name: "NUL in a sector literal", query: '{ assets(first: 1, sector: "Ener\\u0000gy") { totalCount } }' },
  { name: "a raw NUL inside a string literal", query: `{ assets(first: 1, search: "ab${NUL}c") { totalCount } }` },
  {
    name: "NUL in a symbol variable",
    query: "query($s: String) { asset(symbol: $s) { id } }",
    variables: { s: `SYM${NUL}` },
  },
  {
    name: "NUL in a cursor variable",
    query: "query($c: String) { assets(first: 1, after: $c) { totalCount } }",
    variables: { c: `abc${NUL}` },
  },
  {
    name: "NUL in an email (nested input field)",
    query: "mutation($i: CredentialsInput!) { login(input: $i) { accessToken } }",
    variables: { i: { email: `a${NUL}@example.com`, password: "correct horse battery" } },
  },
  {
    name: "NUL in an email literal",
    query:
      'mutation { register(input: { email: "a\\u0000@example.com", password: "correct horse battery" }) { ' +
      "__typename } }",
  },
  {
    name: "NUL in a list entry",
    query: "query($t: [IndexEventType!]) { indexEvents(types: $t) { date } }",
    variables: { t: ["INCEPTION", `X${NUL}`] },
  },
  {
    name: "a lone high surrogate in a search variable",
    query: "query($s: String) { assets(first: 1, search: $s) { totalCount } }",
    variables: { s: `x${LONE_HIGH}y` },
  },
  {
    name: "a lone low surrogate at the end of a symbol",
    query: "query($s: String) { asset(symbol: $s) { id } }",
    variables: { s: `SYM${LONE_LOW}` },
  },
  {
    name: "a NUL in a nested list of input objects",
    query: "mutation($p: [PriceInput!]!) { upsertPrices(prices: $p) { inserted } }",
    variables: {
      p: [
        { symbol: "SYM000", date: "2024-01-02", close: 1 },
        { symbol: `SYM${NUL}`, date: "2024-01-02", close: 1 },
      ],
    },
  },
];

describe("strings with NUL or invalid UTF-16 are BAD_USER_INPUT wherever they come", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await seedUniverse(s.db, 2, 3, "2024-01-01");
  });
  afterAll(() => s?.close());

  it.each(CASES)("$name", async (c) => {
    const res = await s.post(c.query, c.variables, { accept: "application/graphql-response+json" });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(res.body.errors[0].extensions.problems[0].message).toMatch(/NUL|UTF-16/);
    // The offending value is not echoed raw.
    expect(JSON.stringify(res.body)).not.toMatch(/\\u0000|\\ud800|\\udc00/i);
  });

  it("names where the bad string is", async () => {
    const res = await s.post("mutation($i: CredentialsInput!) { login(input: $i) { accessToken } }", {
      i: { email: `a${NUL}@x.io`, password: "p" },
    });
    expect(res.body.errors[0].extensions.field).toBe("$i.email");
  });

  it("refuses a well-formed cursor that decodes to a NUL", async () => {
    const res = await s.post("query($c: String) { assets(first: 1, after: $c) { totalCount } }", {
      c: encodeCursor("asset", `SYM000${NUL}`),
    });
    expect(res.body.errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("still accepts ordinary and astral strings (surrogate pairs)", async () => {
    const res = await s.post("query($s: String) { assets(first: 1, search: $s) { totalCount } }", {
      s: "Company 😀 é",
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.assets.totalCount).toBe(0);
    const ok = await s.post("query($s: String) { assets(first: 1, search: $s) { totalCount } }", { s: "Company" });
    expect(ok.body.data.assets.totalCount).toBe(2);
  });
});
