import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawExchange } from "../../resilience/fuzz-client.js";
import { canonicalJson, MAX_KEY_DEPTH, requestKey } from "../../src/http/request-key.js";
import { startTestServer, type TestServer } from "../helpers/http.js";
import { AUTH_ENV, signedIn } from "./auth/auth-helpers.js";

// What the fuzzer (resilience/fuzz.ts) found, one regression test each.
const nested = (depth: number, open: string, close: string, inner: string) =>
  open.repeat(depth) + inner + close.repeat(depth);

describe("fuzzer findings", () => {
  let s: TestServer;
  let host: string;
  let port: number;
  beforeAll(async () => {
    s = await startTestServer({ ...AUTH_ENV, METRICS_ACCESS: "admin" });
    const url = new URL(s.url);
    host = url.hostname;
    port = Number(url.port);
  });
  afterAll(() => s?.close());

  const postRaw = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${s.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...headers },
      body,
    }).then(async (r) => ({ status: r.status, type: r.headers.get("content-type"), body: (await r.json()) as any }));

  it("names Apollo's code-less refusals BAD_REQUEST instead of masking them as INTERNAL_SERVER_ERROR", async () => {
    // A query whose text does not match its APQ hash, and an APQ version Apollo does not know.
    const mismatch = await postRaw(
      JSON.stringify({ query: "{ __typename }", extensions: { persistedQuery: { version: 1, sha256Hash: "00" } } }),
    );
    const version = await postRaw(
      JSON.stringify({ query: "{ __typename }", extensions: { persistedQuery: { version: 2, sha256Hash: "00" } } }),
    );
    const get = await fetch(
      `${s.url}/graphql?query=${encodeURIComponent("{ __typename }")}` +
        `&extensions=${encodeURIComponent('{"persistedQuery":1}')}`,
      { headers: { "apollo-require-preflight": "1", accept: "application/json" } },
    ).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    for (const answer of [mismatch, version, get]) {
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((e: any) => e.extensions.code)).toEqual(["BAD_REQUEST"]);
      expect(answer.body.errors[0].extensions.errorId).toBeUndefined();
    }
  });

  it("answers variables nested 20,000 levels deep instead of a 500 (the cache key recursed through them)", async () => {
    const deep = nested(20_000, '{"a":', "}", "1");
    const answer = await postRaw(`{"query":"{ __typename }","variables":{"deep":${deep}}}`, {
      "apollo-require-preflight": "1",
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { __typename: "Query" } });
    const list = await postRaw(
      `{"query":"query($r: [Float]!) { analyzeReturns(returns: $r) { volatility } }",` +
        `"variables":{"r":${nested(20_000, "[", "]", "0.1")}}}`,
    );
    expect(list.status).toBe(200);
    expect(list.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("keeps deep variables out of the response cache key", () => {
    const deep = JSON.parse(nested(MAX_KEY_DEPTH + 1, "[", "]", "1"));
    expect(canonicalJson(deep)).toBeNull();
    expect(canonicalJson(JSON.parse(nested(MAX_KEY_DEPTH, "[", "]", "1")))).not.toBeNull();
    expect(requestKey({ query: "{ __typename }", variables: { deep } }, "anonymous", "")).toBeNull();
    expect(requestKey({ query: "{ __typename }", variables: { flat: [1] } }, "anonymous", "")).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });

  it("answers requests node:http refuses with a JSON body and a code, not an empty one", async () => {
    const malformed = await rawExchange(host, port, [{ write: "GARBAGE\r\n\r\n" }]);
    const headers = await rawExchange(host, port, [
      { write: `GET /healthz HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n` },
    ]);
    const chunks = await rawExchange(host, port, [
      {
        write:
          `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n` +
          `Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
      },
    ]);
    expect([malformed.status, headers.status, chunks.status]).toEqual([400, 431, 400]);
    for (const answer of [malformed, headers, chunks]) {
      expect(answer.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(answer.body).errors[0].extensions.code).toBe("BAD_REQUEST");
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    }
  });

  it("refuses `subscription { __typename }` over HTTP with a clear code (it was INTERNAL_SERVER_ERROR)", async () => {
    // The schema has subscriptions now (live updates); a subscription may not select only an
    // introspection field, and none is served over HTTP: either way a 400 with a code.
    const answer = await s.post("subscription { __typename }");
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: any) => e.extensions.code)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(answer.body.errors[0].message).toMatch(/must not select an introspection top level field/);
  });

  it("answers an unknown Expect and an HTTP/1.1 request without Host with a JSON body and a code", async () => {
    const expectation = await rawExchange(host, port, [
      { write: `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nExpect: something-else\r\nContent-Length: 2\r\n\r\n{}` },
    ]);
    const noHost = await rawExchange(host, port, [{ write: "GET /healthz HTTP/1.1\r\n\r\n" }]);
    expect([expectation.status, noHost.status]).toEqual([417, 400]);
    for (const answer of [expectation, noHost]) {
      expect(answer.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(answer.body).errors[0].extensions.code).toBe("BAD_REQUEST");
      expect(answer.headers["x-frame-options"]).toBe("DENY");
    }
    // HTTP/1.0 needs no Host.
    expect((await rawExchange(host, port, [{ write: "GET /healthz HTTP/1.0\r\n\r\n" }])).status).toBe(200);
  });

  it("reads the user once for `me` aliased 300 times (a statement each filled the Postgres pool: 503s)", async () => {
    const user = await signedIn(s.db, s.app.config, "me@example.org", "user");
    s.statements.length = 0;
    const aliases = Array.from({ length: 300 }, (_, i) => `a${i}: me { id email }`).join(" ");
    const answer = await s.post(`{ ${aliases} }`, {}, user.headers);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.a299).toEqual({ id: String(user.id), email: "me@example.org" });
    // The bearer's viewer, then every `me` together.
    expect(s.statements.filter((q) => /from "users"/.test(q))).toHaveLength(2);
  });

  it("gives 404s and /metrics refusals a code", async () => {
    const missing = await s.get("/nope");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: "not found", code: "NOT_FOUND" });
    expect((await s.get("/playground/nope.js")).body.code).toBe("NOT_FOUND");
    const metrics = await s.get("/metrics");
    expect(metrics.status).toBe(401);
    expect(metrics.body.code).toBe("UNAUTHENTICATED");
  });
});
