import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDown, migrateToLatest } from "../../src/db/migrate.js";
import { migrations } from "../../migrations/index.js";
import { createTestDb, ENGINE, type TestDb } from "../helpers/db.js";

describe(`migrations (${ENGINE})`, () => {
  let t: TestDb;
  const tables = async () =>
    (
      await sql<{
        tablename: string;
      }>`select tablename from pg_tables where schemaname = current_schema() and tablename not like 'kysely_%' order
        by 1`.execute(t.db)
    ).rows.map((r) => r.tablename);
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t?.close());

  it("are idempotent: a second run applies nothing", async () => {
    expect(await migrateToLatest(t.db, t.schema)).toEqual([]);
    expect(await tables()).toEqual(
      expect.arrayContaining([
        "users",
        "assets",
        "prices",
        "index_values",
        "allocations",
        "strategy_configs",
        "risk_metrics",
        "market_cap_data",
      ]),
    );
  });

  it("refuses to constrain market-data dates while rows are out of range, naming them", async () => {
    // Down to (and including) the date-range migration, whatever was added after it.
    const downs: string[] = [];
    while (downs.at(-1) !== "Down 20260105000200_market_data_date_range")
      downs.push(...(await migrateDown(t.db, t.schema)));
    expect(downs.slice(-2)).toEqual([
      "Down 20260105000300_version_bump_on_change",
      "Down 20260105000200_market_data_date_range",
    ]);
    const [a] = await t.db.insertInto("assets").values({ symbol: "AAA", name: "A" }).returning("id").execute();
    await sql`insert into prices (asset_id, date, close) values (${a.id}, 'infinity', 1),
      (${a.id}, '2024-01-02', 1)`.execute(t.db);
    await expect(migrateToLatest(t.db, t.schema)).rejects.toThrow(
      `prices has dates outside 0001-01-01..9999-12-31, which no recompute can read; delete or correct them first: ` +
        `(asset_id ${a.id}, date infinity)`,
    );
    await t.db.deleteFrom("prices").where("date", "=", "infinity").execute();
    expect(await migrateToLatest(t.db, t.schema)).toEqual([...downs].reverse().map((d) => d.replace(/^Down /, "Up ")));
    await t.db.deleteFrom("prices").execute();
    await t.db.deleteFrom("assets").execute();
  });

  it(
    "moves the recompute's state out of strategy_configs into index_state and back, and bounds " +
      "transaction_cost_bps",
    async () => {
      const names = Object.keys(migrations);
      const later = names.slice(names.indexOf("20260201000110_index_state"));
      for (const name of [...later].reverse()) expect(await migrateDown(t.db, t.schema)).toEqual([`Down ${name}`]);
      await sql`update strategy_configs set force_rebalance = true, last_rebalance = '2025-12-31',
        forced_rebalance_dates = '["2025-06-30"]', transaction_cost_bps = 5000, version = 7`.execute(t.db);
      await sql`insert into index_values (date, value) values ('2025-12-31', 100)`.execute(t.db);
      await expect(migrateToLatest(t.db, t.schema)).rejects.toThrow(
        "strategy_configs.transaction_cost_bps is 5000, above the 1000 bps maximum; lower it " +
          "(updateStrategyConfig) before migrating",
      );
      await sql`update strategy_configs set transaction_cost_bps = 1000`.execute(t.db);
      expect(await migrateToLatest(t.db, t.schema)).toEqual(later.map((name) => `Up ${name}`));
      const { rows } = await sql<
        Record<string, unknown>
      >`select force_rebalance, last_rebalance, forced_rebalance_dates, computed_strategy_version,
      computed_params->>'transactionCostBps' as bps, computed_params->>'rebalanceFrequency' as frequency
      from index_state`.execute(t.db);
      // The state moved; an index stored before is taken as computed with the configuration in force.
      expect(rows).toEqual([
        {
          force_rebalance: true,
          last_rebalance: "2025-12-31",
          forced_rebalance_dates: ["2025-06-30"],
          computed_strategy_version: 7,
          bps: "1000",
          frequency: "weekly",
        },
      ]);
      const { rows: columns } = await sql<{ c: string }>`select column_name as c from information_schema.columns
      where table_schema = current_schema() and table_name = 'strategy_configs'
        and column_name in ('last_rebalance', 'force_rebalance', 'forced_rebalance_dates')`.execute(t.db);
      expect(columns).toEqual([]);
      const err = await sql`update strategy_configs set transaction_cost_bps = 1001`.execute(t.db).then(
        () => null,
        (e: unknown) => e as { code?: string; constraint?: string },
      );
      expect(err).toMatchObject({ code: "23514", constraint: "strategy_configs_transaction_cost_bps" });
      // Down puts the state back on strategy_configs.
      for (const _ of later) await migrateDown(t.db, t.schema);
      const { rows: back } = await sql<
        Record<string, unknown>
      >`select force_rebalance, last_rebalance, forced_rebalance_dates from strategy_configs`.execute(t.db);
      expect(back).toEqual([
        { force_rebalance: true, last_rebalance: "2025-12-31", forced_rebalance_dates: ["2025-06-30"] },
      ]);
      await sql`update strategy_configs set transaction_cost_bps = 0, version = 1, force_rebalance = false,
        last_rebalance = null, forced_rebalance_dates = '[]'`.execute(t.db);
      await t.db.deleteFrom("index_values").execute();
      await migrateToLatest(t.db, t.schema);
    },
  );

  it("each has a down that undoes it, and they all apply again", async () => {
    const names = Object.keys(migrations);
    for (let i = names.length - 1; i >= 0; i--) expect(await migrateDown(t.db, t.schema)).toEqual([`Down ${names[i]}`]);
    expect(await tables()).toEqual([]);
    expect((await migrateToLatest(t.db, t.schema)).length).toBe(names.length);
    const strategy = await t.db
      .selectFrom("strategy_configs")
      .select(["id", "version", "rebalance_frequency"])
      .execute();
    expect(strategy).toEqual([{ id: 1, version: 1, rebalance_frequency: "weekly" }]);
  });
});
