import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/http.js";
import { parsePrometheusText, sampleValue, type Exposition } from "../helpers/prometheus.js";

/** A pino logger writing parsed JSON lines into an array. */
function captureLog() {
  const lines: Record<string, any>[] = [];
  const log = pino({ level: "info" }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { lines, log };
}

/** The server records a request when its response closes, just after the client has it. */
const settle = () => new Promise((r) => setTimeout(r, 50));

async function scrape(s: TestServer, headers: Record<string, string> = {}): Promise<Exposition> {
  const res = await fetch(`${s.url}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await res.text());
}

describe("/metrics, the access log and request ids", () => {
  let s: TestServer;
  const { lines, log } = captureLog();
  beforeAll(async () => {
    s = await startTestServer({ METRICS_ACCESS: "public", TRUSTED_PROXIES: "loopback", LOG_LEVEL: "info" }, { log });
  });
  afterAll(() => s?.close());

  it("serves Prometheus text whose request histogram counts exactly the requests made", async () => {
    const before = await scrape(s);
    for (let i = 0; i < 3; i++)
      expect((await s.post("query CountAssets { assets(first: 1) { totalCount } }")).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await s.post("{ assets(first: 1) { totalCount } }")).status).toBe(200);
    expect((await s.post("{ nope }")).body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    await settle();
    const after = await scrape(s);

    const H = "autoindex_http_request_duration_seconds";
    expect(after.types.get(H)).toBe("histogram");
    const delta = (name: string, labels: Record<string, string>) =>
      sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(delta(`${H}_count`, { route: "graphql", operation: "CountAssets", outcome: "ok" })).toBe(3);
    expect(delta(`${H}_bucket`, { le: "+Inf", route: "graphql", operation: "CountAssets", outcome: "ok" })).toBe(3);
    expect(delta(`${H}_count`, { route: "graphql", operation: "unnamed", outcome: "ok" })).toBe(2);
    expect(delta(`${H}_count`, { route: "graphql", operation: "invalid", outcome: "client_error" })).toBe(1);
    const graphqlTotal = (e: Exposition) =>
      e.samples.filter((m) => m.name === `${H}_count` && m.labels.route === "graphql").reduce((n, m) => n + m.value, 0);
    expect(graphqlTotal(after) - graphqlTotal(before)).toBe(6);
    // The first scrape is itself counted.
    expect(delta(`${H}_count`, { route: "metrics", operation: "none", outcome: "ok" })).toBe(1);

    expect(delta("autoindex_graphql_errors_total", { code: "GRAPHQL_VALIDATION_FAILED" })).toBe(1);
    // Two distinct public reads, each asked again: one miss then hits from the response cache
    // (the invalid document is looked up too, and misses: errors are never stored).
    expect(delta("autoindex_cache_misses_total", { cache: "response" })).toBe(3);
    expect(delta("autoindex_cache_hits_total", { cache: "response" })).toBe(3);
    expect(delta("autoindex_sql_statement_duration_seconds_count", { kind: "select", outcome: "ok" })).toBeGreaterThan(
      0,
    );
    for (const name of [
      "autoindex_process_cpu_user_seconds_total",
      "autoindex_nodejs_heap_size_used_bytes",
      "autoindex_db_pool_connections",
      "autoindex_db_pool_waiting",
    ]) {
      expect(after.types.has(name), name).toBe(true);
    }
  });

  it("echoes a safe x-request-id and puts it on every log line of that request, the access line included", async () => {
    const res = await s.post(
      "query CountAssets { assets(first: 1) { totalCount } }",
      {},
      { "x-request-id": "req-42.abc", "x-forwarded-for": "6.6.6.6, 203.0.113.7" },
    );
    expect(res.headers.get("x-request-id")).toBe("req-42.abc");
    await settle();
    const mine = lines.filter((l) => l.requestId === "req-42.abc");
    const access = mine.filter((l) => l.msg === "request");
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({
      method: "POST",
      path: "/graphql",
      status: 200,
      operation: "CountAssets",
      outcome: "ok",
      clientAddress: "203.0.113.7",
    });
    expect(access[0]!.bytes).toBeGreaterThan(0);
    expect(access[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("replaces a missing or unsafe x-request-id with a generated one", async () => {
    for (const sent of [undefined, "x".repeat(129), "a b", "<script>"]) {
      const res = await s.get("/healthz", sent === undefined ? {} : { "x-request-id": sent });
      const id = res.headers.get("x-request-id")!;
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      await settle();
      expect(lines.filter((l) => l.requestId === id && l.msg === "request")).toMatchObject([
        { path: "/healthz", status: 200 },
      ]);
    }
  });

  it("logs an unexpected error with its errorId and the request's id", async () => {
    await sql`alter table strategy_configs rename to strategy_configs_hidden`.execute(s.db);
    try {
      const res = await s.post("{ strategyConfig { version } }", {}, { "x-request-id": "req-broken" });
      const error = res.body.errors[0];
      expect(error.extensions.code).toBe("INTERNAL_SERVER_ERROR");
      await settle();
      const logged = lines.filter((l) => l.requestId === "req-broken");
      expect(logged.find((l) => l.msg === "unexpected error")).toMatchObject({
        errorId: error.extensions.errorId,
        level: 50,
      });
      expect(logged.find((l) => l.msg === "request")).toMatchObject({ outcome: "graphql_error" });
    } finally {
      await sql`alter table strategy_configs_hidden rename to strategy_configs`.execute(s.db);
    }
  });
});

describe("who may read /metrics", () => {
  const ADMIN_TOKEN = randomBytes(32).toString("base64url");
  let admin: TestServer;
  let off: TestServer;
  beforeAll(async () => {
    admin = await startTestServer({ ADMIN_TOKEN });
    off = await startTestServer({ METRICS_ACCESS: "off", ADMIN_TOKEN });
  });
  afterAll(async () => {
    await admin?.close();
    await off?.close();
  });

  it("admin (the default) needs the admin token or an admin's JWT", async () => {
    expect((await admin.get("/metrics")).status).toBe(401);
    expect((await admin.get("/metrics", { "x-admin-token": "wrong-token-wrong-token" })).status).toBe(401);
    expect((await admin.get("/metrics", { authorization: "Bearer not.a.jwt" })).status).toBe(401);
    expect(
      parsePrometheusText((await admin.get("/metrics", { "x-admin-token": ADMIN_TOKEN })).body).samples.length,
    ).toBeGreaterThan(5);
  });

  it("off answers 404 even to an admin", async () => {
    expect((await off.get("/metrics", { "x-admin-token": ADMIN_TOKEN })).status).toBe(404);
  });
});
