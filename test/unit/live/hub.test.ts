import { describe, expect, it } from "vitest";
import { LiveHub } from "../../../src/live/hub.js";
import { indexChanges, LiveTopic, mergeWritten, type WrittenRange } from "../../../src/live/topics.js";

const row = (id: number, payload: Record<string, unknown> = {}, topic: LiveTopic = LiveTopic.INDEX_UPDATED) => ({
  id,
  topic,
  payload,
});

describe("LiveHub and its streams", () => {
  it("delivers each event once, in order, to the matching subscribers of its topic", async () => {
    const hub = new LiveHub(10, 10);
    const all = hub.subscribe(
      LiveTopic.INDEX_UPDATED,
      () => true,
      () => undefined,
    );
    const even = hub.subscribe<{ n: number }>(
      LiveTopic.INDEX_UPDATED,
      (p) => p.n % 2 === 0,
      () => undefined,
    );
    const prices = hub.subscribe(
      LiveTopic.PRICES_UPDATED,
      () => true,
      () => undefined,
    );
    for (let n = 1; n <= 4; n++) hub.dispatch(row(n, { n }));
    const ids = async (s: AsyncIterator<{ id: number }>, k: number) => {
      const out: number[] = [];
      for (let i = 0; i < k; i++) out.push(((await s.next()).value as { id: number }).id);
      return out;
    };
    expect(await ids(all, 4)).toEqual([1, 2, 3, 4]);
    expect(await ids(even, 2)).toEqual([2, 4]);
    hub.dispatch(row(5, {}, LiveTopic.PRICES_UPDATED));
    expect(await ids(prices, 1)).toEqual([5]);
  });

  it("return() ends a waiting next() at once and frees the place", async () => {
    const hub = new LiveHub(1, 10);
    const s = hub.subscribe(
      LiveTopic.INDEX_UPDATED,
      () => true,
      () => undefined,
    );
    const pending = s.next();
    await s.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(hub.subscriptions).toBe(0);
    expect(() =>
      hub.subscribe(
        LiveTopic.INDEX_UPDATED,
        () => true,
        () => undefined,
      ),
    ).not.toThrow();
  });

  it("refuses subscriptions past the process limit with SUBSCRIPTION_LIMIT", () => {
    const hub = new LiveHub(2, 10);
    hub.subscribe(
      LiveTopic.INDEX_UPDATED,
      () => true,
      () => undefined,
    );
    hub.subscribe(
      LiveTopic.ALERT_RAISED,
      () => true,
      () => undefined,
    );
    expect(() =>
      hub.subscribe(
        LiveTopic.INDEX_UPDATED,
        () => true,
        () => undefined,
      ),
    ).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: "SUBSCRIPTION_LIMIT", scope: "process" }),
      }),
    );
  });

  it("drops a consumer that falls more than maxQueued events behind", async () => {
    const hub = new LiveHub(10, 2);
    let dropped = 0;
    const s = hub.subscribe(
      LiveTopic.INDEX_UPDATED,
      () => true,
      () => dropped++,
    );
    hub.dispatch(row(1));
    hub.dispatch(row(2));
    expect(dropped).toBe(0);
    hub.dispatch(row(3));
    expect(dropped).toBe(1);
    expect(hub.subscriptions).toBe(0);
    expect(await s.next()).toEqual({ value: undefined, done: true });
  });
});

describe("indexChanges", () => {
  it("counts added, removed and changed dates and names the first", () => {
    const before = { dates: ["2024-01-01", "2024-01-02", "2024-01-03"], values: [100, 101, 102] };
    const after = [
      { date: "2024-01-02", value: 101 },
      { date: "2024-01-03", value: 102.5 },
      { date: "2024-01-04", value: 103 },
    ];
    expect(indexChanges(before, after)).toEqual({
      firstChangedDate: "2024-01-01",
      datesAdded: 1,
      datesRemoved: 1,
      datesChanged: 1,
    });
    expect(
      indexChanges(
        before,
        before.dates.map((date, i) => ({ date, value: before.values[i] })),
      ),
    ).toEqual({
      firstChangedDate: null,
      datesAdded: 0,
      datesRemoved: 0,
      datesChanged: 0,
    });
  });

  it("merges the written ranges of an import's batches", () => {
    const into = new Map<number, WrittenRange>();
    mergeWritten(into, [{ assetId: 1, from: "2024-01-05", to: "2024-01-09", rows: 5 }]);
    mergeWritten(into, [
      { assetId: 1, from: "2024-01-02", to: "2024-01-06", rows: 2 },
      { assetId: 2, from: "2024-01-01", to: "2024-01-01", rows: 1 },
    ]);
    expect([...into.values()]).toEqual([
      { assetId: 1, from: "2024-01-02", to: "2024-01-09", rows: 7 },
      { assetId: 2, from: "2024-01-01", to: "2024-01-01", rows: 1 },
    ]);
  });
});
