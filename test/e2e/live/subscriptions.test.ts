import jwt from "jsonwebtoken";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendLiveEvent } from "../../../src/live/live-events.repo.js";
import { LiveTopic, publishStrategyChanged } from "../../../src/live/topics.js";
import { changeStrategy } from "../../../src/strategy/strategy.service.js";
import { seedUniverse } from "../../helpers/fixtures.js";
import { startTestServer, type TestServer } from "../../helpers/http.js";
import { LiveClient } from "../../helpers/live.js";
import { AUTH_ENV, signedIn } from "../auth/auth-helpers.js";

const ADMIN = { "x-admin-token": AUTH_ENV.ADMIN_TOKEN! };
const PRICES = `subscription P($s: [String!]) {
  pricesUpdated(symbols: $s) { eventId source rows symbols { symbol from to rows } } }`;
const INDEX = `subscription { indexUpdated {
  eventId latestDate latestLevel datesAdded firstChangedDate strategyVersion } }`;
const STRATEGY = `subscription {
  strategyChanged { eventId config { version momentumWeight } adjustment { reason actor } } }`;
const UPSERT = `mutation U($p: [PriceInput!]!) { upsertPrices(prices: $p) { inserted updated unchanged } }`;

describe("GraphQL subscriptions over WebSocket", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      ...AUTH_ENV,
      LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: 3,
      LIVE_MAX_QUEUED_EVENTS: 3,
      MAX_QUERY_DEPTH: 3,
      CORS_ORIGINS: "https://dash.example.com",
    });
    await seedUniverse(t.db, 3, 30);
  }, 60_000);
  afterAll(() => t?.close());

  it("delivers pricesUpdated after the upsert commits, filtered by symbols", async () => {
    const client = await LiveClient.connect(t.url);
    const mine = client.subscribe(PRICES, { s: ["SYM001"] });
    const all = client.subscribe(PRICES);
    const other = client.subscribe(PRICES, { s: ["SYM002"] });
    await new Promise((r) => setTimeout(r, 200));
    const res = await t.post(
      UPSERT,
      {
        p: [
          { symbol: "SYM001", date: "2024-03-01", close: 42 },
          { symbol: "SYM000", date: "2024-03-01", close: 41 },
        ],
      },
      ADMIN,
    );
    expect(res.body.errors).toBeUndefined();
    const got = await client.next(mine, 1000); // within 1 s of the commit
    expect(got.payload.data.pricesUpdated).toMatchObject({
      source: "UPSERT",
      rows: 1,
      symbols: [{ symbol: "SYM001", from: "2024-03-01", to: "2024-03-01", rows: 1 }],
    });
    const everything = await client.next(all, 1000);
    expect(everything.payload.data.pricesUpdated.symbols.map((s: { symbol: string }) => s.symbol)).toEqual([
      "SYM000",
      "SYM001",
    ]);
    // Re-sending the same closes changes nothing, so nothing is announced.
    await t.post(UPSERT, { p: [{ symbol: "SYM001", date: "2024-03-01", close: 42 }] }, ADMIN);
    expect(await client.quietFor(other, 300)).toEqual([]);
    expect(await client.quietFor(mine, 0)).toEqual([]);
    client.close();
  });

  it("sends nothing for a rolled-back change, and the next committed one arrives", async () => {
    const client = await LiveClient.connect(t.url, ADMIN);
    const id = client.subscribe(STRATEGY);
    await new Promise((r) => setTimeout(r, 200));
    const viewer = { userId: null, role: "admin" as const, via: "admin-token" as const };
    const version = Number(
      (await t.db.selectFrom("strategy_configs").select("version").executeTakeFirstOrThrow()).version,
    );
    await expect(
      t.db.transaction().execute(async (trx) => {
        const { config, entry } = await changeStrategy(trx, viewer, {
          kind: "update",
          patch: { momentumWeight: 0.5, marketCapWeight: 0.25, riskParityWeight: 0.25 },
          reason: "rolled back",
          expectedVersion: version,
        });
        await publishStrategyChanged(trx, config, entry);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await client.quietFor(id, 300)).toEqual([]);
    // The committed one goes through the API.
    const committed = await t.post(
      `mutation U($v: Int!) { updateStrategyConfig(input: { momentumWeight: 0.4, marketCapWeight: 0.3,
        riskParityWeight: 0.3 }, reason: "committed", expectedVersion: $v) { config { version } } }`,
      { v: version },
      ADMIN,
    );
    expect(committed.body.errors).toBeUndefined();
    const got = await client.next(id, 1000);
    expect(got.payload.data.strategyChanged).toMatchObject({
      config: { version: version + 1, momentumWeight: 0.4 },
      adjustment: { reason: "committed", actor: "ADMIN_TOKEN" },
    });
    client.close();
  });

  it("announces a recompute through the API: indexUpdated with what changed", async () => {
    const client = await LiveClient.connect(t.url);
    const id = client.subscribe(INDEX);
    await new Promise((r) => setTimeout(r, 200));
    const res = await t.post(`mutation { recomputeIndex { tradingDates } }`, {}, ADMIN);
    expect(res.body.errors).toBeUndefined();
    const got = await client.next(id, 2000);
    const u = got.payload.data.indexUpdated;
    expect(u.latestDate).toBe("2024-03-01");
    expect(u.datesAdded).toBeGreaterThan(0);
    expect(u.firstChangedDate <= u.latestDate).toBe(true);
    expect(u.strategyVersion).toBeGreaterThan(0);
    client.close();
  });

  it("authorises like queries: strategyChanged needs a viewer; a bad token closes with 4401", async () => {
    const anonymous = await LiveClient.connect(t.url);
    const id = anonymous.subscribe(STRATEGY);
    // graphql-js reports a refused subscribe as a result with errors: a next message, then complete.
    const refused = await anonymous.next(id);
    expect(refused.payload.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    await anonymous.waitFor((m) => m.id === id && m.type === "complete");
    anonymous.close();

    const user = await signedIn(t.db, t.app.config, "live-user@example.com", "user");
    const signed = await LiveClient.connect(t.url, { authorization: `Bearer ${user.token}` });
    const ok = signed.subscribe(STRATEGY);
    expect(await signed.quietFor(ok, 200)).toEqual([]);
    signed.close();

    const bad = new LiveClient(t.url);
    await bad.init({ authorization: "Bearer nope" }).catch(() => undefined);
    expect(await bad.closed).toEqual({ code: 4401, reason: "invalid or expired token" });

    const badAdmin = new LiveClient(t.url);
    await badAdmin.init({ "x-admin-token": "wrong" }).catch(() => undefined);
    expect((await badAdmin.closed).code).toBe(4401);
  });

  it("closes a connection with 4401 when its access token expires", async () => {
    const user = await signedIn(t.db, t.app.config, "live-expiring@example.com", "user");
    const a = t.app.config.auth;
    const token = jwt.sign({ role: "user" }, a.jwtSecret, {
      algorithm: "HS256",
      issuer: a.issuer,
      audience: a.audience,
      subject: String(user.id),
      expiresIn: 1,
      jwtid: "expiring",
    });
    const client = await LiveClient.connect(t.url, { authorization: `Bearer ${token}` });
    const closed = await client.closed;
    expect(closed).toEqual({ code: 4401, reason: "token expired" });
  });

  it("applies the query checks to subscription documents and serves only subscriptions", async () => {
    const client = await LiveClient.connect(t.url);
    const codeOf = async (query: string, variables?: Record<string, unknown>) => {
      const m = await client.next(client.subscribe(query, variables));
      expect(m.type).toBe("error");
      return m.payload[0].extensions.code;
    };
    expect(await codeOf(`{ strategyConfig { version } }`)).toBe("BAD_REQUEST");
    expect(await codeOf(`subscription { strategyChanged { adjustment { changes { field } } } }`)).toBe(
      "QUERY_TOO_DEEP",
    );
    expect(await codeOf(PRICES, { s: ["A\u0000"] })).toBe("BAD_USER_INPUT");
    expect(await codeOf(`subscription { nope }`)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(await codeOf(`subscription {`)).toBe("GRAPHQL_PARSE_FAILED");
    client.close();
  });

  it("a strategy change with recompute announces both, from one commit", async () => {
    const client = await LiveClient.connect(t.url, ADMIN);
    const strategy = client.subscribe(STRATEGY);
    const index = client.subscribe(INDEX);
    await new Promise((r) => setTimeout(r, 200));
    const { version } = (await t.post(`{ strategyConfig { version } }`)).body.data.strategyConfig;
    const res = await t.post(
      `mutation U($v: Int!) { updateStrategyConfig(input: { dailyDropThreshold: -0.05 }, reason: "alerts at -5 %",
        expectedVersion: $v, recompute: true) { config { version } } }`,
      { v: version },
      ADMIN,
    );
    expect(res.body.errors).toBeUndefined();
    const s = (await client.next(strategy, 2000)).payload.data.strategyChanged;
    const i = (await client.next(index, 2000)).payload.data.indexUpdated;
    expect(s.config.version).toBe(version + 1);
    expect(i.strategyVersion).toBe(version + 1);
    // Appended last in the transaction (writers are serialised from append to commit).
    expect(Number(s.eventId)).toBeGreaterThan(Number(i.eventId));
    client.close();
  });

  it("answers a subscription sent over HTTP with BAD_REQUEST", async () => {
    const res = await t.post(INDEX);
    expect(res.body.errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("bounds subscriptions per connection", async () => {
    const client = await LiveClient.connect(t.url);
    for (let i = 0; i < 3; i++) client.subscribe(INDEX);
    const fourth = await client.next(client.subscribe(INDEX));
    expect(fourth.payload[0].extensions).toMatchObject({ code: "SUBSCRIPTION_LIMIT", scope: "connection", limit: 3 });
    client.close();
  });

  it("refuses upgrades from foreign origins and other paths", async () => {
    const foreign = new LiveClient(t.url, { origin: "https://evil.example.com" });
    await expect(foreign.init()).rejects.toThrow("upgrade refused: 403");
    const allowed = new LiveClient(t.url, { origin: "https://dash.example.com" });
    await allowed.init();
    allowed.close();
  });

  it("drops a slow consumer with close code 4008", async () => {
    const client = await LiveClient.connect(t.url);
    client.subscribe(PRICES);
    await new Promise((r) => setTimeout(r, 200));
    const before = t.app.live.hub.subscriptions;
    expect(before).toBeGreaterThan(0);
    client.ws.pause(); // the client reads nothing more: its socket buffers fill, then the server's queue
    // ~200 KB per event once serialised: far more than loopback socket buffers hold in 100 events.
    const symbols = Array.from({ length: 3000 }, (_, i) => ({
      symbol: `S${i}`,
      from: "2024-01-01",
      to: "2024-12-31",
      rows: 250,
    }));
    const deadline = Date.now() + 20_000;
    for (let i = 0; i < 200 && t.app.live.hub.subscriptions >= before && Date.now() < deadline; i++)
      await t.db
        .transaction()
        .execute((trx) => appendLiveEvent(trx, LiveTopic.PRICES_UPDATED, { source: "import", rows: 1, symbols }));
    while (t.app.live.hub.subscriptions >= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(t.app.live.hub.subscriptions).toBe(before - 1);
    client.ws.resume();
    expect((await client.closed).code).toBe(4008);
  }, 30_000);
});
