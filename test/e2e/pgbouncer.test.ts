import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { checkPooledStatementTimeout } from "../../src/db/direct.js";
import { seedDemoData } from "../helpers/services.js";
import { startHttpServer, type RunningServer } from "../../src/http/server.js";
import { testConfig } from "../helpers/db.js";
import { havePgBouncer, startPgBouncer, type PrivatePgBouncer } from "../helpers/pgbouncer.js";
import { createPrivatePostgres, havePostgresBinaries, type PrivatePostgres } from "../helpers/private-postgres.js";

/**
 * The API behind PgBouncer 1.18 (Debian's) in transaction mode, where consecutive statements
 * of one client may run on different server connections, so nothing may rely on session state:
 * no startup parameters (PgBouncer refuses statement_timeout and options), migrations and their
 * session advisory lock on DATABASE_DIRECT_URL, per-transaction settings only (SET LOCAL), no
 * named prepared statements. A private cluster and pooler on ports of their own; absent
 * binaries skip the test, except in CI (CI=1). The whole suite also runs through PgBouncer in
 * .ci/run (DATABASE_POOL_MODE=transaction).
 */
const ADMIN_TOKEN = randomBytes(32).toString("base64url");
const admin = { "x-admin-token": ADMIN_TOKEN };
const DASHBOARD = `{
  assets(first: 5) { totalCount edges { node { symbol prices(from: "2025-06-01", to: "2025-06-30") { date close } } } }
  indexValues(from: "2025-06-01", to: "2025-06-30") { date value }
  riskMetrics(window: ONE_YEAR) { volatility maxDrawdown }
  strategyConfig { version momentumWeight }
}`;

describe.skipIf(!(havePostgresBinaries() && havePgBouncer()) && !process.env.CI)(
  "behind PgBouncer in transaction mode",
  () => {
    let server: PrivatePostgres;
    let bouncer: PrivatePgBouncer;
    let app: App;
    let http: RunningServer;
    const env = () => ({
      DATABASE_URL: bouncer.url("postgres"),
      DATABASE_DIRECT_URL: server.url,
      DATABASE_POOL_MODE: "transaction" as const,
      // More clients than PgBouncer has server connections: they take turns per transaction.
      DATABASE_POOL_SIZE: 8,
      ADMIN_TOKEN,
    });
    const post = async (
      query: string,
      variables: Record<string, unknown> = {},
      headers: Record<string, string> = {},
    ) => {
      const res = await fetch(`${http.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "apollo-require-preflight": "1", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as any;
    };
    const direct = async <T>(fn: (c: pg.Client) => Promise<T>) => {
      const c = new pg.Client({ connectionString: server.url });
      await c.connect();
      try {
        return await fn(c);
      } finally {
        await c.end();
      }
    };

    beforeAll(async () => {
      server = await createPrivatePostgres({ port: 55463 });
      // Three server connections; statement_timeout set on each by PgBouncer (README "Scaling out").
      bouncer = await startPgBouncer({
        port: 55464,
        upstreamPort: 55463,
        poolSize: 3,
        connectQuery: "set statement_timeout = 5000",
      });
      app = await createApp(testConfig(env()));
      http = await startHttpServer(app, 0, "127.0.0.1");
    }, 120_000);

    afterAll(async () => {
      await http?.close();
      await bouncer?.stop();
      server?.destroy();
    });

    it("refuses the session-mode app at the door (startup parameters), hence DATABASE_POOL_MODE", async () => {
      const { DATABASE_POOL_MODE: _, DATABASE_DIRECT_URL: __, ...sessionMode } = env();
      await expect(createApp(testConfig(sessionMode))).rejects.toThrow(
        /unsupported startup parameter: statement_timeout/,
      );
    });

    it("migrated on the direct connection and left no session lock behind", async () => {
      const { locks, migrations } = await direct(async (c) => ({
        locks: (await c.query("select count(*)::int as n from pg_locks where locktype = 'advisory'")).rows[0].n,
        migrations: (await c.query("select count(*)::int as n from kysely_migration")).rows[0].n,
      }));
      expect(locks).toBe(0);
      expect(migrations).toBeGreaterThan(10);
    });

    it("serves writes, a recompute, sessions and concurrent reads through the pooler", async () => {
      const seeded = await seedDemoData(app.database.db); // one long transaction, SET LOCAL inside
      expect(seeded.assets).toBeGreaterThan(10);
      const recomputed = await post(`mutation { recomputeIndex { tradingDates } }`, {}, admin);
      expect(recomputed.data.recomputeIndex.tradingDates).toBeGreaterThan(200);
      const strategy = await post(
        `mutation($v: Int!) { updateStrategyConfig(input: { momentumWeight: 0.5, marketCapWeight: 0.3,
          riskParityWeight: 0.2 }, reason: "pgbouncer test", expectedVersion: $v, recompute: true) { recomputed config
            { version } } }`,
        { v: (await post(`{ strategyConfig { version } }`)).data.strategyConfig.version },
        admin,
      );
      expect(strategy.errors, JSON.stringify(strategy.errors)).toBeUndefined();
      const credentials = { email: "pooled@example.com", password: "correct horse battery staple 42" };
      await post(`mutation($i: CredentialsInput!) { register(input: $i) { email } }`, { i: credentials });
      const login = (
        await post(`mutation($i: CredentialsInput!) { login(input: $i) { accessToken refreshToken } }`, {
          i: credentials,
        })
      ).data.login;
      const me = await post(`{ me { email } }`, {}, { authorization: `Bearer ${login.accessToken}` });
      expect(me.data.me.email).toBe(credentials.email);
      const refreshed = await post(`mutation($t: String!) { refreshToken(refreshToken: $t) { refreshToken } }`, {
        t: login.refreshToken,
      });
      expect(refreshed.data.refreshToken.refreshToken).toMatch(/./);
      // Twenty dashboards at once (different variables defeat the response cache): one answer.
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => post(DASHBOARD.replace("first: 5", `first: ${5 + (i % 2)}`), { i })),
      );
      for (const a of answers) expect(a.errors).toBeUndefined();
      expect(answers[2]).toEqual(answers[0]);
      expect(answers[0].data.indexValues.length).toBeGreaterThan(15);
      expect(answers[0].data.strategyConfig.momentumWeight).toBe(0.5);
    }, 120_000);

    it("leaks no session setting from one client's transaction to another's", async () => {
      // The recompute raised statement_timeout and work_mem for its transactions only.
      const seen = await Promise.all(
        Array.from({ length: 6 }, () =>
          app.database.db.transaction().execute(async (trx) => {
            const { rows } = await sql<{
              t: string;
              w: string;
              p: string;
            }>`select current_setting('statement_timeout') as t,
              current_setting('work_mem') as w, current_setting('search_path') as p, pg_sleep(0.05)`.execute(trx);
            return rows[0];
          }),
        ),
      );
      for (const s of seen) expect(s).toMatchObject({ t: "5s", w: "4MB", p: '"$user", public' });
    });

    it("still bounds statements (statement_timeout from PgBouncer) and warns when the server does not", async () => {
      await expect(sql`select pg_sleep(6)`.execute(app.database.db)).rejects.toMatchObject({ code: "57014" });
      const warnings: string[] = [];
      const log = pino({ level: "warn" }, { write: (line: string) => void warnings.push(line) });
      await checkPooledStatementTimeout(app.database.db, app.config, log);
      expect(warnings).toEqual([]);
      await checkPooledStatementTimeout(app.database.db, testConfig({ ...env(), QUERY_TIMEOUT_MS: 1000 }), log);
      expect(warnings.join("")).toMatch(/does not bound requests to QUERY_TIMEOUT_MS/);
    }, 30_000);

    it("delivers a NOTIFY committed through the pooler to a LISTEN on the direct connection", async () => {
      // LISTEN needs a session: subscriptions listen on DATABASE_DIRECT_URL, writers go through the pooler.
      const listener = new pg.Client({ connectionString: server.url });
      await listener.connect();
      try {
        await listener.query("listen autoindex_pgbouncer_test");
        const got = new Promise<string | undefined>((resolve) =>
          listener.once("notification", (n) => resolve(n.payload)),
        );
        await app.database.db.transaction().execute(async (trx) => {
          await sql`select pg_notify('autoindex_pgbouncer_test', 'committed')`.execute(trx);
        });
        expect(await got).toBe("committed");
      } finally {
        await listener.end();
      }
    });
  },
);
