import type { AppConfig } from "../config.js";
import { AppError, ErrorCode } from "../errors.js";

/**
 * A counting semaphore with a bounded queue. Each argon2 hash or verify holds ~19 MiB and a
 * core for tens of milliseconds; without a bound, a burst of sign-ups or logins makes every
 * one of them (and every other request) slow. Up to `max` run at once, up to `maxQueued` wait
 * in order, and anything beyond is refused at once rather than queued without end.
 */
export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly max: number,
    readonly maxQueued: number,
  ) {}

  /** Runs `work` when a slot is free; throws `busy()` without running it when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) {
      if (this.waiting.length >= this.maxQueued) throw busy();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter (running stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }
}

const BUSY_MESSAGE = "too many sign-ins in progress; retry in 1 s";

/** The server is hashing as many passwords as it will: a retryable refusal, not an error. */
export const busy = () => new AppError(ErrorCode.RATE_LIMITED, BUSY_MESSAGE, { retryAfterSeconds: 1 });

/** True for the refusal of a full gate (no argon2 work was done). */
export const isBusy = (err: unknown): boolean =>
  err instanceof AppError && err.code === ErrorCode.RATE_LIMITED && err.message === BUSY_MESSAGE;

// One gate per configuration object: in a server process that is one per process; tests that
// build several apps get one each.
const gates = new WeakMap<AppConfig, Gate>();

/** The argon2 gate of this process (ARGON2_MAX_CONCURRENT running, ARGON2_MAX_QUEUED waiting). */
export function argon2Gate(config: AppConfig): Gate {
  let gate = gates.get(config);
  if (!gate) {
    gate = new Gate(config.auth.argon2MaxConcurrent, config.auth.argon2MaxQueued);
    gates.set(config, gate);
  }
  return gate;
}
