import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../../src/auth/auth.service.js";
import { ENGINE } from "../../helpers/db.js";
import { startTestServer, type TestServer } from "../../helpers/http.js";
import * as Q from "./auth-helpers.js";

const MAX_PER_PAIR = 3; // LOGIN_MAX_ATTEMPTS: one email from one address
const MAX_PER_EMAIL = 6; // one email from all addresses
const MAX_PER_ADDRESS = 5; // all emails from one address
const WINDOW = 600;

/**
 * Logs in from a chosen loopback address (all of 127/8 is local on Linux), so per-address counters can be told apart.
 */
function loginFrom(url: string, localAddress: string, email: string, password: string): Promise<any> {
  const body = JSON.stringify({ query: Q.LOGIN, variables: { input: { email, password } } });
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/graphql`,
      { method: "POST", localAddress, headers: { "content-type": "application/json" } },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve(JSON.parse(text)));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe(`login throttling per address, per (email, address) and per email (${ENGINE})`, () => {
  let s: TestServer;
  const env = {
    ...Q.AUTH_ENV,
    LOGIN_MAX_ATTEMPTS: MAX_PER_PAIR,
    LOGIN_MAX_ATTEMPTS_PER_EMAIL: MAX_PER_EMAIL,
    LOGIN_MAX_ATTEMPTS_PER_ADDRESS: MAX_PER_ADDRESS,
    LOGIN_WINDOW_SECONDS: WINDOW,
  };
  beforeAll(async () => {
    s = await startTestServer(env);
    for (const e of ["a", "b", "c", "d", "e", "f", "g"])
      await createUser(s.db, s.app.config, { email: `${e}@example.org`, password: Q.PASSWORD });
  });
  afterAll(() => s?.close());
  const login = (from: string, email: string, password = "wrong password guess") =>
    loginFrom(s.url, from, email, password);
  const counter = async (scope: "email" | "address" | "email_address", key: string) =>
    (
      await s.db
        .selectFrom("login_attempts")
        .select("failures")
        .where("scope", "=", scope)
        .where("key", "=", key)
        .executeTakeFirst()
    )?.failures ?? 0;

  function expectRateLimited(body: any) {
    expect(Q.codeOf(body)).toBe("RATE_LIMITED");
    const retry = body.errors[0].extensions.retryAfterSeconds;
    expect(Number.isInteger(retry) && retry >= 1 && retry <= WINDOW).toBe(true);
  }

  it("an unknown email and a wrong password get the same answer", async () => {
    const unknown = await login("127.0.0.9", "nobody@example.org");
    const wrong = await login("127.0.0.9", "d@example.org");
    expect(unknown.errors).toEqual(wrong.errors);
    expect(Q.codeOf(unknown)).toBe("UNAUTHENTICATED");
  });

  it("a stranger cannot lock an account: N failures refuse only the stranger's address for that email", async () => {
    for (let i = 0; i < MAX_PER_PAIR; i++)
      expect(Q.codeOf(await login("127.0.0.2", "a@example.org"))).toBe("UNAUTHENTICATED");
    expectRateLimited(await login("127.0.0.2", "a@example.org", Q.PASSWORD));
    expect(Q.codeOf(await login("127.0.0.3", "a@example.org", Q.PASSWORD))).toBe("OK");
    expect(Q.codeOf(await login("127.0.0.2", "b@example.org", Q.PASSWORD))).toBe("OK");
  });

  it("guesses against one account stay bounded across addresses (per-email ceiling)", async () => {
    for (let i = 0; i < MAX_PER_EMAIL; i++)
      expect(Q.codeOf(await login(`127.0.2.${i + 1}`, "f@example.org"))).toBe("UNAUTHENTICATED");
    expectRateLimited(await login("127.0.2.100", "f@example.org", Q.PASSWORD));
  });

  it("per address: failures across emails add up; a request it refuses counts against no email", async () => {
    const emails = ["x1", "x2", "x3", "x4", "x5"].map((e) => `${e}@example.org`);
    for (const e of emails) expect(Q.codeOf(await login("127.0.0.4", e))).toBe("UNAUTHENTICATED");
    for (let i = 0; i < 10; i++) expectRateLimited(await login("127.0.0.4", "c@example.org"));
    expect(await counter("email", "c@example.org")).toBe(0);
    expect(await counter("email_address", "127.0.0.4 c@example.org")).toBe(0);
    expect(Q.codeOf(await login("127.0.0.5", "c@example.org", Q.PASSWORD))).toBe("OK");
  });

  it("a success clears its (email, address) counter", async () => {
    for (let i = 0; i < MAX_PER_PAIR - 1; i++) await login("127.0.0.6", "e@example.org");
    expect(Q.codeOf(await login("127.0.0.6", "e@example.org", Q.PASSWORD))).toBe("OK");
    for (let i = 0; i < MAX_PER_PAIR; i++)
      expect(Q.codeOf(await login("127.0.0.6", "e@example.org"))).toBe("UNAUTHENTICATED");
    expectRateLimited(await login("127.0.0.6", "e@example.org"));
  });

  it("concurrent guesses cannot slip past the bounds", async () => {
    const spread = await Promise.all(Array.from({ length: 20 }, (_, i) => login(`127.0.1.${i + 1}`, "b@example.org")));
    expect(spread.map(Q.codeOf).filter((c) => c === "UNAUTHENTICATED")).toHaveLength(MAX_PER_EMAIL);
    expect(spread.map(Q.codeOf).filter((c) => c === "RATE_LIMITED")).toHaveLength(20 - MAX_PER_EMAIL);
    const one = await Promise.all(Array.from({ length: 20 }, () => login("127.0.3.1", "g@example.org")));
    expect(one.map(Q.codeOf).filter((c) => c === "UNAUTHENTICATED")).toHaveLength(MAX_PER_PAIR);
  });
});
