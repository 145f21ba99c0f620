import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AssetBySymbolDocument, AssetsPageDocument, AssetsWithPricesDocument } from "../generated/graphql.js";
import { seedUniverse } from "../helpers/fixtures.js";
import { startTestServer, type TestServer } from "../helpers/http.js";
import { request } from "../helpers/typed.js";

describe("GraphQL over HTTP", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ MAX_QUERY_DEPTH: 6, MAX_QUERY_COST: 50000 });
    await seedUniverse(s.db, 12, 20, "2024-03-01");
  });
  afterAll(() => s?.close());

  it("answers the nested dashboard query with typed operations", async () => {
    const data = await request(s, AssetsWithPricesDocument, { first: 3, from: "2024-03-02", to: "2024-03-04" });
    expect(data.assets.totalCount).toBe(12);
    expect(data.assets.edges.map((e) => e.node.symbol)).toEqual(["SYM000", "SYM001", "SYM002"]);
    expect(data.assets.edges[1].node.prices).toEqual([
      { date: "2024-03-02", close: 11.1 },
      { date: "2024-03-03", close: 11.2 },
      { date: "2024-03-04", close: 11.3 },
    ]);
    expect(data.assets.edges[0].node.latestPrice).toEqual({ date: "2024-03-20", close: 11.9 });
    expect(data.assets.pageInfo.hasNextPage).toBe(true);
  });

  it("pages with opaque cursors and filters", async () => {
    const first = await request(s, AssetsPageDocument, { first: 5 });
    const second = await request(s, AssetsPageDocument, { first: 5, after: first.assets.pageInfo.endCursor });
    expect(second.assets.edges[0].node.symbol).toBe("SYM005");
    expect(second.assets.pageInfo.hasPreviousPage).toBe(true);
    const energy = await request(s, AssetsPageDocument, { first: 50, sector: "Energy" });
    expect(energy.assets.totalCount).toBe(6);
    const search = await request(s, AssetsPageDocument, { search: "ny 1" });
    expect(search.assets.edges.map((e) => e.node.symbol)).toEqual(["SYM001", "SYM010", "SYM011"]);
    const one = await request(s, AssetBySymbolDocument, { symbol: "sym003" });
    expect(one.asset?.symbol).toBe("SYM003");
  });

  it("serves liveness and readiness", async () => {
    expect((await s.get("/healthz")).body).toEqual({ status: "ok" });
    const ready = await s.get("/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe("ready");
  });

  it("answers GET queries and keeps CSRF prevention on", async () => {
    const q = encodeURIComponent("{ assets(first: 1) { totalCount } }");
    const blocked = await s.get(`/graphql?query=${q}`, { accept: "application/json" });
    expect(blocked.status).toBe(400);
    const ok = await s.get(`/graphql?query=${q}`, { accept: "application/json", "apollo-require-preflight": "true" });
    expect(ok.status).toBe(200);
    expect(ok.body.data.assets.totalCount).toBe(12);
  });
});
