import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../../src/app.js";
import { startHttpServer, type RunningServer } from "../../../src/http/server.js";
import { listenerApplicationName } from "../../../src/live/listener.js";
import { DATABASE_URL, isolatedDatabase, POOL_MODE, testConfig, type IsolatedDatabase } from "../../helpers/db.js";
import { seedUniverse } from "../../helpers/fixtures.js";
import { LiveClient } from "../../helpers/live.js";
import { AUTH_ENV } from "../auth/auth-helpers.js";

const ADMIN = { "x-admin-token": AUTH_ENV.ADMIN_TOKEN! };
const PRICES = `subscription { pricesUpdated { eventId symbols { symbol } } }`;
const UPSERT = `mutation U($p: [PriceInput!]!) { upsertPrices(prices: $p) { inserted updated } }`;

/** Two API instances, each with its own pool and listener, on one Postgres schema (as two processes would be). */
describe.skipIf(!DATABASE_URL)("live events across API instances sharing one Postgres", () => {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  let apps: App[] = [];
  let servers: RunningServer[] = [];
  const admin = new pg.Client({ connectionString: DATABASE_URL });

  // Behind PgBouncer in transaction mode a search_path is session state: a database of its own instead.
  let iso: IsolatedDatabase | null = null;
  /** The database the instances use (the listeners are found by it and their application name). */
  let database = "";

  beforeAll(async () => {
    await admin.connect();
    iso = POOL_MODE === "transaction" ? await isolatedDatabase() : null;
    const config = testConfig({ ...(iso ? iso.env : { DATABASE_URL }), ...AUTH_ENV });
    const where = iso ? {} : { schema };
    apps = [await createApp(config, where), await createApp(config, { ...where, migrate: false })];
    database = iso
      ? new URL(iso.directUrl).pathname.slice(1)
      : (await admin.query<{ d: string }>("select current_database() as d")).rows[0].d;
    servers = await Promise.all(apps.map((a) => startHttpServer(a, 0, "127.0.0.1")));
    await seedUniverse(apps[0].database.db, 2, 10);
  }, 60_000);
  afterAll(async () => {
    for (const s of servers) await s.close();
    if (iso) await iso.drop();
    else await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  const upsert = (server: RunningServer, close: number) =>
    fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...ADMIN },
      body: JSON.stringify({ query: UPSERT, variables: { p: [{ symbol: "SYM001", date: "2024-02-01", close }] } }),
    }).then((r) => r.json() as Promise<{ errors?: unknown }>);

  it("a mutation through one instance reaches a subscriber of the other within 1 s", async () => {
    const client = await LiveClient.connect(servers[1].url);
    const id = client.subscribe(PRICES);
    await new Promise((r) => setTimeout(r, 200));
    const res = await upsert(servers[0], 50);
    expect(res.errors).toBeUndefined();
    const got = await client.next(id, 1000);
    expect(got.payload.data.pricesUpdated.symbols).toEqual([{ symbol: "SYM001" }]);
    client.close();
  });

  it("a listener whose connection is killed reconnects and catches up on the events it missed", async () => {
    const client = await LiveClient.connect(servers[1].url);
    const id = client.subscribe(PRICES);
    await new Promise((r) => setTimeout(r, 200));
    const listener = apps[1].live.listener;
    const reconnects = listener.reconnects;
    // Both instances listen under the same name; kill them all, then commit before they are back.
    const killed = await admin.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and datname = $2",
      [listenerApplicationName(iso ? "public" : schema), database],
    );
    expect(killed.rowCount).toBeGreaterThan(0);
    const before = listener.lastEventId;
    const res = await upsert(servers[0], 51);
    expect(res.errors).toBeUndefined();
    const got = await client.next(id, 5000);
    expect(Number(got.payload.data.pricesUpdated.eventId)).toBeGreaterThan(before);
    expect(listener.reconnects).toBeGreaterThan(reconnects);
    // Live again after the catch-up.
    await upsert(servers[0], 52);
    const again = await client.next(id, 1000);
    expect(Number(again.payload.data.pricesUpdated.eventId)).toBeGreaterThan(
      Number(got.payload.data.pricesUpdated.eventId),
    );
    client.close();
  });
});
