import { createHash } from "node:crypto";
import { getOperationAST, parse } from "graphql";
import { sql, type Kysely } from "kysely";
import pg from "pg";
import type { Logger } from "pino";
import type { AppConfig } from "../config.js";
import { ByteLru } from "../http/byte-lru.js";
import { createDb, type DbHandle } from "./create-db.js";
import type { Database } from "./schema.js";

/**
 * Read replicas (DATABASE_READ_URLS) and read-your-writes across stateless processes.
 *
 * Queries go to a replica, mutations to the primary. Every response of a request that ran on
 * the primary and may have written carries the primary's WAL insert position after it, in the
 * `x-autoindex-lsn` header ("16/B374D848"); a client that echoes it on its next reads is
 * answered only by a replica that has replayed at least that far, else by the primary, so it
 * sees its own writes whichever process answers. Every DATABASE_REPLICA_CHECK_MS the router
 * samples the primary's WAL position and each replica's replay position: a replica that does
 * not answer, or is further behind than DATABASE_REPLICA_MAX_LAG_MS, is skipped until it is back.
 */
export const LSN_HEADER = "x-autoindex-lsn";

/** "16/B374D848" ↔ a 64-bit WAL position. */
const LSN = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;
export function parseLsn(text: string): bigint | null {
  const m = LSN.exec(text);
  return m ? (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`) : null;
}
export const formatLsn = (lsn: bigint): string =>
  `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;

interface Replica {
  readonly name: string;
  readonly handle: DbHandle;
  /** Its connection string, for a probe outside the pool (confirmDown). */
  readonly url: string;
  /** The probe under way, shared by every request that asks. */
  probe?: Promise<boolean>;
  /** Answered the last check and is a standby. */
  up: boolean;
  replayLsn: bigint;
  /** How far behind the primary it was at the last check (ms; 0 = caught up). */
  lagMs: number;
  /** The last reason it was skipped, logged once per change. */
  fault?: string;
}

export interface ReadTarget {
  db: Kysely<Database>;
  /** "primary" or "replica N" (1-based, in DATABASE_READ_URLS order). */
  name: string;
  /** False for the primary (no replica qualified). */
  replica: boolean;
}

export class ReadRouter {
  readonly #replicas: Replica[];
  /** (time, primary WAL position) samples of the last lag window, oldest first. */
  readonly #samples: { at: number; lsn: bigint }[] = [];
  #next = 0;
  #timer: NodeJS.Timeout | undefined;
  #checking: Promise<void> | undefined;

  private constructor(
    private readonly primary: DbHandle,
    replicas: { handle: DbHandle; url: string }[],
    private readonly options: { maxLagMs: number; checkMs: number; connectTimeoutMs: number; log: Logger },
  ) {
    this.#replicas = replicas.map(({ handle, url }, i) => ({
      name: `replica ${i + 1}`,
      handle,
      url,
      up: false,
      replayLsn: 0n,
      lagMs: 0,
    }));
  }

  /** One pool per replica, sized and bounded like the primary's; checked once before serving. */
  static async open(config: AppConfig, primary: DbHandle, log: Logger): Promise<ReadRouter> {
    const handles = await Promise.all(
      config.databaseReadUrls.map((url) =>
        createDb({
          databaseUrl: url,
          poolSize: config.poolSize,
          connectTimeoutMs: config.databaseConnectTimeoutMs,
          statementTimeoutMs: config.limits.queryTimeoutMs,
          poolMode: config.databasePoolMode,
          log,
        }),
      ),
    );
    const replicas = handles.map((handle, i) => ({ handle, url: config.databaseReadUrls[i]! }));
    const router = new ReadRouter(primary, replicas, {
      maxLagMs: config.replicaMaxLagMs,
      checkMs: config.replicaCheckMs,
      connectTimeoutMs: config.databaseConnectTimeoutMs,
      log,
    });
    await router.check();
    router.#timer = setInterval(() => void router.check(), config.replicaCheckMs).unref();
    return router;
  }

  /** The replicas as last checked (for /readyz-like reporting and tests). */
  get status(): { name: string; up: boolean; lagMs: number; replayLsn: string }[] {
    return this.#replicas.map((r) => ({ name: r.name, up: r.up, lagMs: r.lagMs, replayLsn: formatLsn(r.replayLsn) }));
  }

  /** Where a query runs: a usable replica that has replayed `minLsn` (when given), else the primary. */
  async pick(minLsn: bigint | null): Promise<ReadTarget> {
    const usable = this.#replicas.filter((r) => r.up && r.lagMs <= this.options.maxLagMs);
    for (let i = 0; i < usable.length; i++) {
      const replica = usable[(this.#next + i) % usable.length]!;
      if (minLsn !== null && replica.replayLsn < minLsn) {
        // The last check may be a few ms old: ask this replica once before giving up on it.
        const lsn = await this.#replayLsn(replica).catch(() => null);
        if (lsn === null || lsn < minLsn) continue;
      }
      this.#next = (this.#next + i + 1) % Math.max(usable.length, 1);
      return { db: replica.handle.db, name: replica.name, replica: true };
    }
    return { db: this.primary.db, name: "primary", replica: false };
  }

  /**
   * A query on the replica `target` failed for want of a database (SERVICE_UNAVAILABLE): is that
   * replica itself down? Asked on a connection of its own, outside the pool, so that neither a
   * busy pool nor an outage of the primary (which the request also reads: its viewer) passes for
   * a dead replica; concurrent askers share one probe. When it is down, it is skipped until a
   * check finds it answering, and the caller runs the query again on the primary; when it
   * answers, the failure was not the replica's and the caller keeps its answer.
   */
  confirmDown(target: ReadTarget): Promise<boolean> {
    const replica = this.#replicas.find((r) => r.name === target.name);
    if (!target.replica || !replica) return Promise.resolve(false);
    replica.probe ??= this.#probe(replica).finally(() => (replica.probe = undefined));
    return replica.probe;
  }

  async #probe(replica: Replica): Promise<boolean> {
    const client = new pg.Client({
      connectionString: replica.url,
      connectionTimeoutMillis: this.options.connectTimeoutMs,
      query_timeout: this.options.connectTimeoutMs,
    });
    client.on("error", () => {}); // a connection that dies after the probe: nothing to report
    try {
      await client.connect();
      const { rows } = await client.query<{ standby: boolean }>("select pg_is_in_recovery() as standby");
      if (rows[0]?.standby) return false;
      throw new Error("not a standby (pg_is_in_recovery() is false)");
    } catch (err) {
      replica.up = false;
      this.#fault(replica, `a query failed on it and it does not answer: ${(err as Error).message}`);
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** The primary's WAL insert position now: after a commit, any replica replayed this far sees it. */
  async primaryLsn(): Promise<string> {
    const { rows } = await sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(
      this.primary.db,
    );
    return rows[0]!.lsn;
  }

  /** Samples the primary and every replica (one statement each); overlapping calls share one run. */
  check(): Promise<void> {
    this.#checking ??= this.#check().finally(() => (this.#checking = undefined));
    return this.#checking;
  }

  async #check(): Promise<void> {
    const now = Date.now();
    try {
      const { rows } = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(this.primary.db);
      this.#samples.push({ at: now, lsn: parseLsn(rows[0]!.lsn)! });
    } catch {
      // The primary is down: keep the samples; the replicas' lag cannot grow past what they show.
    }
    const window = this.options.maxLagMs + 2 * this.options.checkMs;
    while (this.#samples.length > 1 && now - this.#samples[0]!.at > window) this.#samples.shift();
    await Promise.all(
      this.#replicas.map(async (replica) => {
        try {
          const lsn = await this.#replayLsn(replica);
          // The earliest sample the replica has not reached: it is at least that old.
          const behind = this.#samples.find((s) => s.lsn > lsn);
          replica.lagMs = behind ? now - behind.at : 0;
          replica.up = true;
          this.#fault(replica, replica.lagMs > this.options.maxLagMs ? `lagging ${replica.lagMs} ms` : undefined);
        } catch (err) {
          replica.up = false;
          this.#fault(replica, (err as Error).message);
        }
      }),
    );
  }

  async #replayLsn(replica: Replica): Promise<bigint> {
    const { rows } = await sql<{ standby: boolean; lsn: string | null }>`
      select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as lsn`.execute(replica.handle.db);
    const row = rows[0]!;
    if (!row.standby || row.lsn === null) throw new Error("not a standby (pg_is_in_recovery() is false)");
    replica.replayLsn = parseLsn(row.lsn)!;
    return replica.replayLsn;
  }

  #fault(replica: Replica, fault: string | undefined): void {
    if (fault === replica.fault) return;
    if (fault) this.options.log.warn({ replica: replica.name, fault }, "read replica skipped: reads go elsewhere");
    else this.options.log.info({ replica: replica.name }, "read replica in use");
    replica.fault = fault;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#checking?.catch(() => undefined);
    await Promise.all(this.#replicas.map((r) => r.handle.close()));
  }
}

/**
 * Whether a GraphQL request is a query (replica) or may write (primary): its document is parsed
 * once and remembered by text and by APQ hash. Unknown (a hash never seen with its text, a
 * document that does not parse) reads as "may write": Apollo answers it on the primary.
 */
export class OperationKinds {
  readonly #kinds = new ByteLru<string>(1024 * 1024);

  constructor(private readonly maxTokens: number) {}

  of(method: string, body: unknown): "query" | "other" {
    if (method === "GET") {
      // GraphQL over HTTP never runs a mutation from a GET (Apollo answers 405).
      return "query";
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) return "other";
    const { query, operationName, extensions } = body as Record<string, unknown>;
    const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
    const name = typeof operationName === "string" ? operationName : "";
    if (typeof query !== "string") return typeof hash === "string" ? this.#known(`h:${hash}:${name}`) : "other";
    const key = `q:${name}:${query}`;
    let kind = this.#kinds.get(key);
    if (kind === undefined) {
      kind = "other";
      try {
        const doc = parse(query, { maxTokens: this.maxTokens, noLocation: true });
        if (getOperationAST(doc, name || undefined)?.operation === "query") kind = "query";
      } catch {
        // Apollo reports the parse error itself.
      }
      this.#kinds.set(key, kind, key.length + 64);
    }
    // Only a hash that names this text (Apollo refuses a mismatch, which must not be remembered).
    if (typeof hash === "string" && createHash("sha256").update(query).digest("hex") === hash)
      this.#kinds.set(`h:${hash}:${name}`, kind, hash.length + name.length + 64);
    return kind as "query" | "other";
  }

  #known(key: string): "query" | "other" {
    return (this.#kinds.get(key) as "query" | "other" | undefined) ?? "other";
  }
}
