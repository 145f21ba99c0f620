import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { createUser } from "../../src/auth/auth.service.js";
import { signAccessToken } from "../../src/auth/tokens.js";
import { LSN_HEADER, parseLsn } from "../../src/db/read-replicas.js";
import { startHttpServer, type RunningServer } from "../../src/http/server.js";
import { testConfig } from "../helpers/db.js";
import { createPrivatePostgres, havePostgresBinaries, type PrivatePostgres } from "../helpers/private-postgres.js";

/**
 * Read replicas against a real streaming replica: a private primary and a pg_basebackup -R
 * standby on ports of their own. Queries read the replica; mutations write the primary and
 * answer with the WAL position a replica must have replayed to show them; a client echoing it
 * reads its own writes; a lagging or stopped replica is skipped. Postgres' binaries are part
 * of the machine's setup: absent, the test skips itself, except in CI (CI=1) where it fails.
 */
const ADMIN_TOKEN = randomBytes(32).toString("base64url");
const PRICE = `{ asset(symbol: "REP") { latestPrice { close } } }`;
const UPSERT =
  `mutation($c: Float!) { upsertPrices(prices: [{ symbol: "REP", date: "2025-01-02", close: $c }]) { ` +
  `inserted updated } }`;
const MAX_LAG_MS = 1500;

describe.skipIf(!havePostgresBinaries() && !process.env.CI)("read replicas (a real streaming replica)", () => {
  let primary: PrivatePostgres;
  let replica: PrivatePostgres;
  let app: App;
  let server: RunningServer;
  let standby: pg.Client;

  const post = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "apollo-require-preflight": "1", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, lsn: res.headers.get(LSN_HEADER), body: (await res.json()) as any };
  };
  const close = async (headers: Record<string, string> = {}) =>
    (await post(PRICE, {}, headers)).body.data.asset.latestPrice.close as number;
  const replayed = async () => parseLsn((await standby.query("select pg_last_wal_replay_lsn()::text as l")).rows[0].l)!;
  const until = async (ok: () => Promise<boolean> | boolean, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!(await ok())) {
      if (Date.now() > end) throw new Error("condition not met in time");
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  beforeAll(async () => {
    primary = await createPrivatePostgres({ port: 55461 });
    replica = await createPrivatePostgres({ port: 55462, replicaOf: primary });
    app = await createApp(
      testConfig({
        DATABASE_URL: primary.url,
        DATABASE_READ_URLS: replica.url,
        DATABASE_REPLICA_CHECK_MS: 50,
        DATABASE_REPLICA_MAX_LAG_MS: MAX_LAG_MS,
        ADMIN_TOKEN,
        DATABASE_CONNECT_TIMEOUT_MS: 1000,
      }),
    );
    server = await startHttpServer(app, 0, "127.0.0.1");
    standby = new pg.Client({ connectionString: replica.url });
    await standby.connect();
    await post(`mutation { createAsset(input: { symbol: "REP" }) { symbol } }`, {}, { "x-admin-token": ADMIN_TOKEN });
    const first = await post(UPSERT, { c: 10 }, { "x-admin-token": ADMIN_TOKEN });
    await until(async () => (await replayed()) >= parseLsn(first.lsn!)!);
  }, 120_000);

  afterAll(async () => {
    await standby?.end().catch(() => undefined);
    await server?.close();
    replica?.destroy();
    primary?.destroy();
  });

  it("sees the replica as a standby in use", async () => {
    await app.reads!.check();
    expect(app.reads!.status).toEqual([expect.objectContaining({ name: "replica 1", up: true, lagMs: 0 })]);
    expect((await standby.query("select pg_is_in_recovery() as r")).rows[0].r).toBe(true);
  });

  it("reads on the replica, writes on the primary, and reads its own writes with the token", async () => {
    expect(await close()).toBe(10);
    await standby.query("select pg_wal_replay_pause()");
    try {
      const write = await post(UPSERT, { c: 11 }, { "x-admin-token": ADMIN_TOKEN });
      expect(write.body.data.upsertPrices.updated).toBe(1);
      // A mutation's answer names the primary's WAL position after it; a query's does not.
      expect(parseLsn(write.lsn!)).not.toBeNull();
      // Without the token: the replica, whose replay is paused before the write (the primary has 11).
      expect(await close()).toBe(10);
      const onPrimary = await sql<{ close: number }>`
        select close from prices p join assets a on a.id = p.asset_id where a.symbol = 'REP'`.execute(app.database.db);
      expect(onPrimary.rows[0]!.close).toBe(11);
      // With it: no replica has replayed that far, so the primary answers.
      const mine = await post(PRICE, {}, { [LSN_HEADER]: write.lsn! });
      expect(mine.body.data.asset.latestPrice.close).toBe(11);
      expect(mine.lsn).toBeNull();
      expect((await app.reads!.pick(parseLsn(write.lsn!))).name).toBe("primary");
      await standby.query("select pg_wal_replay_resume()");
      await until(async () => (await replayed()) >= parseLsn(write.lsn!)!);
      // Caught up: the same token reads the replica, which now shows the write.
      expect((await app.reads!.pick(parseLsn(write.lsn!))).name).toBe("replica 1");
      expect(await close({ [LSN_HEADER]: write.lsn! })).toBe(11);
      expect(await close()).toBe(11);
    } finally {
      await standby.query("select pg_wal_replay_resume()");
    }
  });

  it("skips a replica that lags past DATABASE_REPLICA_MAX_LAG_MS, and uses it again once it caught up", async () => {
    await standby.query("select pg_wal_replay_pause()");
    try {
      await post(UPSERT, { c: 12 }, { "x-admin-token": ADMIN_TOKEN });
      expect(await close()).toBe(11); // the paused replica, within the bound
      await until(() => app.reads!.status[0]!.lagMs > MAX_LAG_MS, MAX_LAG_MS * 4);
      expect((await app.reads!.pick(null)).name).toBe("primary");
      expect(await close()).toBe(12); // the primary, without any token
    } finally {
      await standby.query("select pg_wal_replay_resume()");
    }
    await until(() => app.reads!.status[0]!.lagMs === 0);
    expect((await app.reads!.pick(null)).name).toBe("replica 1");
    expect(await close()).toBe(12);
  });

  it("falls back to the primary while the replica is down, and returns to it when it is back", async () => {
    await standby.end();
    replica.stop();
    await until(() => !app.reads!.status[0]!.up);
    expect((await app.reads!.pick(null)).name).toBe("primary");
    expect(await close()).toBe(12);
    const write = await post(UPSERT, { c: 13 }, { "x-admin-token": ADMIN_TOKEN });
    expect(await close({ [LSN_HEADER]: write.lsn! })).toBe(13);
    replica.start();
    await until(() => app.reads!.status[0]!.up && app.reads!.status[0]!.lagMs === 0, 30_000);
    standby = new pg.Client({ connectionString: replica.url });
    await standby.connect();
    await until(async () => (await replayed()) >= parseLsn(write.lsn!)!);
    expect((await app.reads!.pick(parseLsn(write.lsn!))).name).toBe("replica 1");
    expect(await close()).toBe(13);
  }, 60_000);

  it("refuses a token that is not a WAL position (400, BAD_REQUEST)", async () => {
    const r = await post(PRICE, {}, { [LSN_HEADER]: "yesterday" });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("answers from the primary a query whose replica stops under it; a primary outage leaves replicas be", async () => {
    // Checks a minute apart: the replica stops between two of them, with connections open in the pool.
    const unchecked = await createApp(
      testConfig({
        DATABASE_URL: primary.url,
        DATABASE_READ_URLS: replica.url,
        DATABASE_REPLICA_CHECK_MS: 60_000,
        DATABASE_REPLICA_MAX_LAG_MS: MAX_LAG_MS,
        ADMIN_TOKEN,
        DATABASE_CONNECT_TIMEOUT_MS: 1000,
      }),
    );
    const other = await startHttpServer(unchecked, 0, "127.0.0.1");
    const ask = async (headers: Record<string, string> = {}) => {
      const res = await fetch(`${other.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "apollo-require-preflight": "1", ...headers },
        body: JSON.stringify({ query: PRICE }),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    try {
      expect(unchecked.reads!.status[0]!.up).toBe(true);
      expect((await ask()).body.data.asset.latestPrice.close).toBe(13); // read on the replica
      expect(await unchecked.reads!.confirmDown(await unchecked.reads!.pick(null))).toBe(false);

      // The primary down: a signed-in query on the replica fails with 503 (its viewer is read from
      // the primary), is not run again, and does not take the healthy replica out of rotation.
      const user = await createUser(unchecked.database.db, unchecked.config, {
        email: `reader-${randomBytes(4).toString("hex")}@example.org`,
        password: "a reader's long passphrase",
      });
      const bearer = { authorization: `Bearer ${signAccessToken(unchecked.config, user)}` };
      primary.stop();
      const signedIn = await ask(bearer);
      expect(signedIn.status).toBe(503);
      expect(unchecked.reads!.status[0]!.up).toBe(true);
      expect((await ask()).body.data.asset.latestPrice.close).toBe(13); // anonymous: still the replica
      // A query the router sent to the primary (a token no replica has replayed) is not retried either.
      const primaryRouted = { [LSN_HEADER]: "FFFFFFFF/FFFFFFFF" };
      expect(await unchecked.reads!.confirmDown(await unchecked.reads!.pick(parseLsn("FFFFFFFF/FFFFFFFF")))).toBe(
        false,
      );
      expect((await ask(primaryRouted)).status).toBe(503);
      primary.start();
      await until(async () => (await ask(primaryRouted)).status === 200, 30_000);

      // The replica down between two checks, with connections open in its pool.
      await standby.end();
      replica.stop();
      // Without the retry this was a 503 (SERVICE_UNAVAILABLE) until the next check, a minute later.
      const answered = await ask();
      expect(answered.status, JSON.stringify(answered.body)).toBe(200);
      expect(answered.body.data.asset.latestPrice.close).toBe(13);
      expect(unchecked.reads!.status[0]!.up).toBe(false);
      expect((await unchecked.reads!.pick(null)).name).toBe("primary");
    } finally {
      await other.close();
      replica.start();
      standby = new pg.Client({ connectionString: replica.url });
      await standby.connect();
    }
  }, 60_000);
});
