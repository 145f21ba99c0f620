import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { DocumentStore } from "../../../src/graphql/document-store.js";

const doc = (n: number, pad = 0) => parse(`query Q${n} { assets(first: ${n}) { totalCount } }${" ".repeat(pad)}`);

describe("DocumentStore (Apollo's parsed-document cache, bounded by source length)", () => {
  it("keeps documents while their source text fits, evicting the least recently used", async () => {
    const a = doc(1);
    const size = a.loc!.end;
    const store = new DocumentStore(size * 3);
    await store.set("a", a);
    await store.set("b", doc(2));
    await store.set("c", doc(3));
    expect(store.size.documents).toBe(3);
    expect(await store.get("a")).toBe(a); // now the most recently used
    await store.set("d", doc(4));
    expect(await store.get("b")).toBeUndefined(); // the least recently used went
    expect(await store.get("a")).toBe(a);
    expect(store.size.chars).toBeLessThanOrEqual(size * 3);
  });

  it("stays within its bound however many distinct documents arrive", async () => {
    const store = new DocumentStore(10_000);
    for (let i = 0; i < 5_000; i++) await store.set(`k${i}`, doc(i, i % 50));
    expect(store.size.chars).toBeLessThanOrEqual(10_000);
    expect(store.size.documents).toBeGreaterThan(100);
    expect(await store.get("k4999")).toBeDefined();
    expect(await store.get("k0")).toBeUndefined();
  });

  it("does not cache a document larger than the whole store, and replaces a key's entry", async () => {
    const store = new DocumentStore(20);
    await store.set("big", doc(1));
    expect(store.size).toEqual({ documents: 0, chars: 0 });
    const roomy = new DocumentStore(1_000);
    await roomy.set("k", doc(1));
    await roomy.set("k", doc(22));
    expect(roomy.size.documents).toBe(1);
    expect(roomy.size.chars).toBe(doc(22).loc!.end);
    expect(await roomy.delete("k")).toBe(true);
    expect(roomy.size).toEqual({ documents: 0, chars: 0 });
  });
});
