import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_URL, isolatedDatabase, type IsolatedDatabase } from "../../helpers/db.js";
import { LiveClient } from "../../helpers/live.js";
import { startServe, type ServeProcess } from "../../helpers/serve-process.js";

/**
 * Two real `autoindex serve` processes (separate Node processes, pools and listeners) on one
 * Postgres: a write through one reaches a subscriber of the other, by LISTEN/NOTIFY alone.
 */
const ADMIN_TOKEN = randomBytes(32).toString("base64url");
const JWT_SECRET = randomBytes(48).toString("base64url");
const PRICES = 'subscription { pricesUpdated(symbols: ["PRC"]) { eventId source symbols { symbol rows } } }';

describe.skipIf(!DATABASE_URL)("live events across two API processes on one Postgres", () => {
  let db: IsolatedDatabase;
  const procs: ServeProcess[] = [];

  const post = (p: ServeProcess, query: string, variables: Record<string, unknown> = {}) =>
    fetch(`${p.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-admin-token": ADMIN_TOKEN },
      body: JSON.stringify({ query, variables }),
    }).then((r) => r.json() as Promise<{ data?: any; errors?: { message: string }[] }>);

  beforeAll(async () => {
    db = await isolatedDatabase();
    const env = { ...db.env, NODE_ENV: "development", ADMIN_TOKEN, JWT_SECRET, PORT: "0", LOG_LEVEL: "warn" };
    procs.push(await startServe([], env)); // migrates
    procs.push(await startServe([], env));
  }, 240_000);

  afterAll(async () => {
    for (const p of procs) p.child.kill("SIGKILL");
    await db?.drop();
  });

  it("a mutation through one process reaches a subscriber connected to the other within 1 s", async () => {
    const [writer, reader] = procs;
    expect(
      (await post(writer, `mutation { createAsset(input: { symbol: "PRC" }) { symbol } }`)).errors,
    ).toBeUndefined();
    const client = await LiveClient.connect(reader.url);
    const id = client.subscribe(PRICES);
    await new Promise((r) => setTimeout(r, 300)); // the reader's listener starts on its first subscription
    const started = performance.now();
    const res = await post(
      writer,
      `mutation($c: Float!) { upsertPrices(prices: [{ symbol: "PRC", date: "2025-01-02", close: $c }]) { inserted } }`,
      { c: 10 },
    );
    expect(res.errors).toBeUndefined();
    const got = await client.next(id, 1000);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(got.payload.data.pricesUpdated).toMatchObject({ source: "UPSERT", symbols: [{ symbol: "PRC", rows: 1 }] });
    client.close();
  });
});
