import type pg from "pg";

export interface PoolLog {
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/**
 * Keeps database faults from killing the process. pg emits `error` on the pool when an idle
 * client's connection dies (a restart: "terminating connection due to administrator
 * command"), and on a checked-out client whose connection dies between queries; with no
 * listener either one is an uncaught exception. Both are logged here; the pool has already
 * dropped (or will drop, on release) the broken client and opens new connections on demand,
 * so it recovers by itself when the database returns.
 */
export function watchPool(pool: pg.Pool, log: PoolLog): void {
  pool.on("error", (err) =>
    log.warn({ err: describe(err) }, "database connection lost (idle client); the pool will reconnect"),
  );
  pool.on("connect", (client) => {
    client.on("error", (err) =>
      log.debug({ err: describe(err) }, "database connection lost (client in use); its request fails"),
    );
  });
}

/** The message and code only: a driver error can carry the statement and its parameters. */
const describe = (err: Error & { code?: string }) => ({ message: err.message, code: err.code });
