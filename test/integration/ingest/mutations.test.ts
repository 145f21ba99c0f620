import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { upsertAssets } from "../../../src/assets/asset.repo.js";
import { createTestApp, ENGINE, type TestApp } from "../../helpers/db.js";
import { ADMIN, execute } from "../../helpers/execute.js";

const PRICES = `mutation P($prices: [PriceInput!]!) { upsertPrices(prices: $prices) { inserted updated unchanged } }`;
const CAPS = `mutation M($rows: [MarketCapInput!]!) { upsertMarketCaps(rows: $rows) { inserted updated unchanged } }`;

describe(`upsertPrices / upsertMarketCaps mutations (${ENGINE})`, () => {
  let t: TestApp;
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom("prices")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  beforeAll(async () => (t = await createTestApp({ MAX_BATCH_ROWS: 3 })));
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    await upsertAssets(t.db, [{ symbol: "AAA" }, { symbol: "BBB" }]);
  });

  it("upserts a batch in one set-based statement and is idempotent", async () => {
    const prices = [
      { symbol: "AAA", date: "2024-01-02", close: 1 },
      { symbol: "BBB", date: "2024-01-02", close: 2 },
    ];
    t.statements.length = 0;
    expect((await execute(t.app, PRICES, { prices }, ADMIN)).data).toEqual({
      upsertPrices: { inserted: 2, updated: 0, unchanged: 0 },
    });
    expect(t.statements.filter((s) => /insert into prices/.test(s))).toHaveLength(1);
    expect((await execute(t.app, PRICES, { prices }, ADMIN)).data).toEqual({
      upsertPrices: { inserted: 0, updated: 0, unchanged: 2 },
    });
    prices[0].close = 1.1;
    expect((await execute(t.app, PRICES, { prices }, ADMIN)).data).toEqual({
      upsertPrices: { inserted: 0, updated: 1, unchanged: 1 },
    });
  });

  it("refuses the whole batch naming every bad row (unknown symbol, close ≤ 0, repeated pair)", async () => {
    const prices = [
      { symbol: "ZZZ", date: "2024-01-02", close: 1 },
      { symbol: "AAA", date: "2024-01-02", close: 0 },
      { symbol: "AAA", date: "2024-01-02", close: -1 },
    ];
    const r = await execute(t.app, PRICES, { prices }, ADMIN);
    expect(r.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0].extensions?.problems).toEqual([
      { row: 0, field: "symbol", message: 'unknown symbol "ZZZ"' },
      { row: 1, field: "close", message: "close must be > 0, got 0" },
      { row: 2, field: "close", message: "close must be > 0, got -1" },
      { row: 2, field: "date", message: "(AAA, 2024-01-02) repeats row 1" },
    ]);
    expect(await count()).toBe(0);
  });

  it("refuses a bad date (Date scalar) and an oversized batch", async () => {
    const bad = await execute(t.app, PRICES, { prices: [{ symbol: "AAA", date: "2024-02-30", close: 1 }] }, ADMIN);
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const big = Array.from({ length: 4 }, (_, i) => ({ symbol: "AAA", date: `2024-01-0${i + 1}`, close: 1 }));
    const r = await execute(t.app, PRICES, { prices: big }, ADMIN);
    expect(r.errors?.[0]).toMatchObject({
      message: "a batch holds at most 3 rows, got 4",
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect(await count()).toBe(0);
  });

  it("is for admins only", async () => {
    const prices = [{ symbol: "AAA", date: "2024-01-02", close: 1 }];
    expect((await execute(t.app, PRICES, { prices })).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const user = { userId: 1, role: "user" as const, via: "jwt" as const };
    expect((await execute(t.app, PRICES, { prices }, user)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(await count()).toBe(0);
  });

  it("validates market caps: free_float in (0, 1] or null, values finite and ≥ 0 or null", async () => {
    const ok = await execute(
      t.app,
      CAPS,
      {
        rows: [
          { symbol: "AAA", date: "2024-01-02", marketCap: 1e9, freeFloat: 1 },
          { symbol: "BBB", date: "2024-01-02" },
        ],
      },
      ADMIN,
    );
    expect(ok.data).toEqual({ upsertMarketCaps: { inserted: 2, updated: 0, unchanged: 0 } });
    const rows = [
      { symbol: "AAA", date: "2024-01-03", freeFloat: 0 },
      { symbol: "AAA", date: "2024-01-04", freeFloat: 1.2, marketCap: -5 },
      { symbol: "AAA", date: "2024-01-05", sharesOutstanding: -1, averageVolume: -2 },
    ];
    const r = await execute(t.app, CAPS, { rows }, ADMIN);
    expect(
      (r.errors?.[0].extensions?.problems as { row: number; field: string }[] | undefined)?.map((p) => [
        p.row,
        p.field,
      ]),
    ).toEqual([
      [0, "freeFloat"],
      [1, "marketCap"],
      [1, "freeFloat"],
      [2, "sharesOutstanding"],
      [2, "averageVolume"],
    ]);
    expect(
      Number(
        (
          await t.db
            .selectFrom("market_cap_data")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(2);
  });
});
