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

  it("each has a down that undoes it, and they all apply again", async () => {
    const names = Object.keys(migrations);
    for (let i = names.length - 1; i >= 0; i--) expect(await migrateDown(t.db, t.schema)).toEqual([`Down ${names[i]}`]);
    expect(await tables()).toEqual([]);
    expect((await migrateToLatest(t.db, t.schema)).length).toBe(names.length);
    const strategy = await t.db.selectFrom("strategy_configs").select(["id", "version", "rebalance_frequency"]).execute();
    expect(strategy).toEqual([{ id: 1, version: 1, rebalance_frequency: "weekly" }]);
  });
});
