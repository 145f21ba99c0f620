import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirLockedError, LOCK_FILE, lockDataDir } from "../../../src/db/data-dir-lock.js";

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
});
