import { generateKeyPairSync } from "node:crypto";
import jwt from "jsonwebtoken";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viewerFromAdminToken } from "../../../src/auth/viewer.js";
import { ENGINE, testConfig } from "../../helpers/db.js";
import { startTestServer, type TestServer } from "../../helpers/http.js";
import * as Q from "./auth-helpers.js";

/** Each forged or stale credential is refused with UNAUTHENTICATED and a generic message, nothing more. */
describe(`token attacks over HTTP (${ENGINE})`, () => {
  let s: TestServer;
  let user: Q.Signed;
  const secret = Q.AUTH_ENV.JWT_SECRET!;
  let base: { iss: string; aud: string };
  beforeAll(async () => {
    s = await startTestServer(Q.AUTH_ENV);
    user = await Q.signedIn(s.db, s.app.config, "victim@example.org", "user");
    base = { iss: s.app.config.auth.issuer, aud: s.app.config.auth.audience };
  });
  afterAll(() => s?.close());

  const claims = () => ({ ...base, sub: String(user.id), role: "admin", jti: "forged" });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function expectRejected(token: string) {
    const before = (await s.post(Q.VERSION)).body.data.strategyConfig.version;
    const res = await s.post(Q.FORCE, { reason: "attack" }, bearer(token));
    expect(res.status).toBe(401);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toEqual([{ message: "invalid or expired token", extensions: { code: "UNAUTHENTICATED" } }]);
    expect((await s.post(Q.VERSION)).body.data.strategyConfig.version).toBe(before);
  }

  it("control: the victim's genuine token works (and is only a user)", async () => {
    const res = await s.post(`{ me { id role } }`, {}, user.headers);
    expect(res.body.data.me).toEqual({ id: String(user.id), role: "USER" });
  });

  it('alg "none"', async () => {
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    const payload = Buffer.from(JSON.stringify({ ...claims(), exp: 9_999_999_999 })).toString("base64url");
    await expectRejected(`${header}.${payload}.`);
    await expectRejected(jwt.sign(claims(), "", { algorithm: "none" }));
  });

  it("HS256 signed with another key", async () => {
    await expectRejected(
      jwt.sign(claims(), "another-secret-0123456789-0123456789", { algorithm: "HS256", expiresIn: 60 }),
    );
  });

  it("RS256, and HS256 keyed with the RSA public key text (algorithm confusion)", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    await expectRejected(jwt.sign(claims(), privateKey, { algorithm: "RS256", expiresIn: 60 }));
    const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
    await expectRejected(jwt.sign(claims(), pem, { algorithm: "HS256", expiresIn: 60 }));
  });

  it("an expired token", async () => {
    await expectRejected(
      jwt.sign({ ...claims(), role: "user", exp: Math.floor(Date.now() / 1000) - 5 }, secret, { algorithm: "HS256" }),
    );
  });

  it("a tampered payload raising the role", async () => {
    const [h, p, sig] = user.token.split(".");
    const raised = { ...JSON.parse(Buffer.from(p, "base64url").toString()), role: "admin" };
    await expectRejected(`${h}.${Buffer.from(JSON.stringify(raised)).toString("base64url")}.${sig}`);
  });

  it("a correctly signed token claiming admin still gets the database role (FORBIDDEN)", async () => {
    const res = await s.post(
      Q.FORCE,
      { reason: "attack" },
      bearer(jwt.sign(claims(), secret, { algorithm: "HS256", expiresIn: 60 })),
    );
    expect(Q.codeOf(res.body)).toBe("FORBIDDEN");
  });

  it("a token of a deleted user", async () => {
    const ghost = await Q.signedIn(s.db, s.app.config, "ghost@example.org", "admin");
    expect(Q.codeOf((await s.post(Q.FORCE, { reason: "before deletion" }, ghost.headers)).body)).toBe("OK");
    await s.db.deleteFrom("users").where("id", "=", ghost.id).execute();
    await expectRejected(ghost.token);
  });

  it("a malformed Authorization header is not treated as anonymous", async () => {
    for (const authorization of ["Bearer", "Basic dXNlcjpwYXNz", `Bearer ${user.token} extra`]) {
      const res = await s.post(`{ strategyConfig { version } }`, {}, { authorization });
      expect(Q.codeOf(res.body), authorization).toBe("UNAUTHENTICATED");
    }
  });

  it("a wrong x-admin-token is 401 UNAUTHENTICATED, never a silent downgrade to anonymous", async () => {
    for (const token of ["wrong", `${Q.AUTH_ENV.ADMIN_TOKEN}x`, Q.AUTH_ENV.ADMIN_TOKEN!.slice(1), ""]) {
      const res = await s.post(`{ strategyConfig { version } }`, {}, { "x-admin-token": token });
      expect(res.status, token).toBe(401);
      expect(res.body.errors, token).toEqual([
        { message: "invalid or expired token", extensions: { code: "UNAUTHENTICATED" } },
      ]);
    }
    expect(Q.codeOf((await s.post(Q.VERSION, {}, { "x-admin-token": Q.AUTH_ENV.ADMIN_TOKEN! })).body)).toBe("OK");
    // Without an ADMIN_TOKEN configured, every x-admin-token is wrong.
    expect(() => viewerFromAdminToken("anything", testConfig())).toThrow("invalid or expired token");
    expect(viewerFromAdminToken(undefined, testConfig())).toBeNull();
  });

  it("refresh-token reuse revokes the whole family", async () => {
    const input = { email: "victim@example.org", password: Q.PASSWORD };
    const first = (await s.post(Q.LOGIN, { input })).body.data.login;
    const second = (await s.post(Q.REFRESH, { t: first.refreshToken })).body.data.refreshToken;
    const other = (await s.post(Q.LOGIN, { input })).body.data.login; // another sign-in: another family
    const reuse = await s.post(Q.REFRESH, { t: first.refreshToken });
    expect(reuse.body.data).toBeNull();
    expect(reuse.body.errors).toHaveLength(1);
    expect(reuse.body.errors[0]).toMatchObject({
      message: "invalid or expired token",
      extensions: { code: "UNAUTHENTICATED" },
    });
    expect(Object.keys(reuse.body.errors[0].extensions)).toEqual(["code"]);
    expect(Q.codeOf((await s.post(Q.REFRESH, { t: second.refreshToken })).body)).toBe("UNAUTHENTICATED");
    expect(Q.codeOf((await s.post(Q.REFRESH, { t: other.refreshToken })).body)).toBe("OK");
    const rows = await s.db.selectFrom("refresh_tokens").select(["token_hash", "revoked_at"]).execute();
    expect(rows.some((r) => r.token_hash === first.refreshToken)).toBe(false);
    expect(rows.filter((r) => r.revoked_at !== null)).toHaveLength(2);
  });
});
