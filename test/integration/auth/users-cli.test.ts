import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../../../src/db/create-db.js";

/** `autoindex users create` against a throw-away PGlite directory (the CLI reads its config from the environment). */
describe("autoindex users create", () => {
  const dir = mkdtempSync(join(tmpdir(), "autoindex-users-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: "test",
    AUTOINDEX_DATA_DIR: dir,
    ARGON2_MEMORY_KIB: "1024",
    ARGON2_TIME_COST: "1",
    LOG_LEVEL: "silent",
  };
  const cli = (args: string[], input = "") =>
    spawnSync(process.execPath, ["bin/autoindex.js", "users", "create", ...args], {
      env,
      input,
      encoding: "utf8",
      timeout: 120_000,
    });

  it("creates an admin non-interactively (password on stdin), refuses a duplicate and a weak password", async () => {
    const ok = cli(["--email", " Ops@Example.org ", "--password-stdin", "--admin"], "an operator passphrase\n");
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toMatch(/created admin ops@example.org/);
    expect(ok.status).toBe(0);
    const dup = cli(["--email", "ops@example.org", "--password", "another operator passphrase"]);
    expect(dup.status).toBe(1);
    expect(dup.stderr).toMatch(/already exists/);
    const weak = cli(["--email", "weak@example.org"], "password123\n");
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/password must be at least 12/);
    const usage = cli(["--password", "x"]);
    expect(usage.status, usage.stderr).toBe(2);
    expect(usage.stderr).toMatch(/--email is required/);
    const handle = await createDb({ dataDir: dir });
    try {
      const users = await handle.db.selectFrom("users").select(["email", "role", "password_hash"]).execute();
      expect(users).toHaveLength(1);
      expect(users[0]).toMatchObject({
        email: "ops@example.org",
        role: "admin",
        password_hash: expect.stringMatching(/^\$argon2id\$/),
      });
    } finally {
      await handle.close();
    }
  }, 400_000);
});
