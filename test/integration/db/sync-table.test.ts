import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { syncTable, SyncTableError, type SyncTableErrorCode } from "../../../src/db/sync-table.js";
import { createTestDb, type TestDb } from "../../helpers/db.js";

let tdb: TestDb;
beforeAll(async () => {
  tdb = await createTestDb();
});
afterAll(async () => tdb?.close());
beforeEach(async () => {
  await tdb.reset();
  await tdb.db
    .insertInto("assets")
    .values([{ symbol: "AAA" }, { symbol: "BBB" }, { symbol: "CCC" }])
    .execute();
});

const allocations = () =>
  tdb.db
    .selectFrom("allocations")
    .select(["date", "asset_id", "weight", "updated_at"])
    .orderBy("date")
    .orderBy("asset_id")
    .execute();

async function refusal(run: () => Promise<unknown>): Promise<SyncTableErrorCode> {
  const err = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SyncTableError);
  return (err as SyncTableError).code;
}

describe("syncTable (the typed bulk writer of every derived table)", () => {
  it("inserts into an empty table, then writes only the difference: updates, inserts, deletes", async () => {
    const first = await tdb.db.transaction().execute((trx) =>
      syncTable(trx, "allocations", {
        key: ["date", "asset_id"],
        columns: { date: ["2024-01-02", "2024-01-02", "2024-01-03"], asset_id: [1, 2, 1], weight: [0.5, 0.5, 1] },
      }),
    );
    expect(first).toEqual({ inserted: 3, updated: 0, deleted: 0 });
    const before = await allocations();

    // (2024-01-02, 1) unchanged, (2024-01-02, 2) moved, (2024-01-03, 1) gone, (2024-01-03, 3) new.
    const second = await tdb.db.transaction().execute((trx) =>
      syncTable(trx, "allocations", {
        key: ["date", "asset_id"],
        columns: { date: ["2024-01-02", "2024-01-02", "2024-01-03"], asset_id: [1, 2, 3], weight: [0.5, 0.25, 1] },
      }),
    );
    expect(second).toEqual({ inserted: 1, updated: 1, deleted: 1 });
    const after = await allocations();
    expect(after.map(({ date, asset_id, weight }) => [date, asset_id, weight])).toEqual([
      ["2024-01-02", 1, 0.5],
      ["2024-01-02", 2, 0.25],
      ["2024-01-03", 3, 1],
    ]);
    // The unchanged row is not rewritten: its updated_at stays; the moved one is stamped anew.
    expect(after[0].updated_at).toEqual(before[0].updated_at);
    expect(after[1].updated_at.getTime()).toBeGreaterThanOrEqual(before[1].updated_at.getTime());

    const again = await tdb.db.transaction().execute((trx) =>
      syncTable(trx, "allocations", {
        key: ["date", "asset_id"],
        columns: { date: ["2024-01-02", "2024-01-02", "2024-01-03"], asset_id: [1, 2, 3], weight: [0.5, 0.25, 1] },
      }),
    );
    expect(again).toEqual({ inserted: 0, updated: 0, deleted: 0 });

    const emptied = await tdb.db
      .transaction()
      .execute((trx) =>
        syncTable(trx, "allocations", { key: ["date", "asset_id"], columns: { date: [], asset_id: [], weight: [] } }),
      );
    expect(emptied).toEqual({ inserted: 0, updated: 0, deleted: 3 });
    expect(await allocations()).toEqual([]);
  });

  it("round-trips arrays, jsonb, text with quotes and nulls by the generated column types", async () => {
    await tdb.db.transaction().execute(async (trx) => {
      await syncTable(trx, "index_holding_periods", {
        key: ["date"],
        columns: { date: ["2024-01-02"], kind: ["REBALANCE"], cash: [1.5], asset_ids: [[1, 2]], units: [[0.25, 3]] },
      });
      await syncTable(trx, "index_rebalances", {
        key: ["date"],
        columns: {
          date: ["2024-01-02"],
          forced: [true],
          eligible_count: [2],
          turnover: [0.1],
          cost: [0],
          fallbacks: [JSON.stringify(['say "hi"', "x,y"])],
        },
      });
      await syncTable(trx, "risk_metrics", {
        key: ["date"],
        columns: {
          date: ["2024-01-02", "2024-01-03"],
          volatility: [null, 0.2],
          ai_market_regime: ["BULL", null],
        },
      });
      // Changing a second time exercises the diff path for the same kinds of values.
      await syncTable(trx, "index_holding_periods", {
        key: ["date"],
        columns: { date: ["2024-01-02"], kind: ["FORCED_SALE"], cash: [2], asset_ids: [[2]], units: [[1]] },
      });
    });
    const hp = await tdb.db
      .selectFrom("index_holding_periods")
      .select(["kind", "cash", "asset_ids", "units"])
      .execute();
    expect(hp).toEqual([{ kind: "FORCED_SALE", cash: 2, asset_ids: [2], units: [1] }]);
    const rb = await tdb.db.selectFrom("index_rebalances").select(["forced", "fallbacks"]).executeTakeFirstOrThrow();
    expect(rb).toEqual({ forced: true, fallbacks: ['say "hi"', "x,y"] });
    const rm = await tdb.db
      .selectFrom("risk_metrics")
      .select(["volatility", "ai_market_regime"])
      .orderBy("date")
      .execute();
    expect(rm).toEqual([
      { volatility: null, ai_market_regime: "BULL" },
      { volatility: 0.2, ai_market_regime: null },
    ]);
  });

  it("replaces a table without a key whole", async () => {
    const events = (type: string[]) =>
      tdb.db.transaction().execute((trx) =>
        syncTable(trx, "index_events", {
          columns: {
            date: type.map(() => "2024-01-02"),
            type,
            asset_id: type.map(() => null),
            detail: type.map(() => `it's "{odd}", \\ too`),
            value: type.map(() => null),
          },
        }),
      );
    expect(await events(["A", "A"])).toEqual({ inserted: 2, updated: 0, deleted: 0 });
    expect(await events(["B"])).toEqual({ inserted: 1, updated: 0, deleted: 2 });
    expect(await tdb.db.selectFrom("index_events").select(["type", "detail"]).execute()).toEqual([
      { type: "B", detail: `it's "{odd}", \\ too` },
    ]);
  });

  it("refuses a bad batch with a typed error and writes nothing", async () => {
    const seed = { date: ["2024-01-02"], asset_id: [1], weight: [1] };
    await tdb.db
      .transaction()
      .execute((trx) => syncTable(trx, "allocations", { key: ["date", "asset_id"], columns: seed }));
    const sync = (columns: { date: (string | null)[]; asset_id: number[]; weight: number[] }) =>
      tdb.db.transaction().execute((trx) =>
        // A null key is a caller bug the types cannot see (values computed at run time).
        syncTable(trx, "allocations", { key: ["date", "asset_id"], columns: columns as typeof seed }),
      );
    expect(
      await refusal(() => sync({ date: ["2024-01-02", "2024-01-02"], asset_id: [2, 2], weight: [0.5, 0.5] })),
    ).toBe("DUPLICATE_KEY");
    expect(
      await refusal(() =>
        sync({ date: ["2024-01-03", "2024-01-02", "2024-01-03"], asset_id: [1, 1, 1], weight: [1, 1, 1] }),
      ),
    ).toBe("DUPLICATE_KEY");
    expect(await refusal(() => sync({ date: ["2024-01-02", null], asset_id: [1, 2], weight: [0.5, 0.5] }))).toBe(
      "NULL_KEY",
    );
    expect(await refusal(() => sync({ date: ["2024-01-02"], asset_id: [1, 2], weight: [0.5, 0.5] }))).toBe(
      "LENGTH_MISMATCH",
    );
    const noKeyColumn = () =>
      tdb.db.transaction().execute((trx) =>
        syncTable(trx, "risk_metrics", {
          key: ["date"],
          columns: { volatility: [0.1] } as unknown as { date: string[] },
        }),
      );
    expect(await refusal(noKeyColumn)).toBe("MISSING_KEY_COLUMN");
    const unknownColumn = () =>
      tdb.db.transaction().execute((trx) =>
        syncTable(trx, "risk_metrics", {
          key: ["date"],
          columns: { date: ["2024-01-02"], nope: [1] } as unknown as { date: string[] },
        }),
      );
    expect(await refusal(unknownColumn)).toBe("UNKNOWN_COLUMN");
    const err = await sync({ date: ["2024-01-02", "2024-01-02"], asset_id: [2, 2], weight: [0.5, 0.5] }).catch(
      (e) => e,
    );
    expect(err.message).toBe("allocations: key (2024-01-02, 2) appears twice");
    expect((await allocations()).map(({ date, asset_id, weight }) => [date, asset_id, weight])).toEqual([
      ["2024-01-02", 1, 1],
    ]);
  });
});
