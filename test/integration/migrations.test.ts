import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDown, migrateToLatest } from "../../src/db/migrate.js";
import { migrations } from "../../migrations/index.js";
import { createTestDb, ENGINE, type TestDb } from "../helpers/db.js";

describe(`migrations (${ENGINE})`, () => {
  let t: TestDb;
  const tables = async () =>
    (await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = current_schema() and tablename not like 'kysely_%' order by 1`.execute(t.db)).rows.map(
      (r) => r.tablename,
    );
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t?.close());

  it("are idempotent: a second run applies nothing", async () => {
    expect(await migrateToLatest(t.db, t.schema)).toEqual([]);
    expect(await tables()).toEqual(expect.arrayContaining(["users", "assets", "prices", "index_values", "allocations", "strategy_configs", "risk_metrics", "market_cap_data"]));
  });

  it("refuses to constrain market-data dates while rows are out of range, naming them", async () => {
    // Down to (and including) the date-range migration, whatever was added after it.
    const downs: string[] = [];
    while (downs.at(-1) !== "Down 20260105000200_market_data_date_range") downs.push(...(await migrateDown(t.db, t.schema)));
    expect(downs.slice(-2)).toEqual(["Down 20260105000300_version_bump_on_change", "Down 20260105000200_market_data_date_range"]);
    const [a] = await t.db.insertInto("assets").values({ symbol: "AAA", name: "A" }).returning("id").execute();
    await sql`insert into prices (asset_id, date, close) values (${a.id}, 'infinity', 1), (${a.id}, '2024-01-02', 1)`.execute(t.db);
    await expect(migrateToLatest(t.db, t.schema)).rejects.toThrow(`prices has dates outside 0001-01-01..9999-12-31, which no recompute can read; delete or correct them first: (asset_id ${a.id}, date infinity)`);
    await t.db.deleteFrom("prices").where("date", "=", "infinity").execute();
    expect(await migrateToLatest(t.db, t.schema)).toEqual([...downs].reverse().map((d) => d.replace(/^Down /, "Up ")));
    await t.db.deleteFrom("prices").execute();
    await t.db.deleteFrom("assets").execute();
  });

  it("each has a down that undoes it, and they all apply again", async () => {
    const names = Object.keys(migrations);
    for (let i = names.length - 1; i >= 0; i--) expect(await migrateDown(t.db, t.schema)).toEqual([`Down ${names[i]}`]);
    expect(await tables()).toEqual([]);
    expect((await migrateToLatest(t.db, t.schema)).length).toBe(names.length);
    const strategy = await t.db.selectFrom("strategy_configs").select(["id", "version", "rebalance_frequency"]).execute();
    expect(strategy).toEqual([{ id: 1, version: 1, rebalance_frequency: "weekly" }]);
  });
});
