import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/http.js";

const JSON_ONLY = { accept: "application/json" };
const GRAPHQL_RESPONSE = { accept: "application/graphql-response+json" };

/** Each bad request: its query, variables, the expected code, and the status for application/graphql-response+json. */
const CASES: { name: string; query: string; variables?: Record<string, unknown>; code: string }[] = [
  { name: "a malformed query", query: "{ assets(first: 1) { edges ", code: "GRAPHQL_PARSE_FAILED" },
  { name: "an unknown field", query: "{ assets(first: 1) { nope } }", code: "GRAPHQL_VALIDATION_FAILED" },
  {
    name: "a too-deep query",
    query: "{ assets(first: 1) { edges { node { prices { date } } } } }",
    code: "QUERY_TOO_DEEP",
  },
  {
    name: "a too-costly query",
    query: `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: assets(first: 0) { totalCount }`).join(" ")} }`,
    code: "QUERY_TOO_COMPLEX",
  },
  {
    name: "an invalid Date literal",
    query: '{ indexValues(from: "2023-02-29") { date } }',
    code: "GRAPHQL_VALIDATION_FAILED",
  },
  {
    name: "an invalid Date variable",
    query: "query($d: Date) { indexValues(from: $d) { date } }",
    variables: { d: "2024-13-01" },
    code: "BAD_USER_INPUT",
  },
  {
    name: "a wrongly typed variable",
    query: "query($n: Int) { assets(first: $n) { totalCount } }",
    variables: { n: "ten" },
    code: "BAD_USER_INPUT",
  },
  {
    name: "a fractional Int variable",
    query: "query($n: Int) { assets(first: $n) { totalCount } }",
    variables: { n: 1.5 },
    code: "BAD_USER_INPUT",
  },
  {
    name: "an unknown enum literal",
    query: "{ indexEvents(types: [NOPE]) { date } }",
    code: "GRAPHQL_VALIDATION_FAILED",
  },
  {
    name: "a string literal where an enum is expected",
    query: '{ indexEvents(types: ["INCEPTION"]) { date } }',
    code: "GRAPHQL_VALIDATION_FAILED",
  },
  {
    name: "an unknown enum value in a variable",
    query: "query($t: [IndexEventType!]) { indexEvents(types: $t) { date } }",
    variables: { t: ["INCEPTION", "NOPE"] },
    code: "BAD_USER_INPUT",
  },
  {
    name: "a stored spelling instead of the enum name in a variable",
    query: "query($f: [DataQualityFlagKind!]) { dataQuality(flags: $f) { truncated } }",
    variables: { f: ["stale"] },
    code: "BAD_USER_INPUT",
  },
  {
    name: "a missing required variable",
    query: "query($s: String!) { asset(symbol: $s) { id } }",
    code: "BAD_USER_INPUT",
  },
];

describe("request errors follow the GraphQL-over-HTTP status rules", () => {
  let s: TestServer;
  beforeAll(async () => {
    // Depth 4 makes assets → edges → node → prices → date (5) too deep; cost 5,000 makes 20
    // counts (each a statement and a table scan, whatever `first`) too costly.
    s = await startTestServer({ MAX_QUERY_DEPTH: 4, MAX_QUERY_COST: 5000 });
  });
  afterAll(() => s?.close());

  it.each(CASES)(
    "$name: a clear error with a stable code, 200 for application/json, 400 for graphql-response+json",
    async (c) => {
      const json = await s.post(c.query, c.variables, JSON_ONLY);
      expect(json.status).toBe(200);
      expect(json.headers.get("content-type")).toMatch(/^application\/json/);
      expect(json.body.data).toBeUndefined();
      expect(json.body.errors[0].extensions.code).toBe(c.code);
      expect(json.body.errors[0].message.length).toBeGreaterThan(10);
      const gr = await s.post(c.query, c.variables, GRAPHQL_RESPONSE);
      expect(gr.status).toBe(400);
      expect(gr.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
      expect(gr.body.errors[0].extensions.code).toBe(c.code);
    },
  );

  it("rejects an over-large page with BAD_USER_INPUT during execution (200)", async () => {
    const res = await s.post("{ assets(first: 600) { totalCount } }", {}, GRAPHQL_RESPONSE);
    expect(res.status).toBe(200);
    expect(res.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(res.body.errors[0].extensions.field).toBe("first");
  });

  it("rejects from > to naming the field", async () => {
    const res = await s.post('{ indexValues(from: "2024-02-01", to: "2024-01-01") { date } }');
    expect(res.body.errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "from" });
  });

  it("answers a non-JSON body with 400 and a code, not 500", async () => {
    const res = await fetch(`${s.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("never includes stack traces outside development", async () => {
    const res = await s.post("{ assets(first: 1) { nope } }", {}, JSON_ONLY);
    expect(JSON.stringify(res.body)).not.toMatch(/stacktrace/);
  });
});
