import { sql, type Kysely } from "kysely";
import pg from "pg";
import type { Logger } from "pino";
import type { DbHandle } from "../db/create-db.js";
import { metrics } from "../metrics.js";
import type { Database } from "../db/schema.js";
import type { LiveHub } from "./hub.js";
import {
  latestLiveEventId,
  liveChannel,
  liveEventsAfter,
  pruneLiveEvents,
  type LiveEventRow,
} from "./live-events.repo.js";

const BATCH = 500;
const PRUNE_EVERY_MS = 60_000;
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;

/** The application_name of a listener's connection (operators and tests find it in pg_stat_activity). */
export const listenerApplicationName = (schema: string) => `autoindex-live:${schema}`.slice(0, 63);

export interface LiveListenerOptions {
  database: DbHandle;
  /** Postgres: the direct (unpooled) URL to LISTEN on. */
  directUrl: string | undefined;
  hub: LiveHub;
  log: Logger;
  retentionSeconds: number;
}

/**
 * Hears the NOTIFY of every committed live event (migrations/20260202000400) and hands the
 * events to the hub in id order, exactly once each. A notification only says "something after
 * id n committed": the listener reads the rows after the last id it delivered, so notifications
 * coalesce and none carries data. On Postgres it LISTENs on its own direct connection; when
 * that connection is lost it reconnects with backoff, LISTENs again, then reads everything it
 * missed (catch-up by version). On PGlite the embedded database's own notifications are heard
 * (same SQL, one process). It starts on the first subscription, from the newest id at that
 * moment; every minute it prunes events older than the retention.
 */
export class LiveListener {
  private lastId = 0;
  private started: Promise<void> | null = null;
  private stopped = false;
  private client: pg.Client | null = null;
  private reconnectDelay = RECONNECT_MIN_MS;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private drainAgain = false;
  private unsubscribePglite: (() => void) | null = null;
  /** Times the Postgres connection was re-established after a loss (tests, metrics). */
  reconnects = 0;

  constructor(private readonly options: LiveListenerOptions) {}

  get lastEventId(): number {
    return this.lastId;
  }

  /** Starts listening once; later calls wait for the same start. */
  start(): Promise<void> {
    this.started ??= this.begin().catch((err) => {
      this.started = null;
      throw err;
    });
    return this.started;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.unsubscribePglite?.();
    await this.draining?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private get db(): Kysely<Database> {
    return this.options.database.db;
  }

  private async schema(): Promise<string> {
    if (this.options.database.schema) return this.options.database.schema;
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(this.db);
    return rows[0].schema;
  }

  private async begin(): Promise<void> {
    const channel = liveChannel(await this.schema());
    const pglite = this.options.database.pglite;
    if (pglite) {
      this.unsubscribePglite = pglite.onNotification((name) => {
        if (name === channel) this.requestDrain();
      });
      // The newest id first, then LISTEN, then one read: an event committed in between is
      // read then, and a notification before lastId is set cannot replay the history.
      this.lastId = await latestLiveEventId(this.db);
      // Through Kysely, so it never lands inside another caller's transaction.
      await sql.raw(`listen "${channel}"`).execute(this.db);
    } else {
      this.lastId = await latestLiveEventId(this.db);
      await this.connect(channel);
    }
    this.requestDrain();
    this.pruneTimer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  /** Postgres: a dedicated connection that LISTENs; on loss, reconnect and catch up. */
  private async connect(channel: string): Promise<void> {
    const schema = await this.schema();
    const client = new pg.Client({
      connectionString: this.options.directUrl,
      application_name: listenerApplicationName(schema),
      keepAlive: true,
      ...(this.options.database.schema ? { options: `-c search_path=${this.options.database.schema}` } : {}),
    });
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      client.removeAllListeners();
      client.on("error", () => undefined);
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.options.log.warn(
        { err: err ? { message: err.message, code: (err as { code?: unknown }).code } : undefined },
        "live listener lost its connection: reconnecting",
      );
      this.scheduleReconnect(channel);
    };
    client.on("error", lost);
    client.on("end", () => lost());
    client.on("notification", (n) => {
      if (n.channel === channel) this.requestDrain();
    });
    await client.connect();
    await client.query(`listen "${channel}"`);
    if (this.stopped) {
      await client.end();
      return;
    }
    this.client = client;
    this.reconnectDelay = RECONNECT_MIN_MS;
  }

  private scheduleReconnect(channel: string): void {
    if (this.reconnectTimer || this.stopped) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(RECONNECT_MAX_MS, delay * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect(channel).then(
        () => {
          if (this.stopped) return;
          this.reconnects++;
          metrics.liveReconnects.inc();
          this.options.log.info({ lastEventId: this.lastId }, "live listener reconnected: catching up");
          this.requestDrain(); // events committed while we were away
        },
        (err: Error) => {
          this.options.log.warn({ err: { message: err.message } }, "live listener could not reconnect");
          this.scheduleReconnect(channel);
        },
      );
    }, delay);
    this.reconnectTimer.unref();
  }

  /** Reads and dispatches everything after lastId; overlapping requests coalesce into one more pass. */
  private requestDrain(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.drainAgain) {
        this.drainAgain = false;
        this.requestDrain();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const rows = await this.read(this.lastId);
        for (const row of rows) {
          this.lastId = row.id;
          this.options.hub.dispatch(row);
          metrics.liveEvents.inc({ topic: row.topic });
        }
        if (rows.length < BATCH) return;
      }
    } catch (err) {
      // The connection is gone (its reconnection drains again) or the read failed: retry soon.
      this.options.log.warn({ err: { message: (err as Error).message } }, "live listener could not read events");
      if (!this.stopped && this.options.database.pglite) setTimeout(() => this.requestDrain(), 1000).unref();
    }
  }

  private async read(afterId: number): Promise<LiveEventRow[]> {
    const client = this.client;
    if (this.options.database.pglite || !client) return liveEventsAfter(this.db, afterId, BATCH);
    const { rows } = await client.query<{ id: string; topic: LiveEventRow["topic"]; payload: Record<string, unknown> }>(
      "select id, topic, payload from live_events where id > $1 order by id limit $2",
      [afterId, BATCH],
    );
    return rows.map((r) => ({ id: Number(r.id), topic: r.topic, payload: r.payload }));
  }

  private async prune(): Promise<void> {
    try {
      await pruneLiveEvents(this.db, this.options.retentionSeconds);
    } catch (err) {
      this.options.log.debug({ err: { message: (err as Error).message } }, "live events not pruned");
    }
  }
}
