import { spawn, type ChildProcess, execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** Debian's PgBouncer (apt-get install pgbouncer; .ci/run installs it). */
export const PGBOUNCER_BIN = process.env.PGBOUNCER_BIN ?? "/usr/sbin/pgbouncer";
export const havePgBouncer = () => existsSync(PGBOUNCER_BIN);

export interface PrivatePgBouncer {
  /** postgres://postgres@127.0.0.1:<port>/<database> through the pooler. */
  url(database: string): string;
  port: number;
  stop(): Promise<void>;
}

/**
 * A PgBouncer in transaction mode in front of the Postgres at `upstreamPort`, on `port`: every
 * database name a client gives is passed through (`*`), trust auth for the user postgres.
 * `connectQuery` runs on each new server connection (how a deployment sets statement_timeout).
 */
export async function startPgBouncer(options: {
  port: number;
  upstreamPort: number;
  poolSize?: number;
  connectQuery?: string;
}): Promise<PrivatePgBouncer> {
  const dir = mkdtempSync(path.join(tmpdir(), "autoindex-pgbouncer-"));
  chmodSync(dir, 0o777);
  const connectQuery = options.connectQuery ? ` connect_query='${options.connectQuery.replaceAll("'", "''")}'` : "";
  writeFileSync(path.join(dir, "userlist.txt"), `"postgres" ""\n`);
  writeFileSync(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `* = host=127.0.0.1 port=${options.upstreamPort}${connectQuery}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${options.port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${path.join(dir, "userlist.txt")}`,
      "pool_mode = transaction",
      `default_pool_size = ${options.poolSize ?? 10}`,
      "max_client_conn = 2000",
      "server_idle_timeout = 10",
      "autodb_idle_timeout = 30",
      `logfile = ${path.join(dir, "pgbouncer.log")}`,
      "",
    ].join("\n"),
  );
  // PgBouncer refuses to run as root: as the postgres user then.
  const root = process.getuid?.() === 0;
  if (root) execFileSync("chown", ["-R", "postgres", dir]);
  const [cmd, args] = root
    ? ["runuser", ["-u", "postgres", "--", PGBOUNCER_BIN, path.join(dir, "pgbouncer.ini")]]
    : [PGBOUNCER_BIN, [path.join(dir, "pgbouncer.ini")]];
  const child: ChildProcess = spawn(cmd, args as string[], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const end = Date.now() + 10_000;
  while (!(await listening(options.port))) {
    if (child.exitCode !== null || Date.now() > end) {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`pgbouncer did not start on ${options.port}: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port: options.port,
    url: (database) => `postgres://postgres@127.0.0.1:${options.port}/${database}`,
    async stop() {
      // runuser forwards SIGTERM to PgBouncer; SIGINT would wait for clients ("safe shutdown").
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
