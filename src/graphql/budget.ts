import { AppError, ErrorCode } from "../errors.js";

/** How long a request may hold the event loop before its next checkpoint lets other work in. */
export const SLICE_MS = 30;

export const timeoutError = (timeoutMs: number) =>
  new AppError(ErrorCode.TIMEOUT, `the request ran longer than its time budget of ${timeoutMs} ms and was cancelled`, { timeoutMs });

/**
 * The time budget of one request. `checkpoint()` is awaited before each resolver that does
 * work (see budget-fields.ts): checkpoints pass in call order, the first one past the deadline
 * and every later one reject with TIMEOUT (so the rest of the request is cancelled), and one
 * that comes more than SLICE_MS after the request last yielded first yields to the event loop
 * (setImmediate), so /healthz and other requests are served between a long request's fields.
 * `check()` is the synchronous deadline test for long loops.
 */
export class RequestBudget {
  private readonly deadline: number;
  private lastYield: number;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly timeoutMs: number,
    private readonly sliceMs = SLICE_MS,
    start = performance.now(),
  ) {
    this.deadline = start + timeoutMs;
    this.lastYield = start;
  }

  /** Throws TIMEOUT once the deadline has passed. */
  check(): void {
    if (performance.now() > this.deadline) throw timeoutError(this.timeoutMs);
  }

  checkpoint(): Promise<void> {
    // Chained, so the test runs when the previous resolver's synchronous work is done, not
    // when graphql-js calls every sibling resolver in one loop.
    this.chain = this.chain.then(() => this.gate());
    return this.chain;
  }

  private async gate(): Promise<void> {
    this.check();
    if (performance.now() - this.lastYield < this.sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.lastYield = performance.now();
    this.check();
  }
}

const budgets = new WeakMap<object, RequestBudget>();

/** The budget of the request whose context this is, started at its first checkpoint. */
export function budgetOf(context: object, timeoutMs: number): RequestBudget {
  let budget = budgets.get(context);
  if (!budget) budgets.set(context, (budget = new RequestBudget(timeoutMs)));
  return budget;
}
