import { describe, expect, it } from "vitest";
import { ByteLru } from "../../../src/http/byte-lru.js";
import { negotiateCoding } from "../../../src/http/compression.js";
import { etagOf, ifNoneMatchHits } from "../../../src/http/etag.js";
import { canonicalJson, documentHash, readParams, requestKey } from "../../../src/http/request-key.js";
import { ResponseCache } from "../../../src/http/response-cache.js";

describe("Accept-Encoding negotiation", () => {
  it.each([
    [undefined, "identity"],
    ["", "identity"],
    ["gzip", "gzip"],
    ["gzip, deflate, br", "br"], // a tie goes to brotli
    ["br;q=0.5, gzip;q=0.9", "gzip"],
    ["br;q=0, gzip;q=0", "identity"],
    ["gzip;q=0.5", "gzip"], // identity unnamed gets the lowest q named: a tie, gzip wins
    ["identity, gzip;q=0.5", "identity"],
    ["*", "br"],
    ["*;q=0.2, gzip;q=0.1", "br"],
    ["x-gzip", "gzip"],
    ["deflate", "identity"],
    ["GZIP; Q=1.0", "gzip"],
  ])("%s → %s", (header, coding) => expect(negotiateCoding(header)).toBe(coding));
});

describe("ETags", () => {
  it("are weak, name schema, request and versions, and compare weakly", () => {
    const e = etagOf("schema", "key", "1.1.0");
    expect(e).toMatch(/^W\/"[\w-]{32}"$/);
    expect(etagOf("schema", "key", "1.1.1")).not.toBe(e);
    expect(etagOf("schema2", "key", "1.1.0")).not.toBe(e);
    expect(ifNoneMatchHits(e, e)).toBe(true);
    expect(ifNoneMatchHits(e.slice(2), e)).toBe(true);
    expect(ifNoneMatchHits(`"a", ${e}`, e)).toBe(true);
    expect(ifNoneMatchHits("*", e)).toBe(true);
    expect(ifNoneMatchHits(`W/"other"`, e)).toBe(false);
    expect(ifNoneMatchHits(undefined, e)).toBe(false);
  });
});

describe("request keys", () => {
  const q = "{ assets { totalCount } }";
  it("ignore key order and formatting of variables, not their values, role or accept", () => {
    const k = requestKey({ query: q, variables: { a: 1, b: { c: [1, 2], d: "x" } } }, "anonymous", "application/json")!;
    expect(
      requestKey({ query: q, variables: { b: { d: "x", c: [1, 2] }, a: 1 } }, "anonymous", "application/json"),
    ).toBe(k);
    expect(
      requestKey({ query: q, variables: { a: 2, b: { c: [1, 2], d: "x" } } }, "anonymous", "application/json"),
    ).not.toBe(k);
    expect(
      requestKey({ query: q, variables: { a: 1, b: { c: [1, 2], d: "x" } } }, "admin", "application/json"),
    ).not.toBe(k);
    expect(
      requestKey(
        { query: q, variables: { a: 1, b: { c: [1, 2], d: "x" } }, operationName: "X" },
        "anonymous",
        "application/json",
      ),
    ).not.toBe(k);
    // Shapes Apollo refuses are never keyed (a cached answer must not stand in for an error).
    for (const bad of [
      { query: 1 },
      { query: q, extensions: "x" },
      { query: q, extensions: [] },
      { query: q, variables: [1] },
      { query: q, operationName: 2 },
      { query: q, extensions: { persistedQuery: { version: 2 } } },
    ])
      expect(requestKey(bad, "anonymous", "application/json"), JSON.stringify(bad)).toBeNull();
    expect(canonicalJson({ b: 1, a: [null, { d: undefined, c: true }] })).toBe('{"a":[null,{"c":true}],"b":1}');
  });

  it("name the document by the hash APQ uses, and refuse a hash that contradicts the text", () => {
    const hash = documentHash({ query: q })!;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(documentHash({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })).toBe(hash);
    expect(
      documentHash({ query: q, extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }),
    ).toBeNull();
    expect(documentHash({})).toBeNull();
    expect(readParams("GET", "?query=%7Ba%7D&variables=%7B%22x%22%3A1%7D", undefined)).toMatchObject({
      query: "{a}",
      variables: { x: 1 },
    });
    expect(readParams("GET", "?query=%7Ba%7D&variables=nope", undefined)).toBeNull();
    expect(readParams("POST", "", [{ query: q }])).toBeNull();
  });
});

describe("ByteLru", () => {
  it("evicts the least recently used entries past its byte budget", () => {
    const lru = new ByteLru<string>(10);
    lru.set("a", "A", 4);
    lru.set("b", "B", 4);
    expect(lru.get("a")).toBe("A"); // a is now the most recent
    lru.set("c", "C", 4); // 12 > 10: b goes
    expect(lru.get("b")).toBeUndefined();
    expect([lru.get("c"), lru.get("a"), lru.bytes]).toEqual(["C", "A", 8]);
    expect(lru.set("huge", "H", 11)).toBe(false);
    lru.resize("a", 9); // a grows: c, the least recent, goes
    expect([lru.get("c"), lru.bytes]).toEqual([undefined, 9]);
  });
});

describe("ResponseCache", () => {
  const v = (market: number, strategy = 1, index = 1) => ({ market, strategy, index });
  const entry = (text: string) => ({ etag: `W/"${text}"`, contentType: "application/json", body: Buffer.from(text) });

  it("serves an entry only at the versions it was computed at, and forgets older versions", () => {
    const cache = new ResponseCache(1 << 20);
    cache.set("k", v(1), entry("one"));
    expect(cache.get("k", v(1))?.body.toString()).toBe("one");
    // A request that read newer versions: a miss, and the old entries are dropped.
    expect(cache.get("k", v(2))).toBeUndefined();
    expect(cache.bytes).toBe(0);
    // A response computed at versions older than the newest seen is not filed.
    cache.set("k", v(1), entry("stale"));
    expect(cache.get("k", v(2))).toBeUndefined();
    cache.set("k", v(2), entry("two"));
    expect(cache.get("k", v(2))?.body.toString()).toBe("two");
    // A late reader of older versions neither gets nor destroys the newer entry.
    expect(cache.get("k", v(1))).toBeUndefined();
    expect(cache.get("k", v(2))?.body.toString()).toBe("two");
    expect(cache.get("k", v(2, 2))).toBeUndefined();
    expect(cache.get("k", v(2, 1, 5))).toBeUndefined();
  });

  it("counts compressed variants in its byte budget", async () => {
    const cache = new ResponseCache(1 << 20);
    const stored = cache.set("k", v(1), { ...entry("x"), body: Buffer.from("abc".repeat(10_000)) });
    const before = cache.bytes;
    const gz = await cache.encoded(stored, "gzip");
    expect(gz.length).toBeLessThan(1000);
    await new Promise((r) => setImmediate(r));
    expect(cache.bytes).toBe(before + gz.length);
    expect(await cache.encoded(stored, "gzip")).toBe(gz); // compressed once
  });
});
