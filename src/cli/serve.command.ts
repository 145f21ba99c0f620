import cluster from "node:cluster";
import { setFlagsFromString } from "node:v8";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { createApp } from "../app.js";
import { scheduleAuthHousekeeping } from "../auth/housekeeping.js";
import { assertReadyToServe, loadConfig, type AppConfig } from "../config.js";
import { withDirectDb } from "../db/direct.js";
import { migrateToLatest } from "../db/migrate.js";
import type { Database } from "../db/schema.js";
import { createLogger } from "../logger.js";
import { assertCanFork, runPrimary, WORKER_SLOT_ENV, type WorkerMessage } from "./cluster.js";
import { DEMO_ADMIN_EMAIL, type DemoAdmin, ensureDemoAdmin } from "../demo/demo-admin.js";
import { isEmpty, seedDemoData } from "../demo/demo.service.js";
import { hasIndex } from "../index/index-value.repo.js";
import { recomputeIndex } from "../index/recompute.service.js";
import { startHttpServer } from "../http/server.js";
import { parseOptions, UsageError, type Command } from "./usage.js";

const HELP = `Usage: autoindex serve [--demo] [--workers N]

Migrates the database and serves the GraphQL API (POST/GET /graphql, subscriptions over
WebSocket at /graphql), the playground (/playground), the dashboard (/dashboard), /healthz
and /readyz. --demo loads the demo data first when the database is empty and computes the
index when there is none; with NODE_ENV=development it also creates an admin account when
there is none (${DEMO_ADMIN_EMAIL}, its random password printed in that start's banner).
Hourly, deletes expired login counters and refresh tokens. Stops gracefully on SIGTERM/SIGINT.

--workers N (default 1) runs N server processes sharing the port (node:cluster): the primary
migrates once, forks them, replaces one that crashes (with a backoff) and forwards SIGTERM /
SIGINT so that every worker drains. N > 1 needs DATABASE_URL (PGlite is one process).`;

const MAX_WORKERS = 64;

function workerCount(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_WORKERS)
    throw new UsageError(`--workers must be a whole number from 1 to ${MAX_WORKERS}, not "${value}"\n\n${HELP}`);
  return n;
}

const banner = (url: string, admin: DemoAdmin | null) =>
  console.log(
    `\n  AutoIndex GraphQL API:  ${url}/graphql\n  Playground:             ${url}/playground\n` +
      `  Dashboard:              ${url}/dashboard\n` +
      (admin
        ? `\n  Demo admin (printed at this start only; only its hash is stored): ${admin.email}\n` +
          `  password: ${admin.password}\n  Sign in at ${url}/dashboard#/strategy\n`
        : ""),
  );

/**
 * --demo: seed an empty database and compute its index (once, before serving); in development,
 * an admin account when there is none, returned to be shown in the banner.
 */
async function prepareDemo(db: Kysely<Database>, log: Logger, config: AppConfig): Promise<DemoAdmin | null> {
  if (await isEmpty(db)) {
    log.info("empty database: loading the demo data");
    const summary = await db.transaction().execute((trx) => seedDemoData(trx));
    log.info(summary, "demo data loaded");
  }
  if (!(await isEmpty(db)) && !(await hasIndex(db))) {
    log.info("no index yet: computing it");
    const summary = await db.transaction().execute(recomputeIndex);
    log.info({ summary }, "index computed");
  }
  const admin = await ensureDemoAdmin(db, config);
  if (admin) log.info({ email: admin.email }, "demo admin created (its password is in the banner)");
  return admin;
}

/**
 * A server's live heap is small (~30 MB) and its garbage comes in bursts (a year of prices for
 * 50 assets is ~5 MB per request, promoted while the request waits): V8's default lets the old
 * generation grow to ~4× the live heap between full collections. Twice is enough: peak RSS
 * under 8 concurrent Q1 requests 238 → 185 MiB, for ~5 % more CPU per request. V8 reads the
 * flag at every collection, so setting it at start takes effect.
 */
export function tuneHeapForServing(): void {
  setFlagsFromString("--heap-growing-percent=100");
}

export const serveCommand: Command = {
  summary: "serve the GraphQL API and the playground (--demo seeds an empty database)",
  async run(argv) {
    const args = parseOptions(argv, { demo: { type: "boolean" }, workers: { type: "string" } }, HELP);
    if (!args) return 0;
    const workers = workerCount(args.values.workers);
    const config = loadConfig();
    if (cluster.isPrimary && workers > 1) {
      assertCanFork(config, workers);
      assertReadyToServe(config);
      const log = createLogger(config);
      // Once, here, not in every worker: migrations (on the direct connection) and the demo data.
      const admin = await withDirectDb(config, async (db) => {
        await migrateToLatest(db);
        return args.values.demo ? prepareDemo(db, log, config) : null;
      });
      return runPrimary(workers, config, log, (url) => {
        log.info({ url, workers, database: "postgres" }, "AutoIndex is serving");
        banner(url, admin);
      });
    }
    if (!cluster.isWorker) return serveProcess(config, args.values.demo === true);
    try {
      return await serveProcess(config, false);
    } finally {
      // A worker's IPC channel would keep it alive: let go of it once drained (or failed to start).
      process.disconnect?.();
    }
  },
};

/** One serving process: on its own, or a worker of `serve --workers` (the primary migrated). */
async function serveProcess(config: AppConfig, demo: boolean): Promise<number> {
  tuneHeapForServing();
  const app = await createApp(config, { migrate: !cluster.isWorker });
  const { log } = app;
  if (config.auth.jwtSecretGenerated)
    log.warn("JWT_SECRET is not set: using an ephemeral secret; tokens die with this process");
  const admin = demo ? await prepareDemo(app.database.db, log, config) : null;
  const running = await startHttpServer(app).catch(async (err) => {
    await app.stop(); // the pool would keep a process that cannot listen alive
    throw err;
  });
  // Idempotent deletes: one worker of a cluster is enough.
  const housekeeping = !cluster.isWorker || process.env[WORKER_SLOT_ENV] === "0";
  const stopHousekeeping = housekeeping ? scheduleAuthHousekeeping(app) : () => {};
  if (cluster.isWorker) {
    log.info({ url: running.url, slot: process.env[WORKER_SLOT_ENV] }, "worker serving");
    process.send?.({ type: "listening", url: running.url } satisfies WorkerMessage);
  } else {
    log.info({ url: running.url, database: app.database.engine }, "AutoIndex is serving");
    banner(running.url, admin);
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, "shutting down");
      stopHousekeeping();
      running.close().then(resolve, (err) => {
        log.error({ err }, "error during shutdown");
        resolve();
      });
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  return 0;
}
