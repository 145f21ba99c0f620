import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sqlState } from "../../../src/errors.js";
import { createTestDb, DATABASE_URL, ENGINE, type TestDb } from "../../helpers/db.js";

// allocations.asset_id → assets.id is enforced by statement-level triggers (migration
// 20260105000100_bulk_index_writes): the same guarantee and error as a foreign key.
describe(`allocations reference assets (${ENGINE})`, () => {
  let t: TestDb;
  let ids: number[];
  const allocationCount = async () => Number((await t.db.selectFrom("allocations").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  const violation = async (write: Promise<unknown>) => {
    const err = await write.then(
      () => null,
      (e: unknown) => e,
    );
    expect(sqlState(err)).toBe("23503");
    expect((err as { constraint?: string }).constraint).toBe("allocations_asset_id_fkey");
    return err as Error;
  };

  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    ids = (await t.db.insertInto("assets").values([{ symbol: "AAA", name: "A" }, { symbol: "BBB", name: "B" }]).returning("id").execute()).map((r) => r.id);
  });

  it("refuses a statement with any row naming a missing asset, writing none of its rows", async () => {
    const err = await violation(
      t.db
        .insertInto("allocations")
        .values([
          { date: "2024-01-02", asset_id: ids[0], weight: 0.5 },
          { date: "2024-01-02", asset_id: 999_999, weight: 0.5 },
        ])
        .execute(),
    );
    expect(err.message).toMatch(/violates foreign key constraint "allocations_asset_id_fkey"/);
    expect(await allocationCount()).toBe(0);
    await t.db.insertInto("allocations").values({ date: "2024-01-02", asset_id: ids[0], weight: 1 }).execute();
    await violation(t.db.updateTable("allocations").set({ asset_id: 999_999 }).execute());
    expect(await t.db.selectFrom("allocations").select("asset_id").execute()).toEqual([{ asset_id: ids[0] }]);
  });

  it("restricts deleting, re-numbering or truncating an asset that allocations reference", async () => {
    await t.db.insertInto("allocations").values({ date: "2024-01-02", asset_id: ids[0], weight: 1 }).execute();
    await violation(t.db.deleteFrom("assets").execute());
    await violation(t.db.updateTable("assets").set({ id: 999_999 }).where("id", "=", ids[0]).execute());
    await violation(sql`truncate assets cascade`.execute(t.db));
    expect(await t.db.selectFrom("assets").select("id").orderBy("id").execute()).toEqual(ids.map((id) => ({ id })));
    // Unreferenced assets come and go freely; once its allocations are gone, so can the held one.
    await t.db.updateTable("assets").set({ name: "renamed" }).execute();
    await t.db.deleteFrom("assets").where("id", "=", ids[1]).execute();
    await t.db.deleteFrom("allocations").execute();
    await t.db.deleteFrom("assets").where("id", "=", ids[0]).execute();
  });

  it.skipIf(!DATABASE_URL)("makes a concurrent delete of a referenced asset wait for the writer, then fail", async () => {
    const writer = await t.db.startTransaction().execute();
    await writer.insertInto("allocations").values({ date: "2024-01-02", asset_id: ids[0], weight: 1 }).execute();
    let settled = false;
    const deletion = t.db
      .deleteFrom("assets")
      .where("id", "=", ids[0])
      .execute()
      .finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(settled).toBe(false); // blocked on the writer's FOR KEY SHARE lock
    await writer.commit().execute();
    await violation(deletion);
    expect(await allocationCount()).toBe(1);
  });

  it.skipIf(!DATABASE_URL)("makes a writer fail when the asset it names was deleted meanwhile", async () => {
    const deleter = await t.db.startTransaction().execute();
    await deleter.deleteFrom("assets").where("id", "=", ids[0]).execute();
    const write = t.db.insertInto("allocations").values({ date: "2024-01-02", asset_id: ids[0], weight: 1 }).execute();
    await new Promise((r) => setTimeout(r, 200));
    await deleter.commit().execute();
    await violation(write);
    expect(await allocationCount()).toBe(0);
  });
});
