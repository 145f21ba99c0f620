import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCK_FILE } from "../../src/db/data-dir-lock.js";

/**
 * Two real processes on one PGlite data directory: the second stops with a clear message, the
 * first keeps serving, and the directory stays usable afterwards (whatever DATABASE_URL the
 * test run has: these processes always use the embedded store).
 */
describe("the PGlite data directory lock", () => {
  const dir = mkdtempSync(join(tmpdir(), "autoindex-lock-"));
  const SHUTDOWN_TIMEOUT_MS = 5000;
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: "test",
    AUTOINDEX_DATA_DIR: dir,
    PORT: "0",
    LOG_LEVEL: "warn",
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
  };
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["bin/autoindex.js", ...args], { env, encoding: "utf8", timeout: 120_000 });
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts `serve` and resolves with its URL once it listens. */
  function serve(): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(process.execPath, ["bin/autoindex.js", "serve"], { env, stdio: ["ignore", "pipe", "pipe"] });
    return new Promise((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (c: Buffer) => {
        out += c.toString("utf8");
        const m = /GraphQL API:\s+(http:\/\/\S+)\/graphql/.exec(out);
        if (m) resolve({ child, url: m[1]! });
      });
      child.stderr!.on("data", (c: Buffer) => (out += c.toString("utf8")));
      child.once("exit", (code) => reject(new Error(`serve exited (${code}) before listening:\n${out}`)));
    });
  }

  const exited = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  it("refuses a second serve and the writing commands while a server holds it; the first keeps serving", async () => {
    const first = await serve();
    server = first.child;
    const holder = JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"));
    expect(holder).toMatchObject({ pid: first.child.pid, command: "autoindex serve" });

    const second = cli("serve");
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(
      `autoindex serve: the data directory ${dir} is in use by process ${first.child.pid} (autoindex serve`,
    );
    expect(second.stderr).toMatch(/stop the server, or run against DATABASE_URL/);
    expect(second.stdout).not.toMatch(/GraphQL API/);

    const recompute = cli("recompute");
    expect(recompute.status).toBe(1);
    expect(recompute.stderr).toMatch(
      new RegExp(
        "^autoindex recompute: the data directory .* is in use by process \\d+ .*" +
          "stop the server, or run against DATABASE_URL",
      ),
    );

    const ready = await fetch(`${first.url}/readyz`);
    expect(ready.status).toBe(200);
    const res = await fetch(`${first.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ assets(first: 1) { totalCount } }" }),
    });
    expect(((await res.json()) as any).data.assets.totalCount).toBe(0);

    // SIGTERM: the server exits cleanly, within the shutdown timeout, and releases the lock.
    const started = performance.now();
    const code = exited(first.child);
    first.child.kill("SIGTERM");
    expect(await code).toBe(0);
    expect(performance.now() - started).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    server = undefined;

    // The directory is intact: a writing command runs on it.
    const seeded = cli("seed", "--demo");
    expect(seeded.stderr).toBe("");
    expect(seeded.status).toBe(0);
  }, 300_000);

  it("takes over a stale lock left by a dead process", () => {
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    const pid = Number(dead.stdout.trim());
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid, hostname: hostname(), command: "autoindex serve", startedAt: "2026-01-01T00:00:00Z" }),
    );
    const migrated = cli("migrate");
    expect(migrated.stderr).toBe("");
    expect(migrated.status).toBe(0);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  }, 120_000);
});
