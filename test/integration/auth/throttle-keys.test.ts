import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { admitLoginAttempt, admitRegistration } from "../../../src/auth/throttle.service.js";
import { createTestDb, ENGINE, testConfig, type TestDb } from "../../helpers/db.js";

/** The address counters key IPv6 by its /64 and IPv4-mapped IPv6 as IPv4 (addressKey), for logins and registrations. */
describe(`throttle keys of client addresses (${ENGINE})`, () => {
  let t: TestDb;
  const config = testConfig({
    LOGIN_MAX_ATTEMPTS_PER_ADDRESS: 3,
    LOGIN_MAX_ATTEMPTS: 100,
    LOGIN_MAX_ATTEMPTS_PER_EMAIL: 100,
    REGISTER_MAX_PER_ADDRESS: 2,
  });
  beforeAll(async () => {
    t = await createTestDb();
  });
  beforeEach(() => t.reset());
  afterAll(() => t?.close());

  const code = (p: Promise<unknown>) =>
    p.then(
      () => "OK",
      (err: { extensions?: { code?: string } }) => err.extensions?.code ?? String(err),
    );

  it("a /64 is one client: new addresses inside it do not buy new login attempts", async () => {
    const codes = [];
    for (let i = 1; i <= 5; i++)
      codes.push(await code(admitLoginAttempt(t.db, config, `u${i}@example.org`, `2001:db8:1:2::${i.toString(16)}`)));
    expect(codes).toEqual(["OK", "OK", "OK", "RATE_LIMITED", "RATE_LIMITED"]);
    expect(await code(admitLoginAttempt(t.db, config, "u@example.org", "2001:db8:1:3::1"))).toBe("OK");
  });

  it("an IPv4 client is one client whether the socket reports it as IPv4 or IPv4-mapped IPv6", async () => {
    const addresses = ["192.0.2.7", "::ffff:192.0.2.7", "::ffff:c000:207", "192.0.2.7"];
    const codes = [];
    for (const [i, a] of addresses.entries())
      codes.push(await code(admitLoginAttempt(t.db, config, `v${i}@example.org`, a)));
    expect(codes).toEqual(["OK", "OK", "OK", "RATE_LIMITED"]);
  });

  it("registrations per address use the same keys", async () => {
    const codes = [];
    for (const a of ["2001:db8:9:9::1", "2001:db8:9:9:ffff::2", "2001:db8:9:9::3"])
      codes.push(await code(admitRegistration(t.db, config, a)));
    expect(codes).toEqual(["OK", "OK", "RATE_LIMITED"]);
  });
});
