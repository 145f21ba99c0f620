import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, ENGINE, type TestApp } from "../../helpers/db.js";
import { ADMIN, execute } from "../../helpers/execute.js";
import { seedUniverse } from "../../helpers/fixtures.js";
import { CREATE_ASSET, DELETE_ASSET, SET_INVESTABLE, UPDATE_ASSET } from "../../e2e/auth/auth-helpers.js";

describe(`asset administration (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(() => t.reset());
  afterAll(() => t?.close());
  const run = (q: string, v: Record<string, unknown>) => execute(t.app, q, v, ADMIN);

  it("creates with an upper-cased symbol; a duplicate symbol is CONFLICT", async () => {
    const res = await run(CREATE_ASSET, { input: { symbol: " brk.b ", name: " Berkshire ", sector: "Financials" } });
    expect(res.data?.createAsset).toMatchObject({
      symbol: "BRK.B",
      name: "Berkshire",
      sector: "Financials",
      investable: true,
    });
    const dup = await run(CREATE_ASSET, { input: { symbol: "Brk.B" } });
    expect(dup.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "symbol" });
    expect(await t.db.selectFrom("assets").select("symbol").execute()).toEqual([{ symbol: "BRK.B" }]);
  });

  it("updates, renames (CONFLICT on a taken symbol), clears with an empty string, marks non-investable", async () => {
    const [a, b] = await seedUniverse(t.db, 2, 1);
    expect(
      (await run(UPDATE_ASSET, { id: String(a.id), input: { name: "", symbol: "new" } })).data?.updateAsset,
    ).toMatchObject({ symbol: "NEW", name: null });
    expect(
      (await run(UPDATE_ASSET, { id: String(a.id), input: { symbol: b.symbol } })).errors?.[0].extensions?.code,
    ).toBe("CONFLICT");
    expect((await run(SET_INVESTABLE, { id: String(b.id), investable: false })).data?.setAssetInvestable).toEqual({
      id: String(b.id),
      investable: false,
    });
    expect((await run(SET_INVESTABLE, { id: "999999", investable: false })).errors?.[0].extensions?.code).toBe(
      "NOT_FOUND",
    );
  });

  it("refuses to delete an asset with prices unless forced, then removes its rows in one transaction", async () => {
    const [a, b] = await seedUniverse(t.db, 2, 7);
    await t.db.insertInto("allocations").values({ date: "2024-01-01", asset_id: a.id, weight: 1 }).execute();
    const refused = await run(DELETE_ASSET, { id: String(a.id) });
    expect(refused.errors?.[0].message).toMatch(/7 price\(s\) and 1 allocation\(s\).*force/);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", prices: 7, allocations: 1 });
    const forced = await run(DELETE_ASSET, { id: String(a.id), force: true });
    expect(forced.data?.deleteAsset).toEqual({
      id: String(a.id),
      deletedPrices: 7,
      deletedAllocations: 1,
      deletedMarketCaps: 1,
    });
    const left = await t.db
      .selectFrom("prices")
      .select(({ fn }) => fn.countAll<number>().as("n"))
      .where("asset_id", "=", a.id)
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
    expect((await t.db.selectFrom("assets").select("id").execute()).map((r) => r.id)).toEqual([b.id]);
    expect((await run(DELETE_ASSET, { id: String(a.id), force: true })).errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  it("deletes an asset without references without force", async () => {
    const created = (await run(CREATE_ASSET, { input: { symbol: "LONE" } })).data?.createAsset as { id: string };
    expect((await run(DELETE_ASSET, { id: created.id })).data?.deleteAsset).toMatchObject({ deletedPrices: 0 });
  });
});
