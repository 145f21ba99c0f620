import { AppError, ErrorCode } from "../errors.js";

/**
 * CPU milliseconds a request may spend before its next checkpoint lets other work in
 * (QUERY_SLICE_MS). CPU, not wall time: on a loaded machine wall time runs ahead of the work
 * done. The price of fairness: a yield in the middle of a level splits that level's DataLoader
 * batches, so a request may run one more statement per slice of CPU it spends at one level.
 */
export const SLICE_MS = 20;

/** CPU milliseconds (user + system) of this process; PGlite's statements run in it too. */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export const timeoutError = (timeoutMs: number) =>
  new AppError(ErrorCode.TIMEOUT, `the request ran longer than its time budget of ${timeoutMs} ms and was cancelled`, {
    timeoutMs,
  });

/**
 * The time budget of one request. `checkpoint()` is awaited before each resolver that does
 * work (see budget-fields.ts): checkpoints pass in call order, the first one past the deadline
 * and every later one reject with TIMEOUT (so the rest of the request is cancelled), and one
 * that comes more than SLICE_MS of CPU after the request last yielded first yields to the event loop
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
    this.lastYield = cpuNow();
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
    if (cpuNow() - this.lastYield < this.sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.lastYield = cpuNow();
    this.check();
  }
}

const budgets = new WeakMap<object, RequestBudget>();

/** The budget of the request whose context this is, started at its first checkpoint. */
export function budgetOf(context: object, timeoutMs: number, sliceMs = SLICE_MS): RequestBudget {
  let budget = budgets.get(context);
  if (!budget) {
    budget = new RequestBudget(timeoutMs, sliceMs);
    budgets.set(context, budget);
  }
  return budget;
}
