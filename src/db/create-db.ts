import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, type LogEvent } from "kysely";
import pg from "pg";
import { observePool, observeStatement } from "../metrics.js";
import type { Database } from "./schema.js";
import { lockDataDir } from "./data-dir-lock.js";
import { PGliteDialect } from "./pglite-dialect.js";
import { watchPool, type PoolLog } from "./pool-events.js";

/** Postgres type OIDs whose default JS mapping differs between pg and PGlite. */
const OID = { INT8: 20, DATE: 1082, NUMERIC: 1700 } as const;

/** Dates stay 'YYYY-MM-DD' strings (never time-zone-shifted JS Dates); counts are numbers. */
const parsers: Record<number, (v: string) => unknown> = {
  [OID.INT8]: (v) => Number(v),
  [OID.DATE]: (v) => v,
  [OID.NUMERIC]: (v) => Number(v),
};

export interface DbOptions {
  databaseUrl?: string;
  poolSize?: number;
  /** PGlite data directory; "memory://" keeps it in memory. */
  dataDir?: string;
  /** Postgres only: a schema to create (if missing) and put first on the search_path (isolates test runs). */
  schema?: string;
  /**
   * Postgres only: how long acquiring a connection may take (default 5 s); requests fail fast while the database is
   * down.
   */
  connectTimeoutMs?: number;
  /** Where lost connections are reported (default: warnings on stderr). */
  log?: PoolLog;
  /**
   * Postgres only: statement_timeout of every pooled connection, in ms (maintenance work raises it per transaction).
   */
  statementTimeoutMs?: number;
  /**
   * Postgres only. "transaction": the URL is PgBouncer in transaction mode, where consecutive
   * statements of one client may run on different server connections: no startup parameters
   * (PgBouncer refuses them) and so neither `schema` nor `statementTimeoutMs` (set
   * statement_timeout on the server side: README "Scaling out").
   */
  poolMode?: "session" | "transaction";
  /** Called once per executed statement (tests count statements with it). */
  onQuery?: (sql: string, durationMs: number) => void;
}

export interface DbHandle {
  db: Kysely<Database>;
  engine: "postgres" | "pglite";
  /** The isolated schema in use, if any (see DbOptions.schema). */
  schema?: string;
  /** PGlite only: the embedded database, whose notifications the live listener hears. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export async function createDb(options: DbOptions): Promise<DbHandle> {
  const log = (e: LogEvent) => {
    observeStatement(e);
    options.onQuery?.(e.query.sql, e.queryDurationMillis);
  };
  if (options.databaseUrl) {
    if (options.schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema))
      throw new Error(`invalid schema name ${options.schema}`);
    const pooled = options.poolMode === "transaction";
    if (pooled && options.schema)
      throw new Error("a schema on the search_path needs session state: not through a transaction pooler");
    if (options.schema) {
      const admin = new pg.Client({ connectionString: options.databaseUrl });
      await admin.connect();
      await admin.query(`create schema if not exists ${options.schema}`).finally(() => admin.end());
    }
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      // TCP keepalive: a connection to a host that vanished (failover) is noticed, not kept forever.
      keepAlive: true,
      ...(options.statementTimeoutMs && !pooled ? { statement_timeout: options.statementTimeoutMs } : {}),
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    watchPool(pool, options.log ?? stderrLog);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
    const unobserve = observePool(pool);
    return { db, engine: "postgres", schema: options.schema, close: () => db.destroy().finally(unobserve) };
  }
  const dataDir = options.dataDir ?? "memory://";
  let unlock: () => void = () => {};
  if (!dataDir.startsWith("memory://")) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  const pglite = await PGlite.create({ dataDir, parsers }).catch((err) => {
    unlock();
    throw err;
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), log });
  return { db, engine: "pglite", pglite, close: () => db.destroy().finally(unlock) };
}

const stderrLog: PoolLog = {
  warn: (obj, msg) => console.warn(msg, JSON.stringify(obj)),
  debug: () => {},
};
