import { execFile, execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** Debian's PostgreSQL 15 server binaries (the shared cluster on 5432 is never touched). */
export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
export const havePostgresBinaries = () =>
  existsSync(path.join(PG_BIN, "initdb")) && existsSync(path.join(PG_BIN, "pg_ctl"));

/** initdb and the server refuse to run as root: run them as the postgres user then. */
const asServerUser = (cmd: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];

function run(cmd: string, args: string[]): string {
  const [c, a] = asServerUser(cmd, args);
  return execFileSync(c, a, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
}

function runAsync(cmd: string, args: string[]): Promise<string> {
  const [c, a] = asServerUser(cmd, args);
  return new Promise((resolve, reject) =>
    execFile(c, a, { encoding: "utf8", timeout: 60_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A throwaway PostgreSQL cluster in a temp dir, on a free port, that a test can stop and start. */
export interface PrivatePostgres {
  url: string;
  port: number;
  start(): void;
  /**
   * `pg_ctl stop -m fast` (default): every backend is terminated ("terminating connection due to
   * administrator command") and a checkpoint written; `immediate`: the postmaster quits without a
   * checkpoint, as after a crash, and the next start replays the WAL.
   */
  stop(mode?: "fast" | "immediate"): void;
  /** start() and stop() without blocking the event loop while pg_ctl waits. */
  startAsync(): Promise<void>;
  stopAsync(mode?: "fast" | "immediate"): Promise<void>;
  destroy(): void;
}

export interface PrivatePostgresOptions {
  /** A fixed port (a task's private range); default a free one. */
  port?: number;
  /** fsync on (durable like production); default off, for speed. */
  fsync?: boolean;
  /** A streaming replica of that cluster (pg_basebackup -R: a standby that follows it) instead of a new one. */
  replicaOf?: PrivatePostgres;
}

export async function createPrivatePostgres(options: PrivatePostgresOptions = {}): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), "autoindex-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const port = options.port ?? (await freePort());
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres", dir]);
  if (options.replicaOf)
    run(path.join(PG_BIN, "pg_basebackup"), [
      ...["-D", data, "-h", "127.0.0.1", "-p", String(options.replicaOf.port), "-U", "postgres"],
      ...["-R", "-X", "stream", "-c", "fast", "--no-sync"],
    ]);
  else run(path.join(PG_BIN, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const ctlArgs = (args: string[]) => ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-t", "60", ...args];
  const pgCtl = (...args: string[]) => run(path.join(PG_BIN, "pg_ctl"), ctlArgs(args));
  const pgCtlAsync = (...args: string[]) => runAsync(path.join(PG_BIN, "pg_ctl"), ctlArgs(args));
  // wal_level=replica (the default, stated): pg_basebackup and streaming replicas need it.
  const serverOptions =
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c ` +
    `fsync=${options.fsync ? "on" : "off"} -c wal_level=replica`;
  let running = false;
  const handle: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start() {
      pgCtl("-o", serverOptions, "start");
      running = true;
    },
    stop(mode = "fast") {
      pgCtl("-m", mode, "stop");
      running = false;
    },
    async startAsync() {
      await pgCtlAsync("-o", serverOptions, "start");
      running = true;
    },
    async stopAsync(mode = "fast") {
      await pgCtlAsync("-m", mode, "stop");
      running = false;
    },
    destroy() {
      try {
        if (running) handle.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  handle.start();
  return handle;
}
