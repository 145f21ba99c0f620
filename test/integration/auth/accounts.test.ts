import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { REGISTRATION_MESSAGE } from "../../../src/auth/auth.service.js";
import { hashRefreshToken } from "../../../src/auth/tokens.js";
import { createTestApp, ENGINE, type TestApp } from "../../helpers/db.js";
import { execute } from "../../helpers/execute.js";
import { AUTH_ENV, LOGIN, PASSWORD, REFRESH, REGISTER } from "../../e2e/auth/auth-helpers.js";

describe(`accounts and sessions (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(AUTH_ENV);
  });
  beforeEach(() => t.reset());
  afterAll(() => t?.close());
  const run = (q: string, v: Record<string, unknown>) => execute(t.app, q, v, null);

  it(
    "registers with a normalised email and an argon2id " + "hash with the configured parameters; never an admin",
    async () => {
      const res = await run(REGISTER, { input: { email: " Ann@Example.ORG", password: PASSWORD } });
      expect((res.data as any).register).toEqual({ email: "ann@example.org", message: REGISTRATION_MESSAGE });
      const row = await t.db.selectFrom("users").selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ email: "ann@example.org", role: "user" });
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
      expect(row.password_hash).not.toContain(PASSWORD);
    },
  );

  it(
    "a taken email (any case) gets the same answer as a free one and changes nothing; policy problems name " +
      "the field",
    async () => {
      const free = await run(REGISTER, { input: { email: "ann@example.org", password: PASSWORD } });
      const hash = (await t.db.selectFrom("users").select("password_hash").executeTakeFirstOrThrow()).password_hash;
      const taken = await run(REGISTER, { input: { email: "ANN@example.org ", password: "another fine passphrase" } });
      expect(taken).toEqual(free);
      expect((await t.db.selectFrom("users").select("password_hash").executeTakeFirstOrThrow()).password_hash).toBe(
        hash,
      );
      const signedIn = await run(LOGIN, { input: { email: "ann@example.org", password: PASSWORD } });
      expect((signedIn.data as any).login.user.email).toBe("ann@example.org");
      for (const [input, field] of [
        [{ email: "x@example.org", password: "short" }, "password"],
        [{ email: "x@example.org", password: "password1234567" }, "password"],
        [{ email: "not-an-email", password: PASSWORD }, "email"],
      ] as const)
        expect((await run(REGISTER, { input })).errors?.[0].extensions).toMatchObject({
          code: "BAD_USER_INPUT",
          field,
        });
      expect(await t.db.selectFrom("users").select("email").execute()).toHaveLength(1);
    },
  );

  it("stores only SHA-256 hashes of refresh tokens and rotates them within one family", async () => {
    await run(REGISTER, { input: { email: "ann@example.org", password: PASSWORD } });
    const first = (await run(LOGIN, { input: { email: "ann@example.org", password: PASSWORD } })).data as any;
    const login = (await run(LOGIN, { input: { email: "ann@example.org", password: PASSWORD } })).data as any;
    const rotated = (await run(REFRESH, { t: login.login.refreshToken })).data as any;
    const rows = await t.db.selectFrom("refresh_tokens").selectAll().orderBy("id").execute();
    expect(rows).toHaveLength(3); // first login, second login, rotation
    expect(rows[0].token_hash).toBe(hashRefreshToken(first.login.refreshToken));
    expect(rows.map((r) => r.token_hash)).toContain(hashRefreshToken(login.login.refreshToken));
    expect(rows.map((r) => r.token_hash)).toContain(hashRefreshToken(rotated.refreshToken.refreshToken));
    expect(JSON.stringify(rows)).not.toContain(login.login.refreshToken);
    expect(rows[1].family_id).toBe(rows[2].family_id);
    expect(rows[0].family_id).not.toBe(rows[1].family_id);
    expect(rows[1].rotated_at).not.toBeNull();
  });

  it("an expired refresh token is refused", async () => {
    await run(REGISTER, { input: { email: "ann@example.org", password: PASSWORD } });
    const login = (await run(LOGIN, { input: { email: "ann@example.org", password: PASSWORD } })).data as any;
    await t.db
      .updateTable("refresh_tokens")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    expect((await run(REFRESH, { t: login.login.refreshToken })).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});
