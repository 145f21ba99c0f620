import { sql } from "kysely";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { isConnectionError } from "../../src/db/connection-errors.js";
import { startHttpServer, type RunningServer } from "../../src/http/server.js";
import { DATABASE_URL, testConfig } from "../helpers/db.js";
import { createPrivatePostgres, havePostgresBinaries, type PrivatePostgres } from "../helpers/private-postgres.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const QUERY = "{ assets(first: 1) { totalCount } }";

/**
 * A Postgres restart under a running API: a private cluster (started here, never the shared
 * one) is stopped with `pg_ctl stop -m fast` while the pool holds idle connections and one
 * runs a statement, then started again. Runs with DATABASE_URL set (the Postgres runs) when
 * Debian's server binaries are installed.
 */
describe.skipIf(!DATABASE_URL || !havePostgresBinaries())("database faults", () => {
  let pgServer: PrivatePostgres;
  let app: App;
  let http: RunningServer;
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);
  const logs: { level: number; msg: string }[] = [];

  const post = async (query: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${http.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    process.on("uncaughtException", onUncaught);
    pgServer = await createPrivatePostgres();
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of chunk.toString().split("\n").filter(Boolean)) logs.push(JSON.parse(line));
        done();
      },
    });
    app = await createApp(
      testConfig({ DATABASE_URL: pgServer.url, DATABASE_POOL_SIZE: 4, DATABASE_CONNECT_TIMEOUT_MS: 1000 }),
      { log: pino({ level: "debug" }, sink) },
    );
    http = await startHttpServer(app, 0, "127.0.0.1");
  }, 120_000);

  afterAll(async () => {
    http?.server.close();
    http?.server.closeAllConnections();
    await app?.stop().catch(() => {});
    pgServer?.destroy();
    process.off("uncaughtException", onUncaught);
  });

  it("answers, fails with SERVICE_UNAVAILABLE (503) while Postgres is down, and recovers within 5 s of its " +
    "return", async () => {
    // Fill the pool with idle connections, as a busy server has.
    const before = await Promise.all([post(QUERY), post(QUERY), post(QUERY)]);
    for (const r of before) expect(r.body.data.assets.totalCount).toBe(0);
    await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(app.database.db)));
    await post(
      'mutation { register(input: { email: "fault@example.com", password: "correct horse battery staple" }) { ' +
        "__typename } }",
    );
    const signedIn = await post(
      'mutation { login(input: { email: "fault@example.com", password: "correct horse battery staple" }) { ' +
        "accessToken } }",
    );
    const token: string = signedIn.body.data.login.accessToken;

    // One statement in flight when the server goes down.
    const inFlight = sql`select pg_sleep(30)`.execute(app.database.db).then(
      () => null,
      (err: unknown) => err,
    );
    await sleep(200);
    pgServer.stop();
    expect(isConnectionError(await inFlight)).toBe(true);
    await sleep(300); // let every idle connection notice its end

    const down = await post(QUERY);
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("5");
    expect(down.body.errors[0].extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", retryAfterSeconds: 5 });
    expect(down.body.errors[0].message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    // A bearer token makes the context read the user before any resolver: a 503 there too, not a 500.
    const withBearer = await post(QUERY, { authorization: `Bearer ${token}` });
    expect(withBearer.status).toBe(503);
    expect(withBearer.headers.get("retry-after")).toBe("5");
    expect(withBearer.body.errors[0].extensions.code).toBe("SERVICE_UNAVAILABLE");

    const ready = await fetch(`${http.url}/readyz`);
    expect(ready.status).toBe(503);
    expect((await fetch(`${http.url}/healthz`)).status).toBe(200);

    pgServer.start();
    const started = Date.now();
    let recovered: Awaited<ReturnType<typeof post>> | undefined;
    while (Date.now() - started < 5000) {
      const r = await post(QUERY);
      if (r.status === 200 && r.body.data?.assets) {
        recovered = r;
        break;
      }
      await sleep(100);
    }
    expect(recovered?.body.data.assets.totalCount).toBe(0);
    expect((await fetch(`${http.url}/readyz`)).status).toBe(200);

    // The process lived through it, and nothing was logged as an unexpected (masked) error.
    expect(uncaught).toEqual([]);
    expect(logs.filter((l) => l.level >= 50)).toEqual([]);
    expect(logs.some((l) => l.level === 40 && /database/.test(l.msg))).toBe(true);
  }, 120_000);
});
