import { execFileSync } from "node:child_process";
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
  /** `pg_ctl stop -m fast`: every backend is terminated ("terminating connection due to administrator command"). */
  stop(): void;
  destroy(): void;
}

/**
 * `port`: a fixed port (else a free one). `replicaOf`: a streaming replica of that cluster
 * (pg_basebackup -R: a standby that follows it) instead of a new one.
 */
export async function createPrivatePostgres(
  options: { port?: number; replicaOf?: PrivatePostgres } = {},
): Promise<PrivatePostgres> {
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
  const pgCtl = (...args: string[]) =>
    run(path.join(PG_BIN, "pg_ctl"), ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-t", "60", ...args]);
  // wal_level=replica (the default, stated): pg_basebackup and streaming replicas need it.
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c wal_level=replica`;
  let running = false;
  const handle: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start() {
      pgCtl("-o", serverOptions, "start");
      running = true;
    },
    stop() {
      pgCtl("-m", "fast", "stop");
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
