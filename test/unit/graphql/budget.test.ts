import { describe, expect, it } from "vitest";
import { RequestBudget } from "../../../src/graphql/budget.js";

/**
 * Spins for `ms` of CPU time and at least `ms` of wall time (the budget counts slices in CPU, deadlines in wall time).
 */
const busy = (ms: number) => {
  const c0 = process.cpuUsage();
  const end = performance.now() + ms;
  for (;;) {
    const c = process.cpuUsage(c0);
    if ((c.user + c.system) / 1000 >= ms && performance.now() >= end) return;
  }
};

describe("RequestBudget", () => {
  it("lets checkpoints pass in call order, and yields to the event loop after a slice of work", async () => {
    const budget = new RequestBudget(10_000, 20);
    const order: string[] = [];
    const a = budget.checkpoint().then(() => {
      order.push("a");
      busy(30); // more than the slice: the next checkpoint lets the event loop in first
    });
    const b = budget.checkpoint().then(() => order.push("b"));
    setImmediate(() => order.push("event loop"));
    await Promise.all([a, b]);
    expect(order).toEqual(["a", "event loop", "b"]);
  });

  it("does not yield while the request is within its slice", async () => {
    const budget = new RequestBudget(10_000, 10_000);
    const order: string[] = [];
    setImmediate(() => order.push("event loop"));
    await budget.checkpoint();
    order.push("checkpoint");
    expect(order).toEqual(["checkpoint"]);
  });

  it("rejects with TIMEOUT past the deadline, and every later checkpoint too", async () => {
    const budget = new RequestBudget(20, 5);
    await budget.checkpoint();
    busy(30);
    await expect(budget.checkpoint()).rejects.toMatchObject({ extensions: { code: "TIMEOUT", timeoutMs: 20 } });
    await expect(budget.checkpoint()).rejects.toMatchObject({ extensions: { code: "TIMEOUT" } });
    expect(() => budget.check()).toThrow(/time budget of 20 ms/);
  });
});
