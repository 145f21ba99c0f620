import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { connect, type Socket } from "node:net";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { startHttpServer, type RunningServer } from "../../src/http/server.js";
import { ENGINE } from "../helpers/db.js";
import { seedUniverse } from "../helpers/fixtures.js";
import { startTestServer, type TestServer } from "../helpers/http.js";
import { AUTH_ENV, signedIn, UPDATE } from "./auth/auth-helpers.js";
import { importFile, recomputeIndex } from "../helpers/services.js";

const ASSETS = `query Q1($from: Date, $to: Date) { assets(first: 50) { edges { node { symbol prices(from: $from, to:
  $to) { date close } } } } }`;
const RANGE = { from: "2024-01-01", to: "2024-01-10" };
const INDEX = `{ indexValues { date value } strategyConfig { version momentumWeight } }`;
const admin = { "x-admin-token": AUTH_ENV.ADMIN_TOKEN! };
const isVersionRead = (sql: string) => /index_version/.test(sql) && /market_data_version/.test(sql);

describe(`response cache (${ENGINE})`, () => {
  let s: TestServer;
  /** POSTs `query` and returns the body and the SQL statements it ran. */
  const run = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    s.statements.length = 0;
    const res = await s.post(query, variables, headers);
    return { ...res, sql: [...s.statements] };
  };
  const closeOf = (body: any, symbol: string, date: string) =>
    body.data.assets.edges.find((e: any) => e.node.symbol === symbol).node.prices.find((p: any) => p.date === date)
      ?.close;

  beforeAll(async () => {
    s = await startTestServer(AUTH_ENV);
    await seedUniverse(s.db, 4, 120, "2024-01-01");
    expect((await recomputeIndex(s.db)).tradingDates).toBeGreaterThan(0);
  });
  afterAll(() => s?.close());

  it("answers a repeated public read with one statement (the versions) and the same bytes", async () => {
    const first = await run(ASSETS, RANGE);
    expect(first.status).toBe(200);
    expect(first.sql.length).toBeGreaterThan(1);
    const second = await run(ASSETS, RANGE);
    expect(second.sql).toHaveLength(1);
    expect(isVersionRead(second.sql[0])).toBe(true);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    // Other variables or another role are other entries.
    expect((await run(ASSETS, { ...RANGE, to: "2024-01-05" })).sql.length).toBeGreaterThan(1);
    expect((await run(ASSETS, RANGE, admin)).sql.length).toBeGreaterThan(1);
    expect((await run(ASSETS, RANGE, admin)).sql).toHaveLength(1);
  });

  it("is invalidated by upsertPrices", async () => {
    await run(ASSETS, RANGE);
    const up = await run(
      `mutation { upsertPrices(prices: [{ symbol: "SYM001", date: "2024-01-03", close: 99.5 }]) { updated } }`,
      {},
      admin,
    );
    expect(up.body.data.upsertPrices.updated).toBe(1);
    const after = await run(ASSETS, RANGE);
    expect(after.sql.length).toBeGreaterThan(1);
    expect(closeOf(after.body, "SYM001", "2024-01-03")).toBe(99.5);
  });

  it("is invalidated by an import (the CLI's importFile)", async () => {
    await run(ASSETS, RANGE);
    const dir = await mkdtemp(path.join(tmpdir(), "autoindex-import-"));
    try {
      const file = path.join(dir, "prices.csv");
      await writeFile(file, "symbol,date,close\nSYM002,2024-01-04,77.25\n");
      await importFile(s.db, "prices", file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const after = await run(ASSETS, RANGE);
    expect(after.sql.length).toBeGreaterThan(1);
    expect(closeOf(after.body, "SYM002", "2024-01-04")).toBe(77.25);
  });

  it("is invalidated by a strategy change and by a recompute", async () => {
    const before = await run(INDEX);
    expect((await run(INDEX)).sql).toHaveLength(1);
    const version = before.body.data.strategyConfig.version;
    const change = await run(
      UPDATE,
      {
        input: { momentumWeight: 0.5, marketCapWeight: 0.2, riskParityWeight: 0.3 },
        reason: "test",
        v: version,
        recompute: false,
      },
      admin,
    );
    expect(change.body.errors).toBeUndefined();
    const changed = await run(INDEX);
    expect(changed.sql.length).toBeGreaterThan(1);
    expect(changed.body.data.strategyConfig).toEqual({ version: version + 1, momentumWeight: 0.5 });
    // Only the stored index changes now: the recompute's own version moves.
    expect((await run(INDEX)).sql).toHaveLength(1);
    const recomputed = await run(`mutation { recomputeIndex { tradingDates } }`, {}, admin);
    expect(recomputed.body.errors).toBeUndefined();
    const after = await run(INDEX);
    expect(after.sql.length).toBeGreaterThan(1);
    expect(after.body.data.indexValues).not.toEqual(before.body.data.indexValues);
  });

  it("never shares private data between viewers, and never caches mutations or errors", async () => {
    const alice = await signedIn(s.db, s.app.config, "alice@example.org", "user");
    const bob = await signedIn(s.db, s.app.config, "bob@example.org", "user");
    const ME = `{ me { email } assets(first: 1) { totalCount } }`;
    for (let i = 0; i < 2; i++) {
      const a = await run(ME, {}, alice.headers);
      const b = await run(ME, {}, bob.headers);
      expect(a.body.data.me.email).toBe("alice@example.org");
      expect(b.body.data.me.email).toBe("bob@example.org");
      expect(a.headers.get("cache-control")).toBe("private, no-store");
      expect(a.headers.get("etag")).toBeNull();
      expect(b.sql.some((q) => /users/.test(q))).toBe(true); // executed, every time
    }
    const history = await run(`{ strategyHistory(first: 1) { totalCount } }`, {}, alice.headers);
    expect(history.headers.get("cache-control")).toBe("private, no-store");
    expect((await run(`{ strategyHistory(first: 1) { totalCount } }`)).body.errors[0].extensions.code).toBe(
      "UNAUTHENTICATED",
    );
    // A partial result (data and an error) is not stored: the assets are read again.
    const PARTIAL = `{ assets(first: 1) { totalCount } asset(symbol: "SYM001", id: "1") { symbol } }`;
    const bad = await run(PARTIAL);
    expect(bad.body.errors).toBeDefined();
    expect(bad.headers.get("cache-control")).toBe("no-store");
    expect((await run(PARTIAL)).sql.length).toBeGreaterThan(1);
    const mutation = await run(`mutation { upsertPrices(prices: []) { inserted } }`, {}, admin);
    expect(mutation.headers.get("cache-control")).toBe("no-store");
  });

  it("serves nothing from memory with RESPONSE_CACHE=off, but still validates ETags", async () => {
    const off = await startTestServer({ ...AUTH_ENV, RESPONSE_CACHE: "off" });
    try {
      await seedUniverse(off.db, 2, 5, "2024-01-01");
      const first = await off.post(ASSETS, RANGE);
      off.statements.length = 0;
      const second = await off.post(ASSETS, RANGE);
      expect(off.statements.length).toBeGreaterThan(1);
      expect(second.body).toEqual(first.body);
      off.statements.length = 0;
      const revalidated = await off.post(ASSETS, RANGE, { "if-none-match": first.headers.get("etag")! });
      expect(revalidated.status).toBe(304);
      expect(off.statements).toHaveLength(1);
    } finally {
      await off.close();
    }
  });

  it.skipIf(ENGINE !== "postgres")("sees a change made by another instance sharing the database at once", async () => {
    const other = await createApp(s.app.config, { schema: s.app.database.schema, migrate: false });
    let running: RunningServer | undefined;
    try {
      running = await startHttpServer(other, 0, "127.0.0.1");
      const postTo = async (
        url: string,
        query: string,
        variables: Record<string, unknown>,
        headers: Record<string, string> = {},
      ) =>
        (
          await fetch(`${url}/graphql`, {
            method: "POST",
            headers: { "content-type": "application/json", ...headers },
            body: JSON.stringify({ query, variables }),
          })
        ).json();
      await run(ASSETS, RANGE);
      expect((await run(ASSETS, RANGE)).sql).toHaveLength(1); // warm here
      await postTo(
        running.url,
        `mutation { upsertPrices(prices: [{ symbol: "SYM003", date: "2024-01-02", close: 55.5 }]) { updated } }`,
        {},
        admin,
      );
      const after = await run(ASSETS, RANGE);
      expect(after.sql.length).toBeGreaterThan(1);
      expect(closeOf(after.body, "SYM003", "2024-01-02")).toBe(55.5);
      // And the other way round: a recompute there, a read here.
      await run(INDEX);
      await postTo(running.url, `mutation { recomputeIndex { tradingDates } }`, {}, admin);
      expect((await run(INDEX)).sql.length).toBeGreaterThan(1);
      // Both compute the same ETag for the same read of the same data.
      const here = await run(ASSETS, RANGE);
      const there = await fetch(`${running.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
        body: JSON.stringify({ query: ASSETS, variables: RANGE }),
      });
      expect(there.headers.get("etag")).toBe(here.headers.get("etag"));
    } finally {
      if (running) {
        running.server.close();
        running.server.closeAllConnections();
      }
      await other.apollo.stop();
      await other.database.close();
    }
  });
});

describe(`response cache under concurrent identical reads (${ENGINE})`, () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(AUTH_ENV);
    await seedUniverse(s.db, 30, 200, "2024-01-01");
  });
  afterAll(() => s?.close());

  // Postgres only: PGlite answers in-process without yielding to the network, so requests
  // never overlap there; over a pg pool they do.
  it.skipIf(ENGINE !== "postgres")("executes a read once while identical requests wait for it", async () => {
    const assetsRead = () => s.statements.filter((q) => /from "assets"/.test(q)).length;
    const ONE = `query P($to: Date) { assets(first: 30) { edges { node { symbol prices(from: "2024-01-01", to: $to) {
      close } } } } }`;
    // Calibrate: one execution of this read runs n statements on assets.
    s.statements.length = 0;
    await s.post(ONE, { to: "2024-01-20" });
    const perExecution = assetsRead();
    expect(perExecution).toBeGreaterThan(0);
    // Open pool connections first: a new one takes longer than a whole read on an open one.
    await Promise.all(Array.from({ length: 8 }, () => sql`select pg_sleep(0.05)`.execute(s.db)));
    // Six requests, each sent but for its last byte; then the six last bytes at once, so that
    // all six arrive before any of them executes.
    const body = JSON.stringify({ query: ONE, variables: { to: "2024-07-01" } });
    const head =
      `POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\naccept: ` +
      `application/json\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const { port } = new URL(s.url);
    const sockets = await Promise.all(
      Array.from(
        { length: 6 },
        () =>
          new Promise<Socket>((resolve, reject) => {
            const socket = connect(Number(port), "127.0.0.1", () => resolve(socket)).on("error", reject);
          }),
      ),
    );
    const answers = sockets.map(
      (socket) =>
        new Promise<string>((resolve) => {
          const chunks: Buffer[] = [];
          socket.on("data", (c: Buffer) => chunks.push(c)).on("close", () => resolve(Buffer.concat(chunks).toString()));
        }),
    );
    for (const socket of sockets) socket.write(head + body.slice(0, -1));
    await new Promise((r) => setTimeout(r, 100));
    s.statements.length = 0;
    for (const socket of sockets) socket.write(body.slice(-1));
    const texts = await Promise.all(answers);
    expect(texts.every((t) => t.startsWith("HTTP/1.1 200"))).toBe(true);
    const bodies = texts.map((t) => JSON.parse(t.slice(t.indexOf("\r\n\r\n") + 4)));
    expect(bodies.every((b) => b.data.assets.edges.length === 30)).toBe(true);
    // Six version reads, and the read itself once (without the wait it runs six times here).
    expect(s.statements.filter((q) => /index_version/.test(q))).toHaveLength(6);
    expect(assetsRead()).toBe(perExecution);
  });
});
