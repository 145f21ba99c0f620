import { serverAudits } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/http.js";

/**
 * graphql-http's audits of the GraphQL-over-HTTP spec. Every MUST passes; the only
 * tolerated warnings are the CSRF notes about GET/preflight (prevention stays on).
 */
describe("GraphQL-over-HTTP audits (graphql-http)", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s?.close());

  it("passes every MUST audit", async () => {
    const results = await Promise.all(serverAudits({ url: () => `${s.url}/graphql` }).map((a) => a.fn()));
    const failedMust = results.filter((r) => r.status === "error" || (r.status !== "ok" && /MUST/.test(r.name)));
    expect(failedMust.map((r) => `${r.name}: ${"reason" in r ? r.reason : ""}`)).toEqual([]);
    // The only exceptions are 3 MAY-level notices: CSRF prevention refuses GET requests that
    // carry no preflight-forcing header, and those audits send none.
    const notOk = results.filter((r) => r.status !== "ok");
    expect(notOk.map((r) => r.status)).toEqual(["notice", "notice", "notice"]);
    expect(notOk.every((r) => /^MAY /.test(r.name) && /GET/.test(r.name))).toBe(true);
    expect(results.length).toBeGreaterThanOrEqual(50);
  });
});
