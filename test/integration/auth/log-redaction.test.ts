import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../src/logger.js";
import { createTestApp, ENGINE, type TestApp } from "../../helpers/db.js";
import { execute } from "../../helpers/execute.js";
import { AUTH_ENV, PASSWORD, REGISTER } from "../../e2e/auth/auth-helpers.js";

/**
 * A register whose insert the database refuses (a check constraint added here: the error's
 * detail is "Failing row contains (…, email, $argon2id$…)" and PGlite adds the statement's
 * params). Neither the log nor the client may see the email, the password or the hash.
 */
describe(`secrets never reach logs or clients (${ENGINE})`, () => {
  const EMAIL = "victim.person@blocked.example";
  const lines: string[] = [];
  let prod: TestApp;
  let dev: TestApp;
  const stream = { write: (line: string) => void lines.push(line) };

  async function block(t: TestApp) {
    await sql`alter table users add constraint users_not_blocked check (email not like '%@blocked.example')`.execute(
      t.db,
    );
  }
  beforeAll(async () => {
    prod = await createTestApp(AUTH_ENV, { log: createLogger({ logLevel: "info", isDevelopment: false }, stream) });
    dev = await createTestApp(
      { ...AUTH_ENV, NODE_ENV: "development" },
      { log: createLogger({ logLevel: "info", isDevelopment: false }, stream) },
    );
    await block(prod);
    await block(dev);
  });
  afterAll(async () => {
    await prod?.close();
    await dev?.close();
  });

  const leaks = (text: string) => [EMAIL, PASSWORD, "argon2", "Failing row", "victim"].filter((s) => text.includes(s));

  it("a failed register logs the error id and the SQLSTATE, not the email, the password or the hash", async () => {
    lines.length = 0;
    const res = await execute(prod.app, REGISTER, { input: { email: EMAIL, password: PASSWORD } });
    expect(res.errors?.[0].extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    const errorId = res.errors?.[0].extensions?.errorId as string;
    const log = lines.join("");
    const entry = lines.map((l) => JSON.parse(l)).find((l) => l.errorId === errorId);
    expect(entry?.err).toMatchObject({ code: "23514", constraint: "users_not_blocked" });
    expect(leaks(log)).toEqual([]);
    expect(leaks(JSON.stringify(res))).toEqual([]);
  });

  it("in development the masked error carries call frames only, never the database's message", async () => {
    lines.length = 0;
    const res = await execute(dev.app, REGISTER, { input: { email: EMAIL, password: PASSWORD } });
    const ext = res.errors?.[0].extensions as Record<string, unknown>;
    expect(ext.code).toBe("INTERNAL_SERVER_ERROR");
    expect((ext.stacktrace as string[]).length).toBeGreaterThan(0);
    const body = JSON.stringify(res);
    expect(leaks(body)).toEqual([]);
    expect(body).not.toMatch(/violates|users_not_blocked/);
    expect(leaks(lines.join(""))).toEqual([]);
  });
});
