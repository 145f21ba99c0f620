import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINE } from "../helpers/db.js";
import { seedUniverse } from "../helpers/fixtures.js";
import { startTestServer, type TestServer } from "../helpers/http.js";
import { AssetBySymbolDocument } from "../generated/graphql.js";
import { AUTH_ENV } from "./auth/auth-helpers.js";

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request over node:http: the bytes as sent (fetch would decode them). */
function raw(base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const ASSETS = `query Q1($to: Date) { assets(first: 50) { edges { node { symbol prices(from: "2024-01-01", to: $to) {
  date close } } } } }`;
const JSON_HEADERS = { "content-type": "application/json", accept: "application/json" };
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe(`HTTP caching, compression, CORS and persisted queries (${ENGINE})`, () => {
  let s: TestServer;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    raw(s.url, "POST", "/graphql", { ...JSON_HEADERS, ...headers }, JSON.stringify(body));
  const get = (params: Record<string, string>, headers: Record<string, string> = {}) =>
    raw(s.url, "GET", `/graphql?${new URLSearchParams(params)}`, {
      accept: "application/json",
      "apollo-require-preflight": "true",
      ...headers,
    });

  beforeAll(async () => {
    s = await startTestServer({
      ...AUTH_ENV,
      CORS_ORIGINS: "https://dash.example.com, http://localhost:5173",
      COMPRESSION_MIN_BYTES: 2048,
    });
    await seedUniverse(s.db, 8, 60, "2024-01-01");
  });
  afterAll(() => s?.close());

  it("gives public reads an ETag and answers If-None-Match with 304, for POST and GET", async () => {
    const first = await post({ query: ASSETS, variables: { to: "2024-02-01" } });
    expect(first.status).toBe(200);
    expect(first.headers["cache-control"]).toBe("public, no-cache");
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    s.statements.length = 0;
    const notModified = await post(
      { query: ASSETS, variables: { to: "2024-02-01" } },
      { "if-none-match": `"other", ${etag}` },
    );
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(notModified.headers.etag).toBe(etag);
    expect(s.statements).toHaveLength(1); // the versions, nothing executed
    // GET: same read, same ETag, same 304.
    const viaGet = await get({ query: ASSETS, variables: JSON.stringify({ to: "2024-02-01" }) });
    expect(viaGet.status).toBe(200);
    expect(viaGet.headers.etag).toBe(etag);
    expect(
      (await get({ query: ASSETS, variables: JSON.stringify({ to: "2024-02-01" }) }, { "if-none-match": etag })).status,
    ).toBe(304);
    // Other variables: another ETag. Changed data: the old ETag no longer matches.
    expect((await post({ query: ASSETS, variables: { to: "2024-01-15" } })).headers.etag).not.toBe(etag);
    await s.post(
      `mutation { upsertPrices(prices: [{ symbol: "SYM000", date: "2024-01-05", close: 42 }]) { updated } }`,
      {},
      { "x-admin-token": AUTH_ENV.ADMIN_TOKEN! },
    );
    const changed = await post({ query: ASSETS, variables: { to: "2024-02-01" } }, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it("sets no-store on mutations and errors, private on private reads, and never an ETag on them", async () => {
    const mutation = await post({ query: `mutation { logout(refreshToken: "nope") }` });
    expect(mutation.headers["cache-control"]).toBe("no-store");
    const error = await post({ query: `{ nope }` });
    expect(error.headers["cache-control"]).toBe("no-store");
    const me = await post({ query: `{ me { email } }` });
    expect(me.headers["cache-control"]).toBe("private, no-store");
    for (const r of [mutation, error, me]) expect(r.headers.etag).toBeUndefined();
  });

  it("compresses with brotli or gzip by Accept-Encoding q-values, to the same JSON", async () => {
    const body = { query: ASSETS, variables: { to: "2024-03-01" } };
    const plain = await post(body, { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(2048);
    const json = JSON.parse(plain.body.toString());
    for (const cached of [false, true]) {
      // The first round compresses a fresh response; the second serves the cached variants.
      const br = await post(body, { "accept-encoding": "gzip, deflate, br" });
      expect(br.headers["content-encoding"]).toBe("br");
      expect(br.headers.vary).toMatch(/Accept-Encoding/);
      expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(json);
      const gz = await post(body, { "accept-encoding": "br;q=0.5, gzip;q=0.9" });
      expect(gz.headers["content-encoding"]).toBe("gzip");
      expect(JSON.parse(gunzipSync(gz.body).toString())).toEqual(json);
      expect(gz.body.length).toBeLessThan(plain.body.length / 3);
      const refused = await post(body, { "accept-encoding": "br;q=0, gzip;q=0" });
      expect(refused.headers["content-encoding"], `cached: ${cached}`).toBeUndefined();
    }
    // Below COMPRESSION_MIN_BYTES: sent as is.
    const small = await post({ query: `{ assets(first: 1) { totalCount } }` }, { "accept-encoding": "br, gzip" });
    expect(small.headers["content-encoding"]).toBeUndefined();
    // Uncacheable responses are compressed too. (The date range keeps the estimate within the
    // default cost limit: an open range weighs ten years of prices per asset.)
    const big = await post(
      {
        query: `{ me { email } assets(first: 50) { edges { node { symbol prices(from: "2024-01-01", to: "2024-12-31")
          { date close } } } } }`,
      },
      { "accept-encoding": "gzip" },
    );
    expect(big.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(big.body).toString()).data.assets.edges).toHaveLength(8);
  });

  it(
    "answers an allowed origin's preflight, gives a foreign " + "origin no CORS headers, and keeps CSRF prevention",
    async () => {
      const preflight = (origin: string) =>
        raw(s.url, "OPTIONS", "/graphql", {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type, authorization, apollo-require-preflight",
        });
      const allowed = await preflight("https://dash.example.com");
      expect(allowed.status).toBe(204);
      expect(allowed.headers["access-control-allow-origin"]).toBe("https://dash.example.com");
      expect(allowed.headers["access-control-allow-methods"]).toMatch(/POST/);
      for (const h of ["content-type", "authorization", "apollo-require-preflight", "x-apollo-operation-name"])
        expect(allowed.headers["access-control-allow-headers"]).toContain(h);
      expect(Number(allowed.headers["access-control-max-age"])).toBeGreaterThan(0);
      const foreign = await preflight("https://evil.example.net");
      expect(Object.keys(foreign.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
      // Actual requests.
      const ok = await post({ query: `{ assets(first: 1) { totalCount } }` }, { origin: "http://localhost:5173" });
      expect(ok.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
      expect(ok.headers["access-control-expose-headers"]).toContain("etag");
      expect(ok.headers.vary).toMatch(/Origin/);
      const other = await post(
        { query: `{ assets(first: 1) { totalCount } }` },
        { origin: "https://dash.example.com.evil.net" },
      );
      expect(Object.keys(other.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
      // CSRF: an allowed origin's simple GET (no preflight-forcing header) is still refused, cached or not.
      const simple = await raw(
        s.url,
        "GET",
        `/graphql?${new URLSearchParams({ query: `{ assets(first: 1) { totalCount } }` })}`,
        { accept: "application/json", origin: "https://dash.example.com" },
      );
      expect(simple.status).toBe(400);
    },
  );

  it("runs automatic persisted queries (hash first, then register, then hash only, GET too)", async () => {
    const query = `{ assets(first: 2) { edges { node { symbol } } } }`;
    const ext = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const miss = JSON.parse((await post({ extensions: ext })).body.toString());
    expect(miss.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    const registered = JSON.parse((await post({ query, extensions: ext })).body.toString());
    expect(registered.data.assets.edges).toHaveLength(2);
    const byHash = JSON.parse((await post({ extensions: ext })).body.toString());
    expect(byHash).toEqual(registered);
    const byGet = await get({ extensions: JSON.stringify(ext) });
    expect(JSON.parse(byGet.body.toString())).toEqual(registered);
    // A text that does not match its hash is refused (Apollo's error carries no code, so it is masked).
    const wrong = JSON.parse((await post({ query: `{ rebalanceDates }`, extensions: ext })).body.toString());
    expect(wrong.data).toBeUndefined();
    expect(wrong.errors).toHaveLength(1);
  });

  it("with PERSISTED_QUERIES=only accepts the registered operations and refuses any other", async () => {
    const only = await startTestServer({ ...AUTH_ENV, PERSISTED_QUERIES: "only" });
    try {
      await seedUniverse(only.db, 2, 5, "2024-01-01");
      const send = async (body: unknown) =>
        JSON.parse((await raw(only.url, "POST", "/graphql", JSON_HEADERS, JSON.stringify(body))).body.toString());
      const text = print(AssetBySymbolDocument);
      const ext = { persistedQuery: { version: 1, sha256Hash: sha256(text) } };
      expect((await send({ query: text, variables: { symbol: "SYM001" } })).data.asset.symbol).toBe("SYM001");
      expect((await send({ extensions: ext, variables: { symbol: "SYM000" } })).data.asset.symbol).toBe("SYM000");
      const adHoc = `{ assets(first: 2) { totalCount } }`;
      expect((await send({ query: adHoc })).errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
      const adHocExt = { persistedQuery: { version: 1, sha256Hash: sha256(adHoc) } };
      expect((await send({ query: adHoc, extensions: adHocExt })).errors[0].extensions.code).toBe(
        "PERSISTED_QUERY_NOT_FOUND",
      );
      // Registering did not work: the hash alone is still unknown.
      expect((await send({ extensions: adHocExt })).errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    } finally {
      await only.close();
    }
  });
});
