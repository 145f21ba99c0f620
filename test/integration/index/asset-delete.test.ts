import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, DATABASE_URL, ENGINE, type TestApp } from "../../helpers/db.js";
import { ADMIN, execute } from "../../helpers/execute.js";
import { recomputeIndex, seedDemoData } from "../../helpers/services.js";

describe(`force-deleting an asset the index holds (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoData(t.db);
    await recomputeIndex(t.db);
  });
  afterAll(() => t?.close());

  it("recomputes the index in the same transaction, so nothing points at the asset", async () => {
    const held = await t.db
      .selectFrom("allocations")
      .innerJoin("assets", "assets.id", "allocations.asset_id")
      .select(["assets.id", "assets.symbol"])
      .orderBy("allocations.date", "desc")
      .orderBy("allocations.weight", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const res = await execute(
      t.app,
      `mutation($id: ID!) { deleteAsset(id: $id, force: true) { deletedPrices deletedAllocations } }`,
      { id: String(held.id) },
      ADMIN,
    );
    expect(res.errors).toBeUndefined();
    expect((res.data as any).deleteAsset.deletedAllocations).toBeGreaterThan(0);
    const periods = await t.db.selectFrom("index_holding_periods").select("asset_ids").execute();
    expect(periods.some((p) => p.asset_ids.includes(held.id))).toBe(false);
    expect(
      await t.db.selectFrom("data_quality_flags").select("date").where("asset_id", "=", held.id).execute(),
    ).toEqual([]);
    const holdings = await execute(t.app, `{ holdings(date: "2025-12-31") { date positions { asset { symbol } } } }`);
    expect(holdings.errors).toBeUndefined();
    expect((holdings.data as any).holdings.positions.map((p: any) => p.asset.symbol)).not.toContain(held.symbol);
  });

  it("cannot delete a held asset behind the API's back: the declared foreign key refuses it", async () => {
    const held = await t.db.selectFrom("allocations").select("asset_id").limit(1).executeTakeFirstOrThrow();
    const err = await t.db
      .deleteFrom("assets")
      .where("id", "=", held.asset_id)
      .execute()
      .then(
        () => null,
        (e: unknown) => e as { code?: string; constraint?: string },
      );
    // The prices' key may fire first; either way a declared key (not a trigger) refuses it.
    expect(["23503", "23001"]).toContain(err?.code);
    expect(["allocations_asset_id_fkey", "prices_asset_id_fkey"]).toContain(err?.constraint);
    await t.db.deleteFrom("prices").where("asset_id", "=", held.asset_id).execute();
    await t.db.deleteFrom("market_cap_data").where("asset_id", "=", held.asset_id).execute();
    const again = await t.db
      .deleteFrom("assets")
      .where("id", "=", held.asset_id)
      .execute()
      .then(
        () => null,
        (e: unknown) => e as { constraint?: string },
      );
    expect(again?.constraint).toBe("allocations_asset_id_fkey");
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_constraint where conname = 'allocations_asset_id_fkey' and contype = 'f' and
      conrelid = 'allocations'::regclass`.execute(t.db);
    expect(rows[0].n).toBe(1);
  });

  it.skipIf(!DATABASE_URL)(
    "runs beside a concurrent recompute without a deadlock: the delete waits for it",
    async () => {
      const held = await t.db
        .selectFrom("allocations")
        .select("asset_id")
        .orderBy("date", "desc")
        .orderBy("weight", "desc")
        .limit(1)
        .executeTakeFirstOrThrow();
      // the recompute rewrites every weight
      await t.db.updateTable("strategy_configs").set({ momentum_weight: 0.6, market_cap_weight: 0.1 }).execute();
      try {
        const recompute = recomputeIndex(t.db);
        await new Promise((r) => setTimeout(r, 50)); // the recompute holds the lock and is writing
        const res = await execute(
          t.app,
          `mutation($id: ID!) { deleteAsset(id: $id, force: true) { deletedAllocations } }`,
          { id: String(held.asset_id) },
          ADMIN,
        );
        await recompute;
        expect(res.errors).toBeUndefined();
        expect(
          await t.db.selectFrom("allocations").select("date").where("asset_id", "=", held.asset_id).execute(),
        ).toEqual([]);
      } finally {
        await t.db.updateTable("strategy_configs").set({ momentum_weight: 0.4, market_cap_weight: 0.3 }).execute();
      }
    },
  );
});
