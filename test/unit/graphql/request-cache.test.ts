import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/schema.js";
import { RequestCache, RequestKey } from "../../../src/request-cache.js";

// The cache only hands `db` to the key's reader: a token object stands in for the handle here.
const db = { token: "db" } as unknown as Kysely<Database>;

describe("RequestCache (per-request memoisation by typed keys)", () => {
  it("reads a key once per cache, with the cache's handle, and keeps keys apart", async () => {
    const reads: string[] = [];
    const count = new RequestKey<number>("count", async (handle) => {
      expect(handle).toBe(db);
      reads.push("count");
      return 42;
    });
    const name = new RequestKey<string>("name", async () => {
      reads.push("name");
      return "x";
    });
    const cache = new RequestCache(db);
    const [a, b, c] = await Promise.all([cache.get(count), cache.get(count), cache.get(name)]);
    const typed: [number, number, string] = [a, b, c];
    expect(typed).toEqual([42, 42, "x"]);
    expect(await cache.get(count)).toBe(42);
    expect(reads).toEqual(["count", "name"]);
    // Another request (another cache) reads again: nothing leaks between callers.
    await new RequestCache(db).get(count);
    expect(reads).toEqual(["count", "name", "count"]);
  });

  it("does not keep a failed read, and forgets a key on request", async () => {
    let attempt = 0;
    const flaky = new RequestKey<number>("flaky", async () => {
      attempt++;
      if (attempt === 1) throw new Error("first read fails");
      return attempt;
    });
    const cache = new RequestCache(db);
    await expect(cache.get(flaky)).rejects.toThrow("first read fails");
    expect(await cache.get(flaky)).toBe(2);
    expect(await cache.get(flaky)).toBe(2);
    cache.forget(flaky);
    expect(await cache.get(flaky)).toBe(3);
  });
});
