import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINE } from "../../helpers/db.js";
import { startTestServer, type TestServer } from "../../helpers/http.js";
import * as Q from "./auth-helpers.js";

/**
 * Every mutation of issue 4 over real HTTP: anonymous → UNAUTHENTICATED, a user → FORBIDDEN,
 * an admin (JWT with role admin in the database, or the ADMIN_TOKEN) → allowed.
 */
describe(`authorization matrix over HTTP (${ENGINE})`, () => {
  let s: TestServer;
  let user: Q.Signed;
  let admin: Q.Signed;
  const machine = { "x-admin-token": Q.AUTH_ENV.ADMIN_TOKEN! };
  beforeAll(async () => {
    s = await startTestServer(Q.AUTH_ENV);
    user = await Q.signedIn(s.db, s.app.config, "user@example.org", "user");
    admin = await Q.signedIn(s.db, s.app.config, "admin@example.org", "admin");
  });
  afterAll(() => s?.close());

  const version = async () => (await s.post(Q.VERSION)).body.data.strategyConfig.version as number;
  const as = async (headers: Record<string, string>, query: string, variables: Record<string, unknown>) =>
    (await s.post(query, variables, headers)).body;

  /** Runs one mutation as anonymous, user and admin; returns the admin's data. */
  async function matrix(
    name: string,
    query: string,
    vars: () => Promise<Record<string, unknown>>,
    adminHeaders: Record<string, string>,
  ) {
    const before = await version();
    expect(Q.codeOf(await as({}, query, await vars())), `${name} anonymous`).toBe("UNAUTHENTICATED");
    expect(Q.codeOf(await as(user.headers, query, await vars())), `${name} user`).toBe("FORBIDDEN");
    expect(await version(), `${name}: refused calls change nothing`).toBe(before);
    const ok = await as(adminHeaders, query, await vars());
    expect(ok.errors, `${name} admin`).toBeUndefined();
    return ok.data[name];
  }

  const strategyVars = async (extra: Record<string, unknown>) => ({ reason: "matrix", v: await version(), ...extra });

  it("updateStrategyConfig", async () => {
    const d = await matrix(
      "updateStrategyConfig",
      Q.UPDATE,
      () => strategyVars({ input: { momentumWeight: 0.5, marketCapWeight: 0.2 } }),
      admin.headers,
    );
    expect(d.config).toMatchObject({ momentumWeight: 0.5, marketCapWeight: 0.2 });
    const m = await matrix(
      "updateStrategyConfig",
      Q.UPDATE,
      () => strategyVars({ input: { momentumWeight: 0.4, marketCapWeight: 0.3 } }),
      machine,
    );
    expect(m.config.momentumWeight).toBe(0.4);
  });

  it("applyAiAdjustment", async () => {
    const d = await matrix(
      "applyAiAdjustment",
      Q.AI,
      () => strategyVars({ input: { transactionCostBps: 5 }, c: 0.8 }),
      admin.headers,
    );
    expect(d.config).toMatchObject({ aiAdjusted: true, aiConfidenceScore: 0.8, aiAdjustmentReason: "matrix" });
  });

  it("forceRebalance", async () => {
    const d = await matrix("forceRebalance", Q.FORCE, () => strategyVars({}), machine);
    expect(d.config.forceRebalance).toBe(true);
  });

  it("createAsset, updateAsset, setAssetInvestable, deleteAsset", async () => {
    let n = 0;
    const created = await matrix(
      "createAsset",
      Q.CREATE_ASSET,
      async () => ({ input: { symbol: `mx${n++}`, name: "Matrix" } }),
      admin.headers,
    );
    expect(created.symbol).toBe("MX2");
    const id = created.id;
    expect(
      (await matrix("updateAsset", Q.UPDATE_ASSET, async () => ({ id, input: { name: "Renamed" } }), admin.headers))
        .name,
    ).toBe("Renamed");
    expect(
      (await matrix("setAssetInvestable", Q.SET_INVESTABLE, async () => ({ id, investable: false }), machine))
        .investable,
    ).toBe(false);
    expect((await matrix("deleteAsset", Q.DELETE_ASSET, async () => ({ id }), admin.headers)).id).toBe(id);
    expect(await s.db.selectFrom("assets").select("id").execute()).toEqual([]);
  });

  it("strategyHistory: any signed-in user reads it, anonymous does not", async () => {
    expect(Q.codeOf(await as({}, Q.HISTORY, {}))).toBe("UNAUTHENTICATED");
    const asUser = await as(user.headers, Q.HISTORY, { first: 2 });
    expect(asUser.errors).toBeUndefined();
    expect(asUser.data.strategyHistory.totalCount).toBe(4);
    expect(asUser.data.strategyHistory.edges.map((e: any) => e.node.kind)).toEqual([
      "FORCE_REBALANCE",
      "AI_ADJUSTMENT",
    ]);
  });

  it("register, login, refreshToken and logout are open to anonymous callers", async () => {
    const input = { email: "  New.User@Example.ORG ", password: Q.PASSWORD };
    const reg = await as({}, Q.REGISTER, { input });
    expect(reg.data.register.email).toBe("new.user@example.org");
    const login = (await as({}, Q.LOGIN, { input: { ...input, email: "NEW.user@example.org" } })).data.login;
    const me = await as({ authorization: `Bearer ${login.accessToken}` }, `{ me { email role } }`, {});
    expect(me.data.me).toEqual({ email: "new.user@example.org", role: "user" });
    const refreshed = (await as({}, Q.REFRESH, { t: login.refreshToken })).data.refreshToken;
    expect(refreshed.refreshToken).not.toBe(login.refreshToken);
    expect((await as({}, Q.LOGOUT, { t: refreshed.refreshToken })).data.logout).toBe(true);
    expect(Q.codeOf(await as({}, Q.REFRESH, { t: refreshed.refreshToken }))).toBe("UNAUTHENTICATED");
  });
});
