import { randomBytes } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_URL, isolatedDatabase, type IsolatedDatabase } from "../helpers/db.js";
import { postFresh, startServe, type ServeProcess } from "../helpers/serve-process.js";

/**
 * `autoindex serve --workers 2`: two real worker processes behind one port on one Postgres.
 * What one process writes (data, sessions, login counters) the other sees at once, its
 * response cache included; a crashed worker is replaced; SIGTERM drains both and exits 0.
 */
const ADMIN_TOKEN = randomBytes(32).toString("base64url");
const PRICE = `{ asset(symbol: "CLU") { latestPrice { date close } } }`;
const UPSERT =
  `mutation($c: Float!) { upsertPrices(prices: [{ symbol: "CLU", date: "2025-01-02", close: $c }]) { ` +
  `inserted updated } }`;
const admin = { "x-admin-token": ADMIN_TOKEN };

describe("serve --workers without DATABASE_URL", () => {
  it("refuses with a clear message (PGlite is one process)", async () => {
    const serve = startServe(["--workers", "2"], {
      NODE_ENV: "development",
      AUTOINDEX_DATA_DIR: "memory://",
      PORT: "0",
    });
    await expect(serve).rejects.toThrow(
      /exited \(2\)[\s\S]*--workers 2 needs DATABASE_URL: the embedded PGlite store is one process/,
    );
  }, 60_000);

  it("refuses a worker count that is not a whole number from 1 to 64", async () => {
    await expect(startServe(["--workers", "0"], { AUTOINDEX_DATA_DIR: "memory://" })).rejects.toThrow(
      /exited \(2\)[\s\S]*--workers must be a whole number from 1 to 64/,
    );
  }, 60_000);
});

describe.skipIf(!DATABASE_URL)("serve --workers 2 on one Postgres", () => {
  let db: IsolatedDatabase;
  let serve: ServeProcess | undefined;
  const workerPids = () =>
    new Set(
      serve!
        .lines()
        .filter((l) => l.msg === "worker serving")
        .map((l) => l.pid),
    );
  /** The pids that logged an access line for `operation` since line `from`. */
  const servedBy = (from: number) =>
    new Set(
      serve!
        .lines()
        .slice(from)
        .filter((l) => l.msg === "request")
        .map((l) => l.pid),
    );

  beforeAll(async () => {
    db = await isolatedDatabase();
    serve = await startServe(["--workers", "2"], {
      ...db.env,
      // No JWT_SECRET: the primary generates one for all workers (a token from one works on the other).
      NODE_ENV: "development",
      ADMIN_TOKEN,
      PORT: "0",
      LOG_LEVEL: "info",
      LOGIN_MAX_ATTEMPTS: "3",
      ARGON2_MEMORY_KIB: "1024",
      ARGON2_TIME_COST: "1",
    });
    await serve.waitFor(() => workerPids().size === 2);
  }, 180_000);

  afterAll(async () => {
    serve?.child.kill("SIGKILL");
    for (const pid of serve ? workerPids() : []) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
    await db?.drop();
  });

  it("exits 1 when no worker can start (the port is taken), instead of restarting them forever", async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, "127.0.0.1", () => r()));
    const { port } = taken.address() as AddressInfo;
    try {
      await expect(
        startServe(["--workers", "2"], { ...db.env, NODE_ENV: "development", PORT: String(port), LOG_LEVEL: "info" }),
      ).rejects.toThrow(/exited \(1\) before listening[\s\S]*EADDRINUSE[\s\S]*a worker failed to start: stopping/);
    } finally {
      taken.close();
    }
  }, 120_000);

  it("migrated once, in the primary", () => {
    expect(serve!.output()).not.toMatch(/"level":(50|60)/);
    expect(workerPids().size).toBe(2);
  });

  it("a write through one worker is read, not a stale cached answer, through every worker", async () => {
    const created = await postFresh(
      serve!.url,
      `mutation { createAsset(input: { symbol: "CLU" }) { symbol } }`,
      {},
      admin,
    );
    expect(created.body).toEqual({ data: { createAsset: { symbol: "CLU" } } });
    expect((await postFresh(serve!.url, UPSERT, { c: 10 }, admin)).body.data.upsertPrices.inserted).toBe(1);
    const from = serve!.lines().length;
    for (let i = 0; i < 6; i++) {
      const r = await postFresh(serve!.url, PRICE);
      expect(r.body.data.asset.latestPrice).toEqual({ date: "2025-01-02", close: 10 });
    }
    // Both workers answered (and cached) the read.
    await new Promise((r) => setTimeout(r, 200));
    expect(servedBy(from).size).toBe(2);
    expect((await postFresh(serve!.url, UPSERT, { c: 11 }, admin)).body.data.upsertPrices.updated).toBe(1);
    for (let i = 0; i < 6; i++) {
      const r = await postFresh(serve!.url, PRICE);
      expect(r.body.data.asset.latestPrice.close).toBe(11);
    }
  });

  it("a session and the login throttle hold across workers", async () => {
    const credentials = { email: "cluster@example.com", password: "correct horse battery staple 42" };
    const reg = await postFresh(serve!.url, `mutation($i: CredentialsInput!) { register(input: $i) { email } }`, {
      i: credentials,
    });
    expect(reg.body.data.register.email).toBe(credentials.email);
    const login = await postFresh(
      serve!.url,
      `mutation($i: CredentialsInput!) { login(input: $i) { accessToken refreshToken } }`,
      { i: credentials },
    );
    const { accessToken, refreshToken } = login.body.data.login;
    const from = serve!.lines().length;
    for (let i = 0; i < 4; i++) {
      const me = await postFresh(serve!.url, `{ me { email } }`, {}, { authorization: `Bearer ${accessToken}` });
      expect(me.body.data.me.email).toBe(credentials.email);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(servedBy(from).size).toBe(2);
    // A refresh token rotates once, whichever worker sees it; replayed, it ends the session everywhere.
    const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { refreshToken } }`;
    const rotated = await postFresh(serve!.url, REFRESH, { t: refreshToken });
    expect(rotated.body.data.refreshToken.refreshToken).toMatch(/./);
    const replayed = await postFresh(serve!.url, REFRESH, { t: refreshToken });
    expect(replayed.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const afterReplay = await postFresh(serve!.url, REFRESH, { t: rotated.body.data.refreshToken.refreshToken });
    expect(afterReplay.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");

    // LOGIN_MAX_ATTEMPTS=3 failed logins of one email from one address, spread over the workers.
    const LOGIN = `mutation($i: CredentialsInput!) { login(input: $i) { accessToken } }`;
    const wrong = { i: { email: credentials.email, password: "wrong password that is long enough 1" } };
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) codes.push((await postFresh(serve!.url, LOGIN, wrong)).body.errors[0].extensions.code);
    expect(codes).toEqual(["UNAUTHENTICATED", "UNAUTHENTICATED", "UNAUTHENTICATED", "RATE_LIMITED"]);
  });

  it("replaces a worker that crashes, and keeps serving meanwhile", async () => {
    const [victim] = [...workerPids()];
    process.kill(victim!, "SIGKILL");
    await serve!.waitFor((l) => l.msg === "worker exited: restarting it" && l.signal === "SIGKILL");
    for (let i = 0; i < 3; i++) expect((await postFresh(serve!.url, PRICE)).status).toBe(200);
    await serve!.waitFor(() => workerPids().size === 3, 30_000);
    const from = serve!.lines().length;
    for (let i = 0; i < 6; i++) expect((await postFresh(serve!.url, PRICE)).body.data.asset.latestPrice.close).toBe(11);
    await new Promise((r) => setTimeout(r, 200));
    const served = servedBy(from);
    expect(served.size).toBe(2);
    expect(served.has(victim)).toBe(false);
  }, 60_000);

  it("SIGTERM drains every worker and the primary exits 0", async () => {
    const alive = [...workerPids()].filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toHaveLength(2);
    const inFlight = Array.from({ length: 4 }, () => postFresh(serve!.url, PRICE));
    await new Promise((r) => setTimeout(r, 20));
    const began = Date.now();
    serve!.child.kill("SIGTERM");
    for (const r of await Promise.all(inFlight)) expect(r.status).toBe(200);
    expect(await serve!.exited).toEqual({ code: 0, signal: null });
    // Each worker exited by itself once drained (not killed at the shutdown timeout).
    expect(Date.now() - began).toBeLessThan(8_000);
    const stopped = serve!.lines().filter((l) => l.msg === "worker stopped");
    expect(stopped.map((l) => [l.code, l.signal])).toEqual([
      [0, null],
      [0, null],
    ]);
    for (const pid of alive) expect(() => process.kill(pid, 0)).toThrow();
    expect(serve!.lines().filter((l) => l.msg === "shutting down" && alive.includes(l.pid))).toHaveLength(2);
  }, 60_000);
});
