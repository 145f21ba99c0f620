import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../../src/auth/auth.service.js";
import { ENGINE } from "../../helpers/db.js";
import { startTestServer, type TestServer } from "../../helpers/http.js";
import * as Q from "./auth-helpers.js";

/**
 * Behind a trusted proxy (all test traffic comes from loopback), the per-address login throttle counts the forwarded
 * client.
 */
describe(`login throttle behind TRUSTED_PROXIES (${ENGINE})`, () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({
      ...Q.AUTH_ENV,
      TRUSTED_PROXIES: "loopback",
      LOGIN_MAX_ATTEMPTS: 100,
      LOGIN_MAX_ATTEMPTS_PER_ADDRESS: 2,
      LOGIN_WINDOW_SECONDS: 600,
    });
    await createUser(s.db, s.app.config, { email: "p@example.org", password: Q.PASSWORD });
  });
  afterAll(() => s?.close());

  const login = (forwardedFor: string, email: string, password = "wrong password guess") =>
    s.post(Q.LOGIN, { input: { email, password } }, { "x-forwarded-for": forwardedFor }).then((r) => r.body);

  it("counts failures per forwarded client; a spoofed left-most entry does not escape the count", async () => {
    expect(Q.codeOf(await login("203.0.113.7", "x1@example.org"))).toBe("UNAUTHENTICATED");
    expect(Q.codeOf(await login("6.6.6.6, 203.0.113.7", "x2@example.org"))).toBe("UNAUTHENTICATED");
    expect(Q.codeOf(await login("1.1.1.1, 203.0.113.7", "p@example.org", Q.PASSWORD))).toBe("RATE_LIMITED");
    // Another client behind the same proxy (same socket address) is not affected.
    expect(Q.codeOf(await login("203.0.113.8", "p@example.org", Q.PASSWORD))).toBe("OK");
  });
});
