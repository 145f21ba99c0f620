import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

/** Who holds a data directory: written as JSON into its lock file. */
export interface LockHolder {
  pid: number;
  hostname: string;
  command: string;
  startedAt: string;
  /** Which process had that pid (boot id and kernel start time, Linux only): pids are reused. */
  instance?: string | null;
}

/** Thrown when another live process holds the PGlite data directory. */
/** Who holds the lock, as the refusal names it. */
const holderText = (holder: LockHolder | null): string =>
  holder
    ? `process ${holder.pid} (${holder.command}, since ${holder.startedAt})`
    : `another process (its ${LOCK_FILE} is unreadable)`;

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      `the data directory ${dataDir} is in use by ${holderText(holder)}. ` +
        `Only one process may open an embedded database: stop the server, or run against DATABASE_URL (PostgreSQL) ` +
        `to share one database between processes.` +
        (holder && holder.hostname !== hostname()
          ? ` The holder ran on host ${holder.hostname}, whose processes cannot be checked from here: ` +
            `if it is gone (a replaced container), delete ${join(dataDir, LOCK_FILE)}.`
          : ""),
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

/**
 * What identifies a process beyond its pid on Linux: the boot id and the process's start time
 * in clock ticks since boot (field 22 of /proc/PID/stat). Null when unknown (no /proc, gone).
 */
export function processInstance(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The fields after the command name, which may itself hold spaces and parentheses: field 3 on.
    const start = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[22 - 3];
    const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    return start && /^\d+$/.test(start) ? `${boot}:${start}` : null;
  } catch {
    return null;
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
 * Unreadable (being written right now): held. Another host's pid cannot be checked: held. Our
 * own pid: held by this very process (a second open), unless it was an earlier process's. A
 * live pid: held, unless that pid now names a process started after the lock's.
 */
function isStale(holder: LockHolder | null, me: LockHolder): boolean {
  if (holder === null || holder.hostname !== me.hostname) return false;
  if (holder.pid === me.pid) return me.instance != null && holder.instance !== me.instance;
  if (!isAlive(holder.pid)) return true;
  if (!holder.instance) return false;
  const now = processInstance(holder.pid);
  return now !== null && now !== holder.instance;
}

/**
 * Takes the lock of a PGlite data directory, or throws DataDirLockedError naming its holder.
 * PGlite is a single-process Postgres: a second process on the same files corrupts them.
 * The lock is a file created exclusively (O_EXCL) holding our pid and, on Linux, which process
 * had it (boot id and start time). A lock of this host is stale, and taken over, when its
 * process is gone (a crash, a SIGKILL): its pid is dead, or now names another process (pids
 * are reused; a restarted container often gets the very pid its killed predecessor had, even
 * ours). Released by the returned function and, failing that, when the process exits.
 */
export function lockDataDir(
  dataDir: string,
  command = `autoindex ${process.argv.slice(2).join(" ")}`.trim(),
): () => void {
  const path = join(dataDir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    command,
    startedAt: new Date().toISOString(),
    instance: processInstance(process.pid),
  };
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
      if (!isStale(holder, me) || attempt > 0) throw new DataDirLockedError(dataDir, holder);
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
