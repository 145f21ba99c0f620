import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirLockedError, LOCK_FILE, lockDataDir, processInstance } from "../../../src/db/data-dir-lock.js";

describe("lockDataDir", () => {
  const dir = mkdtempSync(join(tmpdir(), "autoindex-lockunit-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const lockPath = join(dir, LOCK_FILE);

  it("writes the holder, refuses a second holder while held, and removes only its own lock", () => {
    const release = lockDataDir(dir, "autoindex serve");
    expect(JSON.parse(readFileSync(lockPath, "utf8"))).toMatchObject({ pid: process.pid, command: "autoindex serve" });
    const err = (() => {
      try {
        lockDataDir(dir, "autoindex import");
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as Error).message).toMatch(
      new RegExp(
        `in use by process ${process.pid} \\(autoindex serve, since .*stop the server, or run against DATABASE_URL`,
      ),
    );
    release();
    expect(existsSync(lockPath)).toBe(false);
    release();
  });

  it("treats an unreadable lock as held", () => {
    writeFileSync(lockPath, "{not json");
    expect(() => lockDataDir(dir)).toThrow(/in use by another process \(its autoindex.lock is unreadable\)/);
    rmSync(lockPath);
  });

  const writeLock = (holder: object) =>
    writeFileSync(
      lockPath,
      JSON.stringify({
        hostname: hostname(),
        command: "autoindex serve",
        startedAt: "2026-01-01T00:00:00Z",
        ...holder,
      }),
    );

  // Pids are reused: a container restarted after a SIGKILL or an OOM kill usually gets the very pid
  // (often 1) its predecessor wrote into the lock, and a busy host hands a dead server's pid to
  // another process. Both locks are stale; they used to block every start until deleted by hand.
  describe.skipIf(processInstance(process.pid) === null)("pid reuse (Linux)", () => {
    it("records which process holds it, beyond its pid", () => {
      const release = lockDataDir(dir, "autoindex serve");
      const holder = JSON.parse(readFileSync(lockPath, "utf8"));
      expect(holder.instance).toBe(processInstance(process.pid));
      expect(holder.instance).toMatch(/^[0-9a-f-]{36}:\d+$/);
      release();
    });

    it("takes over a lock an earlier process with our own pid left (a restarted container)", () => {
      writeLock({ pid: process.pid, instance: "00000000-0000-0000-0000-000000000000:1" });
      const release = lockDataDir(dir, "autoindex serve");
      expect(JSON.parse(readFileSync(lockPath, "utf8")).instance).toBe(processInstance(process.pid));
      release();
      // A lock of the format before instances were recorded, with our pid: not ours either.
      writeLock({ pid: process.pid });
      lockDataDir(dir, "autoindex serve")();
      expect(existsSync(lockPath)).toBe(false);
    });

    it("takes over a lock whose pid now names another live process, and respects the live holder", async () => {
      const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
      try {
        await new Promise((r) => other.once("spawn", r));
        writeLock({ pid: other.pid, instance: processInstance(other.pid!) });
        expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by process ${other.pid} `));
        writeLock({ pid: other.pid, instance: "00000000-0000-0000-0000-000000000000:1" });
        const release = lockDataDir(dir, "autoindex serve");
        expect(JSON.parse(readFileSync(lockPath, "utf8")).pid).toBe(process.pid);
        release();
      } finally {
        other.kill("SIGKILL");
      }
    });
  });

  it("names the file to delete when the holder ran on another host", () => {
    writeLock({ pid: 1, hostname: "elsewhere.example" });
    expect(() => lockDataDir(dir)).toThrow(
      new RegExp(`ran on host elsewhere\\.example.*if it is gone \\(a replaced container\\), delete ${lockPath}`),
    );
    rmSync(lockPath);
  });
});
