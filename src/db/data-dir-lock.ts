import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

/** Who holds a data directory: written as JSON into its lock file. */
export interface LockHolder {
  pid: number;
  hostname: string;
  command: string;
  startedAt: string;
}

/** Thrown when another live process holds the PGlite data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      `the data directory ${dataDir} is in use by ${holder ? `process ${holder.pid} (${holder.command}, since ${holder.startedAt})` : `another process (its ${LOCK_FILE} is unreadable)`}. ` +
        `Only one process may open an embedded database: stop the server, or run against DATABASE_URL (PostgreSQL) to share one database between processes.`,
    );
  }
}

export const LOCK_FILE = "autoindex.lock";

/** Is this pid a live process? EPERM means it lives under another user. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(path, "utf8")) as LockHolder;
    return Number.isInteger(holder.pid) ? holder : null;
  } catch {
    return null;
  }
}

/**
 * Takes the lock of a PGlite data directory, or throws DataDirLockedError naming its holder.
 * PGlite is a single-process Postgres: a second process on the same files corrupts them.
 * The lock is a file created exclusively (O_EXCL) holding our pid; one whose pid is dead on
 * this host (a crash, a SIGKILL) is stale and taken over. Released by the returned function
 * and, failing that, when the process exits.
 */
export function lockDataDir(
  dataDir: string,
  command = `autoindex ${process.argv.slice(2).join(" ")}`.trim(),
): () => void {
  const path = join(dataDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, hostname: hostname(), command, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o644);
      try {
        writeSync(fd, `${JSON.stringify(me)}\n`);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = readHolder(path);
      // Unreadable (being written right now) or alive: held. Another host's pid cannot be checked: held.
      const stale = holder !== null && holder.hostname === me.hostname && holder.pid !== me.pid && !isAlive(holder.pid);
      if (!stale || attempt > 0) throw new DataDirLockedError(dataDir, holder);
      unlinkSync(path);
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    // Only our own lock: never remove one a later holder took over.
    if (readHolder(path)?.pid === me.pid) unlinkSync(path);
  };
  process.on("exit", release);
  return release;
}
