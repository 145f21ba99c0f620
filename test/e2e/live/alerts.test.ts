import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recomputeIndex, seedDemoData } from "../../helpers/services.js";
import { startTestServer, type TestServer } from "../../helpers/http.js";
import { LiveClient } from "../../helpers/live.js";
import { AUTH_ENV } from "../auth/auth-helpers.js";

const ADMIN = { "x-admin-token": AUTH_ENV.ADMIN_TOKEN! };

describe("alertRaised", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(AUTH_ENV);
    await seedDemoData(t.db);
    await t.db.updateTable("strategy_configs").set({ daily_drop_threshold: -0.03 }).execute();
    await recomputeIndex(t.db);
  }, 120_000);
  afterAll(() => t?.close());

  it("announces only the alerts a recompute raised that the stored index did not have", async () => {
    const before = (await t.post(`{ alerts { date } }`)).body.data.alerts.map((a: { date: string }) => a.date);
    const client = await LiveClient.connect(t.url);
    const id = client.subscribe(`subscription { alertRaised { eventId alerts { date dailyReturn threshold } } }`);
    await new Promise((r) => setTimeout(r, 200));
    const { version } = (await t.post(`{ strategyConfig { version } }`)).body.data.strategyConfig;
    const res = await t.post(
      `mutation U($v: Int!) { updateStrategyConfig(input: { dailyDropThreshold: -0.01 }, reason: "alerts at -1 %",
        expectedVersion: $v, recompute: true) { config { version } } }`,
      { v: version },
      ADMIN,
    );
    expect(res.body.errors).toBeUndefined();
    const raised = (await client.next(id, 5000)).payload.data.alertRaised.alerts as {
      date: string;
      dailyReturn: number;
      threshold: number;
    }[];
    const after = (await t.post(`{ alerts { date } }`)).body.data.alerts.map((a: { date: string }) => a.date);
    expect(raised.length).toBeGreaterThan(0);
    expect(raised.map((a) => a.date)).toEqual(after.filter((d: string) => !before.includes(d)));
    for (const a of raised) {
      expect(a.threshold).toBe(-0.01);
      expect(a.dailyReturn).toBeLessThanOrEqual(-0.01);
      expect(a.dailyReturn).toBeGreaterThan(-0.03);
    }
    // Recomputing again raises nothing new: no alertRaised.
    expect((await t.post(`mutation { recomputeIndex { alerts } }`, {}, ADMIN)).body.errors).toBeUndefined();
    expect(await client.quietFor(id, 500)).toEqual([]);
    client.close();
  }, 60_000);
});
