import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_ADMIN_EMAIL } from "../../src/demo/demo-admin.js";
import { postFresh, type ServeProcess, startServe } from "../helpers/serve-process.js";

const LOGIN = "mutation($i: CredentialsInput!) { login(input: $i) { accessToken } }";
const BANNER_ADMIN = /Demo admin[^\n]*: (\S+)\n\s+password: (\S+)/;

async function stop(p: ServeProcess): Promise<void> {
  p.child.kill("SIGTERM");
  await p.exited;
}

/** `serve --demo` on its own PGlite directory, as `npm start` runs it from a fresh clone. */
describe("serve --demo: an admin account to try the strategy administration with", () => {
  const dir = mkdtempSync(join(tmpdir(), "autoindex-demo-admin-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const base = { PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ARGON2_MEMORY_KIB: "1024", ARGON2_TIME_COST: "1" };

  it("in development: one admin, its password shown once, that signs in; none on the next start", async () => {
    const env = { ...base, NODE_ENV: "development", AUTOINDEX_DATA_DIR: dir };
    const first = await startServe(["--demo"], env);
    let password: string;
    try {
      const shown = BANNER_ADMIN.exec(first.output());
      expect(shown?.[1]).toBe(DEMO_ADMIN_EMAIL);
      password = shown![2]!;
      expect(password.length).toBeGreaterThanOrEqual(24);
      // The log says an admin was made, never the password.
      expect(first.lines().some((l) => /demo admin created/.test(l.msg) && l.email === DEMO_ADMIN_EMAIL)).toBe(true);
      expect(JSON.stringify(first.lines())).not.toContain(password);
      const login = await postFresh(first.url, LOGIN, { i: { email: DEMO_ADMIN_EMAIL, password } });
      const token = login.body.data?.login?.accessToken;
      expect(typeof token, JSON.stringify(login.body)).toBe("string");
      const me = await postFresh(first.url, "{ me { email role } }", {}, { authorization: `Bearer ${token}` });
      expect(me.body.data.me).toEqual({ email: DEMO_ADMIN_EMAIL, role: "ADMIN" });
    } finally {
      await stop(first);
    }
    const again = await startServe(["--demo"], env);
    try {
      expect(again.output()).not.toMatch(/Demo admin/);
      // The password of the first start still signs in: the account was kept, not replaced.
      const login = await postFresh(again.url, LOGIN, { i: { email: DEMO_ADMIN_EMAIL, password } });
      expect(typeof login.body.data?.login?.accessToken).toBe("string");
    } finally {
      await stop(again);
    }
  }, 240_000);

  it("in production: no account is made, whatever --demo loads", async () => {
    const env = {
      ...base,
      NODE_ENV: "production",
      JWT_SECRET: randomBytes(48).toString("base64url"),
      AUTOINDEX_DATA_DIR: "memory://",
    };
    const served = await startServe(["--demo"], env);
    try {
      expect(served.output()).not.toMatch(/Demo admin/);
      const login = await postFresh(served.url, LOGIN, { i: { email: DEMO_ADMIN_EMAIL, password: "x".repeat(24) } });
      expect(login.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    } finally {
      await stop(served);
    }
  }, 240_000);
});
