import cluster, { type Worker } from "node:cluster";
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { AppConfig } from "../config.js";
import { ConfigError } from "../config.js";

/** Set in a worker's environment: which slot it fills (0-based); slot 0 also runs the housekeeping. */
export const WORKER_SLOT_ENV = "AUTOINDEX_WORKER_SLOT";

/** Restart delays after a crash: doubling from 500 ms to 30 s; reset once a worker has lived a minute. */
const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;
const STABLE_AFTER_MS = 60_000;

/** `serve --workers N` with N > 1 needs a database the workers can share. */
export function assertCanFork(config: AppConfig, workers: number): void {
  if (workers > 1 && !config.databaseUrl)
    throw new ConfigError(
      `serve --workers ${workers} needs DATABASE_URL: the embedded PGlite store is one process ` +
        "(run one process without --workers, or use PostgreSQL)",
    );
}

/** Messages a worker sends its primary. */
export type WorkerMessage = { type: "listening"; url: string };

/**
 * The primary of `serve --workers N` (node:cluster): it has migrated the database itself, then
 * forks N workers that share the listening port (the primary accepts and hands connections out
 * round-robin). A worker that dies unasked is replaced after a backoff; SIGTERM/SIGINT are
 * forwarded to every worker, which drains (src/http/drain.ts), and the primary exits when all
 * have. Resolves with the exit code.
 */
export async function runPrimary(
  workers: number,
  config: AppConfig,
  log: Logger,
  onListening: (url: string) => void,
): Promise<number> {
  // One secret for every worker: a token signed by one is accepted by the others.
  const env: Record<string, string> = {};
  if (config.auth.jwtSecretGenerated) env.JWT_SECRET = randomBytes(48).toString("base64url");
  const slots = new Map<number, { worker: Worker; startedAt: number }>();
  const backoff = new Map<number, number>();
  let stopping = false;
  let announced = false;
  let exitCode = 0;

  const fork = (slot: number) => {
    const worker = cluster.fork({ ...env, [WORKER_SLOT_ENV]: String(slot) });
    slots.set(slot, { worker, startedAt: Date.now() });
    worker.on("message", (msg: WorkerMessage) => {
      if (msg?.type === "listening" && !announced) {
        announced = true;
        onListening(msg.url);
      }
    });
    worker.once("exit", (code, signal) => {
      const lived = Date.now() - (slots.get(slot)?.startedAt ?? Date.now());
      slots.delete(slot);
      if (stopping) {
        log.info({ slot, pid: worker.process.pid, code, signal }, "worker stopped");
        return maybeDone();
      }
      if (!announced) {
        // Not one worker ever served (the port is taken, the database refuses…): a restart would
        // fail the same way. Stop the others and exit 1; the worker logged why.
        log.error({ slot, pid: worker.process.pid, code, signal }, "a worker failed to start: stopping");
        exitCode = 1;
        return stop("SIGTERM");
      }
      const delay =
        lived >= STABLE_AFTER_MS
          ? FIRST_BACKOFF_MS
          : Math.min((backoff.get(slot) ?? FIRST_BACKOFF_MS / 2) * 2, MAX_BACKOFF_MS);
      backoff.set(slot, delay);
      log.error({ slot, pid: worker.process.pid, code, signal, restartInMs: delay }, "worker exited: restarting it");
      setTimeout(() => {
        if (!stopping) fork(slot);
      }, delay).unref();
    });
  };

  let finish!: (code: number) => void;
  const done = new Promise<number>((resolve) => (finish = resolve));
  const maybeDone = () => {
    if (stopping && slots.size === 0) {
      log.info("every worker has stopped");
      finish(exitCode);
    }
  };
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, workers: slots.size }, "shutting down: draining every worker");
    for (const { worker } of slots.values()) worker.process.kill("SIGTERM");
    // A worker past its own drain timeout (plus a margin) is killed.
    setTimeout(() => {
      for (const { worker } of slots.values()) worker.process.kill("SIGKILL");
    }, config.shutdownTimeoutMs + 5_000).unref();
    maybeDone();
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));

  for (let slot = 0; slot < workers; slot++) fork(slot);
  log.info({ workers }, "primary: workers forked");
  return done;
}
