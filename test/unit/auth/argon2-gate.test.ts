import { describe, expect, it } from "vitest";
import { Gate } from "../../../src/auth/argon2-gate.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("argon2 gate (bounded concurrency and queue)", () => {
  it("runs at most `max` at once, queues up to `maxQueued` in order, refuses the rest with RATE_LIMITED", async () => {
    const gate = new Gate(2, 3);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const job = (i: number) =>
      gate.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await sleep(10);
        order.push(i);
        running--;
        return i;
      });
    const results = await Promise.allSettled(Array.from({ length: 7 }, (_, i) => job(i)));
    expect(peak).toBe(2);
    expect(
      results.filter((r) => r.status === "fulfilled").map((r) => (r as PromiseFulfilledResult<number>).value),
    ).toEqual([0, 1, 2, 3, 4]);
    const refused = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(refused.map((r) => r.reason.extensions)).toEqual([
      { code: "RATE_LIMITED", retryAfterSeconds: 1 },
      { code: "RATE_LIMITED", retryAfterSeconds: 1 },
    ]);
    expect(order.slice(2)).toEqual([2, 3, 4]);
    expect([gate.active, gate.queued]).toEqual([0, 0]);
  });

  it("a failing job frees its slot", async () => {
    const gate = new Gate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate.run(async () => "next")).toBe("next");
  });
});
