import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, ENGINE, type TestApp } from "../helpers/db.js";
import { execute } from "../helpers/execute.js";

describe(`the parsed-document cache of a running app is bounded (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ GRAPHQL_DOCUMENT_CACHE_CHARS: 2000 });
  });
  afterAll(() => t?.close());

  it("answers every distinct document and keeps at most GRAPHQL_DOCUMENT_CACHE_CHARS of them", async () => {
    for (let i = 0; i < 200; i++) {
      const r = await execute(t.app, `{ a${i}: assets(first: 1) { totalCount } }`);
      expect(r.errors).toBeUndefined();
      expect(r.data?.[`a${i}`]).toEqual({ totalCount: 0 });
    }
    const { documents, chars } = t.app.documents.size;
    expect(chars).toBeLessThanOrEqual(2000);
    expect(documents).toBeGreaterThan(10);
    // A repeated document is answered from the cache, as before.
    const again = await execute(t.app, "{ a199: assets(first: 1) { totalCount } }");
    expect(again.data).toEqual({ a199: { totalCount: 0 } });
  });
});
