import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDocuments, runHttpCases, type Tally } from "../../resilience/fuzz-run.js";
import { recomputeIndex, seedDemoData } from "../helpers/services.js";
import { AUTH_ENV, signedIn } from "./auth/auth-helpers.js";
import { startTestServer, type TestServer } from "../helpers/http.js";

// A fixed-seed sample of resilience/fuzz.ts (which runs 10,000 documents against a real server
// process): 500 generated documents, valid and mutated, as anonymous, user and admin, then every
// malformed HTTP case, against the demo data over real HTTP. No 5xx, no INTERNAL_SERVER_ERROR,
// a stable code on every error, a JSON body on every refusal. A failure prints the case shrunk.
const SEED = 20261127;
const LIMITS = {
  headersTimeoutMs: 2000,
  requestTimeoutMs: 5000,
  bodyIdleTimeoutMs: 1000,
  maxBodyBytes: 2 * 1024 * 1024,
};

describe("fuzzing with a fixed seed", () => {
  let s: TestServer;
  let user: string;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer({
      ...AUTH_ENV,
      // A loaded machine must not turn admitted requests into TIMEOUTs (an accepted code, but it hides coverage).
      QUERY_TIMEOUT_MS: 60_000,
      HTTP_HEADERS_TIMEOUT_MS: LIMITS.headersTimeoutMs,
      HTTP_REQUEST_TIMEOUT_MS: LIMITS.requestTimeoutMs,
      HTTP_BODY_IDLE_TIMEOUT_MS: LIMITS.bodyIdleTimeoutMs,
      HTTP_MAX_BODY_BYTES: LIMITS.maxBodyBytes,
    });
    await seedDemoData(s.db);
    await recomputeIndex(s.db);
    user = (await signedIn(s.db, s.app.config, "fuzz-user@example.org", "user")).token;
    admin = (await signedIn(s.db, s.app.config, "fuzz-admin@example.org", "admin")).token;
  }, 300_000);
  afterAll(() => s?.close());

  const expectClean = (t: Tally) => {
    // The shrunk failing cases first: the assertion's diff shows them.
    expect(t.examples).toEqual([]);
    expect(t.failures).toBe(0);
    expect(t.fiveXx).toBe(0);
  };

  it("500 generated documents: no 5xx, a stable code on every error", { timeout: 600_000 }, async () => {
    const tally = await runDocuments({
      schema: s.app.schema,
      base: s.url,
      creds: { user, admin, adminToken: AUTH_ENV.ADMIN_TOKEN },
      seed: SEED,
      count: 500,
      concurrency: 2,
    });
    expectClean(tally);
    expect(tally.total).toBe(500);
    // The sample reaches the resolvers, not only the validator: many documents execute.
    const executed = Object.entries(tally.byOutcome)
      .filter(([o]) => o.startsWith("200 "))
      .reduce((n, [, k]) => n + k, 0);
    expect(executed).toBeGreaterThan(200);
    expect(tally.byOutcome["200 OK"]).toBeGreaterThan(100);
    // Every mutation kind was tried.
    expect(Object.keys(tally.byKind).length).toBeGreaterThan(12);
  });

  it("every malformed HTTP case is refused with a code, or reset where that is the design", {
    timeout: 300_000,
  }, async () => {
    const url = new URL(s.url);
    const tally = await runHttpCases({
      hostname: url.hostname,
      port: Number(url.port),
      host: url.host,
      ...LIMITS,
      userBearer: user,
      adminToken: AUTH_ENV.ADMIN_TOKEN,
    });
    expectClean(tally);
    expect(tally.total).toBeGreaterThan(150);
    // The server is still there and well.
    expect((await s.get("/healthz")).status).toBe(200);
    expect((await s.post("{ strategyConfig { version } }")).body.data.strategyConfig.version).toBeGreaterThan(0);
  });
});
