import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purgeExpiredAuthRows } from "../../../src/auth/housekeeping.js";
import { createTestDb, ENGINE, testConfig, type TestDb } from "../../helpers/db.js";

describe(`auth housekeeping (${ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t?.close());

  it("each throttle scope is purged by its own window (registrations: REGISTER_WINDOW_SECONDS)", async () => {
    const config = testConfig({ LOGIN_WINDOW_SECONDS: 900, REGISTER_WINDOW_SECONDS: 3600 });
    await sql`insert into login_attempts (scope, key, failures, window_start) values
      ('email_address', '10.0.0.1 old@example.com', 3, now() - interval '16 minutes'),
      ('register_address', '10.0.0.1', 2, now() - interval '16 minutes'),
      ('register', '*', 9, now() - interval '61 minutes')`.execute(t.db);
    expect((await purgeExpiredAuthRows(t.db, config)).loginAttempts).toBe(2);
    expect(await t.db.selectFrom("login_attempts").select(["scope", "key"]).execute()).toEqual([
      { scope: "register_address", key: "10.0.0.1" },
    ]);
    await t.db.deleteFrom("login_attempts").execute();
  });

  it("deletes login counters whose window ended and expired refresh tokens, and keeps the live ones", async () => {
    const config = testConfig({ LOGIN_WINDOW_SECONDS: 900 });
    await sql`insert into login_attempts (scope, key, failures, window_start) values
      ('email', 'old@example.com', 3, now() - interval '16 minutes'),
      ('address', '10.0.0.1', 9, now() - interval '1 day'),
      ('email', 'live@example.com', 2, now() - interval '14 minutes')`.execute(t.db);
    const [user] = await t.db
      .insertInto("users")
      .values({ email: "u@example.com", password_hash: "x" })
      .returning("id")
      .execute();
    const hash = (c: string) => c.repeat(64);
    await sql`insert into refresh_tokens (user_id, family_id, token_hash, expires_at) values
      (${user.id}, gen_random_uuid(), ${hash("a")}, now() - interval '1 second'),
      (${user.id}, gen_random_uuid(), ${hash("b")}, now() + interval '1 day')`.execute(t.db);

    expect(await purgeExpiredAuthRows(t.db, config)).toEqual({ loginAttempts: 2, refreshTokens: 1 });
    expect(await t.db.selectFrom("login_attempts").select("key").execute()).toEqual([{ key: "live@example.com" }]);
    expect(await t.db.selectFrom("refresh_tokens").select("token_hash").execute()).toEqual([{ token_hash: hash("b") }]);
    expect(await purgeExpiredAuthRows(t.db, config)).toEqual({ loginAttempts: 0, refreshTokens: 0 });
  });
});
