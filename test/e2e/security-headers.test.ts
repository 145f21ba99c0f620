import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/http.js";

const COMMON = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};
const STRICT = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

function expectCommon(headers: Headers, what: string) {
  for (const [name, value] of Object.entries(COMMON)) expect(headers.get(name), `${what}: ${name}`).toBe(value);
}

describe("security headers on every response", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ HTTP_MAX_BODY_BYTES: 2048 });
  });
  afterAll(() => s?.close());

  const JSON_RESPONSES: { name: string; send: (s: TestServer) => Promise<Response>; status: number }[] = [
    {
      name: "a GraphQL answer",
      send: (s) =>
        fetch(`${s.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: '{"query":"{ __typename }"}',
        }),
      status: 200,
    },
    {
      name: "a GraphQL request error",
      send: (s) =>
        fetch(`${s.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
          body: '{"query":"{"}',
        }),
      status: 400,
    },
    { name: "a CSRF-refused GET", send: (s) => fetch(`${s.url}/graphql?query=%7B__typename%7D`), status: 400 },
    {
      name: "a non-JSON body",
      send: (s) =>
        fetch(`${s.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" }),
      status: 400,
    },
    {
      name: "an oversized body",
      send: (s) =>
        fetch(`${s.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: `{"query":"${" ".repeat(5000)}"}`,
        }),
      status: 413,
    },
    { name: "a 404", send: (s) => fetch(`${s.url}/nope`), status: 404 },
    { name: "a missing playground asset", send: (s) => fetch(`${s.url}/playground/nope.js`), status: 404 },
    { name: "/healthz", send: (s) => fetch(`${s.url}/healthz`), status: 200 },
    { name: "/readyz", send: (s) => fetch(`${s.url}/readyz`), status: 200 },
    { name: "a playground asset", send: (s) => fetch(`${s.url}/playground/graphiql.min.js`), status: 200 },
  ];

  it.each(JSON_RESPONSES)("$name: nosniff, no framing, no referrer, a strict CSP", async (c) => {
    const res = await c.send(s);
    await res.arrayBuffer();
    expect(res.status).toBe(c.status);
    expectCommon(res.headers, c.name);
    expect(res.headers.get("content-security-policy")).toBe(STRICT);
  });

  it(
    "the playground page: a CSP that runs only its own scripts, the inline one by a fresh nonce, never " +
      "'unsafe-inline'",
    async () => {
      const first = await fetch(`${s.url}/playground`);
      const html = await first.text();
      expectCommon(first.headers, "playground");
      const csp = first.headers.get("content-security-policy")!;
      expect(csp).toMatch(/default-src 'none'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      expect(html).toContain(`<script nonce="${nonce}">`);
      expect(first.headers.get("cache-control")).toBe("no-store");
      const second = await fetch(`${s.url}/playground`);
      await second.text();
      expect(second.headers.get("content-security-policy")).not.toBe(csp);
    },
  );

  it("a request node:http refuses itself (malformed) carries them too", async () => {
    const { hostname, port } = new URL(s.url);
    const raw = await new Promise<string>((resolve, reject) => {
      let got = "";
      const socket = connect(Number(port), hostname, () => socket.write("NOT HTTP AT ALL\r\n\r\n"));
      socket.on("data", (d) => (got += d.toString()));
      socket.on("close", () => resolve(got));
      socket.on("error", reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    for (const [name, value] of Object.entries(COMMON))
      expect(raw.toLowerCase()).toContain(`${name}: ${value.toLowerCase()}`);
  });
});
