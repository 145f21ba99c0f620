import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINE } from "../../helpers/db.js";
import { startTestServer, type TestServer } from "../../helpers/http.js";
import * as Q from "./auth-helpers.js";

/** Invalid inputs get BAD_USER_INPUT naming the field, and change nothing (config and history). */
describe(`invalid strategy and asset inputs over HTTP (${ENGINE})`, () => {
  let s: TestServer;
  let admin: Record<string, string>;
  let snapshot: unknown;
  const state = async () => {
    const cfg = await s.db.selectFrom("strategy_configs").selectAll().executeTakeFirstOrThrow();
    const assets = await s.db.selectFrom("assets").selectAll().execute();
    return { cfg, assets };
  };
  beforeAll(async () => {
    s = await startTestServer(Q.AUTH_ENV);
    admin = (await Q.signedIn(s.db, s.app.config, "admin@example.org", "admin")).headers;
    await s.post(Q.CREATE_ASSET, { input: { symbol: "KEEP" } }, admin);
    snapshot = await state();
  });
  afterAll(() => s?.close());

  /** Asserts BAD_USER_INPUT whose extensions.field (ours) or message (Apollo's coercion) names `field`. */
  function expectBadInput(body: any, field: string) {
    expect(Q.codeOf(body), JSON.stringify(body)).toBe("BAD_USER_INPUT");
    const e = body.errors[0];
    expect(e.extensions.field === field || e.message.includes(field), `${field} in ${JSON.stringify(e)}`).toBe(true);
  }
  const update = async (input: Record<string, unknown>, reason = "bad", extra: Record<string, unknown> = {}) =>
    (await s.post(Q.UPDATE, { input, reason, v: 1, ...extra }, admin)).body;

  it.each([
    ["weights not summing to 1", { momentumWeight: 0.5 }, "momentumWeight"],
    [
      "a weight outside [0, 1] even if the sum is 1",
      { momentumWeight: 1.2, marketCapWeight: -0.2, riskParityWeight: 0 },
      "momentumWeight",
    ],
    ["a negative outlier threshold", { outlierStdThreshold: -3 }, "outlierStdThreshold"],
    ["a negative price threshold", { minPriceThreshold: -1 }, "minPriceThreshold"],
    ["negative costs", { transactionCostBps: -5 }, "transactionCostBps"],
    ["a positive drop threshold", { dailyDropThreshold: 0.1 }, "dailyDropThreshold"],
    ["a non-negative min return", { minDailyReturn: 0.1 }, "minDailyReturn"],
    ["a volatility lookback of 1", { volatilityLookbackDays: 1 }, "volatilityLookbackDays"],
    ["a cap of 0", { maxAssetWeight: 0 }, "maxAssetWeight"],
    ["an unknown frequency", { rebalanceFrequency: "hourly" }, "rebalanceFrequency"],
    ["an oversized frequency", { rebalanceFrequency: "w".repeat(10_000) }, "rebalanceFrequency"],
    ["an oversized benchmark symbol", { benchmarkSymbol: "S".repeat(10_000) }, "benchmarkSymbol"],
    ["a field that is not a strategy parameter (mass assignment)", { version: 99 }, "version"],
    ["ai fields through the input", { aiConfidenceScore: 1 }, "aiConfidenceScore"],
    ["a string where a number goes", { riskFreeRate: "NaN" }, "riskFreeRate"],
  ])("%s", async (_name, input, field) => {
    expectBadInput(await update(input), field);
  });

  it("an oversized or empty reason", async () => {
    expectBadInput(await update({ momentumWeight: 0.4 }, "r".repeat(501)), "reason");
    expectBadInput(await update({ momentumWeight: 0.4 }, "   "), "reason");
  });

  it("a confidence outside [0, 1]", async () => {
    expectBadInput((await s.post(Q.AI, { input: {}, reason: "ai", c: 1.5, v: 1 }, admin)).body, "confidence");
  });

  it(
    "non-finite numbers in variables (1e999 parses to Infinity) are refused by Float coercion, naming the " + "field",
    async () => {
      for (const raw of ['{"momentumWeight": 1e999}', '{"riskFreeRate": -1e999}']) {
        const body = `{"query": ${JSON.stringify(Q.UPDATE)}, "variables": {"input": ${raw}, "reason": "inf", "v": 1}}`;
        const res = await fetch(`${s.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", ...admin },
          body,
        });
        const json = (await res.json()) as any;
        expectBadInput(json, raw.includes("momentum") ? "momentumWeight" : "riskFreeRate");
        expect(json.errors[0].message).toMatch(/Infinity/);
      }
    },
  );

  it("an invalid change asking for a recompute is refused before anything is written or recomputed", async () => {
    expectBadInput(await update({ momentumWeight: 0.5 }, "with recompute", { recompute: true }), "momentumWeight");
  });

  it("invalid asset inputs name the field", async () => {
    expectBadInput((await s.post(Q.CREATE_ASSET, { input: { symbol: "bad symbol!" } }, admin)).body, "symbol");
    expectBadInput((await s.post(Q.CREATE_ASSET, { input: { symbol: "X".repeat(17) } }, admin)).body, "symbol");
    expectBadInput(
      (await s.post(Q.CREATE_ASSET, { input: { symbol: "OK1", name: "n".repeat(201) } }, admin)).body,
      "name",
    );
    expectBadInput(
      (await s.post(Q.UPDATE_ASSET, { id: "1", input: { sector: "s".repeat(101) } }, admin)).body,
      "sector",
    );
    expectBadInput((await s.post(Q.DELETE_ASSET, { id: "-1" }, admin)).body, "id");
  });

  it("after all of it, the stored config, history and assets are unchanged", async () => {
    expect(await state()).toEqual(snapshot);
  });
});
