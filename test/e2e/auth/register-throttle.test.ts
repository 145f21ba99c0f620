import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { argon2Gate } from "../../../src/auth/argon2-gate.js";
import { createUser } from "../../../src/auth/auth.service.js";
import { ENGINE } from "../../helpers/db.js";
import { startTestServer, type TestServer } from "../../helpers/http.js";
import * as Q from "./auth-helpers.js";

const PER_ADDRESS = 3;
const GLOBAL = 5;

/** POST /graphql from a chosen loopback address (all of 127/8 is local on Linux). */
function postFrom(
  url: string,
  localAddress: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ status: number; body: any }> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/graphql`,
      { method: "POST", localAddress, headers: { "content-type": "application/json" } },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe(`register: throttles, uniform answers, bounded hashing (${ENGINE})`, () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({
      ...Q.AUTH_ENV,
      REGISTER_MAX_PER_ADDRESS: PER_ADDRESS,
      REGISTER_MAX_GLOBAL: GLOBAL,
      ARGON2_MAX_CONCURRENT: 1,
      ARGON2_MAX_QUEUED: 1,
    });
  });
  afterAll(() => s?.close());
  const register = (from: string, email: string, password = Q.PASSWORD) =>
    postFrom(s.url, from, Q.REGISTER, { input: { email, password } });
  const users = async () =>
    (await s.db.selectFrom("users").select("email").orderBy("email").execute()).map((u) => u.email);
  const resetAll = async () => {
    await s.db.deleteFrom("login_attempts").execute();
    await s.db.deleteFrom("users").execute();
  };

  it("per address, then in total; a request refused for its address does not use up the total", async () => {
    await resetAll();
    const codes = [];
    for (let i = 0; i < PER_ADDRESS + 2; i++)
      codes.push(Q.codeOf((await register("127.0.0.2", `a${i}@example.org`)).body));
    expect(codes).toEqual(["OK", "OK", "OK", "RATE_LIMITED", "RATE_LIMITED"]);
    const refused = (await register("127.0.0.2", "late@example.org")).body;
    expect(refused.errors[0].extensions.retryAfterSeconds).toBeGreaterThan(0);
    // The total (5) has room for exactly two more, from anywhere.
    const others = [];
    for (let i = 0; i < 3; i++) others.push(Q.codeOf((await register(`127.0.0.${3 + i}`, `b${i}@example.org`)).body));
    expect(others).toEqual(["OK", "OK", "RATE_LIMITED"]);
    expect(await users()).toEqual([
      "a0@example.org",
      "a1@example.org",
      "a2@example.org",
      "b0@example.org",
      "b1@example.org",
    ]);
  });

  it("a taken email and a free one get the same answer after the same statements", async () => {
    await resetAll();
    await createUser(s.db, s.app.config, { email: "taken@example.org", password: Q.PASSWORD });
    s.statements.length = 0;
    const free = await register("127.0.0.7", "Free@Example.org", "another fine passphrase");
    const freeSql = s.statements.splice(0);
    const taken = await register("127.0.0.8", "Taken@Example.org", "another fine passphrase");
    const takenSql = s.statements.splice(0);
    expect(free.status).toBe(taken.status);
    expect(free.body.data.register.message).toBe(taken.body.data.register.message);
    expect([free.body.data.register.email, taken.body.data.register.email]).toEqual([
      "free@example.org",
      "taken@example.org",
    ]);
    expect(Object.keys(taken.body)).toEqual(["data"]);
    expect(takenSql).toEqual(freeSql);
    // The taken account keeps its password.
    expect(
      Q.codeOf(
        (await postFrom(s.url, "127.0.0.9", Q.LOGIN, { input: { email: "taken@example.org", password: Q.PASSWORD } }))
          .body,
      ),
    ).toBe("OK");
  });

  it("more than two register/login mutations in one request are refused before any runs", async () => {
    await resetAll();
    const input = (i: number) => `{ email: "many${i}@example.org", password: "a perfectly fine passphrase" }`;
    const forty =
      `mutation { ` +
      `${Array.from({ length: 40 }, (_, i) => `r${i}: register(input: ${input(i)}) { email }`).join(" ")} }`;
    const res = await s.post(forty);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(res.body.errors[0].message).toMatch(/at most 2 register\/login mutations per request \(got 40\)/);
    const viaFragments = `mutation { ...A ... on Mutation { l3: login(input: ${input(3)}) { accessToken } } }
      fragment A on Mutation { l1: login(input: ${input(1)}) { accessToken } l2: register(input: ${input(2)}) { email
        } }`;
    expect((await s.post(viaFragments)).body.errors[0].extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(await users()).toEqual([]);
    expect(await s.db.selectFrom("login_attempts").select("key").execute()).toEqual([]);
    const two = await s.post(
      `mutation { r: register(input: ${input(1)}) { email } l: login(input: ${input(1)}) { user { email } } }`,
    );
    expect(two.body.errors).toBeUndefined();
    expect(two.body.data.l.user.email).toBe("many1@example.org");
  });

  it(
    "argon2 work is bounded per process: beyond ARGON2_MAX_CONCURRENT running and ARGON2_MAX_QUEUED waiting, " +
      "RATE_LIMITED",
    async () => {
      await resetAll();
      const results = await Promise.allSettled(
        ["h1", "h2", "h3"].map((e) =>
          createUser(s.db, s.app.config, { email: `${e}@example.org`, password: Q.PASSWORD }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
      expect((results[2] as PromiseRejectedResult).reason.extensions).toEqual({
        code: "RATE_LIMITED",
        retryAfterSeconds: 1,
      });
      expect(await users()).toEqual(["h1@example.org", "h2@example.org"]);
    },
  );

  it("a login or register refused because the gate is full uses up none of the caller's attempts", async () => {
    await resetAll();
    await createUser(s.db, s.app.config, { email: "busy@example.org", password: Q.PASSWORD });
    // Fill the gate (1 running, 1 waiting) with work of our own, held until released.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const gate = argon2Gate(s.app.config);
    const holders = [gate.run(() => held), gate.run(() => held)];
    try {
      const login = await postFrom(s.url, "127.0.0.20", Q.LOGIN, {
        input: { email: "busy@example.org", password: Q.PASSWORD },
      });
      const reg = await register("127.0.0.20", "new.busy@example.org");
      for (const r of [login, reg])
        expect(r.body.errors[0]).toMatchObject({
          message: "too many sign-ins in progress; retry in 1 s",
          extensions: { code: "RATE_LIMITED", retryAfterSeconds: 1 },
        });
      expect(await s.db.selectFrom("login_attempts").selectAll().execute()).toEqual([]);
    } finally {
      release();
      await Promise.all(holders);
    }
    expect(
      Q.codeOf(
        (await postFrom(s.url, "127.0.0.20", Q.LOGIN, { input: { email: "busy@example.org", password: Q.PASSWORD } }))
          .body,
      ),
    ).toBe("OK");
  });
});
