import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sqlState } from "../../../src/errors.js";
import { createTestDb, DATABASE_URL, ENGINE, type TestDb } from "../../helpers/db.js";

// Integrity the recompute's bulk writes rely on. allocations.asset_id → assets.id is a
// declared foreign key (migration 20260201000100_allocations_foreign_key, which replaced the
// statement-level triggers of 20260105000100_bulk_index_writes); market-data dates are
// constrained by 20260105000200_market_data_date_range.
const RESTRICT = ["23503", "23001"];

describe(`allocations reference assets (${ENGINE})`, () => {
  let t: TestDb;
  let ids: number[];
  const allocationCount = async () =>
    Number(
      (
        await t.db
          .selectFrom("allocations")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  // An insert or update naming a missing asset: foreign_key_violation. A delete or renumbering
  // of a referenced asset (on delete restrict): foreign_key_violation up to PostgreSQL 17,
  // restrict_violation (23001) from 18 on (PGlite runs 18).
  const violation = async (write: Promise<unknown>, states = ["23503"]) => {
    const err = await settle(write);
    expect(states).toContain(sqlState(err));
    expect((err as { constraint?: string }).constraint).toBe("allocations_asset_id_fkey");
    return err as Error;
  };

  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    ids = (
      await t.db
        .insertInto("assets")
        .values([
          { symbol: "AAA", name: "A" },
          { symbol: "BBB", name: "B" },
        ])
        .returning("id")
        .execute()
    ).map((r) => r.id);
  });

  it(
    "is a declared foreign key in the catalog, on delete " + "restrict, and no trigger function stands in for it",
    async () => {
      const { rows } = await sql<{ name: string; type: string; target: string; onDelete: string; columns: string }>`
      select conname as name, contype::text as type, confrelid::regclass::text as target, confdeltype::text as
        "onDelete",
        pg_get_constraintdef(oid) as columns
      from pg_constraint where conrelid = 'allocations'::regclass and contype = 'f'`.execute(t.db);
      // confdeltype 'r' = restrict, as create_allocations declared it.
      expect(rows).toEqual([
        {
          name: "allocations_asset_id_fkey",
          type: "f",
          target: "assets",
          onDelete: "r",
          columns: "FOREIGN KEY (asset_id) REFERENCES assets(id) ON DELETE RESTRICT",
        },
      ]);
      const { rows: functions } = await sql<{ name: string }>`
      select proname as name from pg_proc where pronamespace = current_schema()::regnamespace
        and proname in ('allocations_check_asset_ids', 'assets_restrict_allocations')`.execute(t.db);
      expect(functions).toEqual([]);
      const { rows: triggers } = await sql<{ name: string }>`
      select tgname as name from pg_trigger where tgrelid in ('allocations'::regclass, 'assets'::regclass)
        and not tgisinternal order by 1`.execute(t.db);
      expect(
        triggers
          .map((r) => r.name)
          .filter((n) => n.startsWith("assets_restrict_allocations") || n.startsWith("allocations_asset_ids")),
      ).toEqual([]);
    },
  );

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

  it(
    "restricts deleting or re-numbering an asset that allocations reference; truncate needs cascade, which " +
      "empties them",
    async () => {
      await t.db.insertInto("allocations").values({ date: "2024-01-02", asset_id: ids[0], weight: 1 }).execute();
      await violation(t.db.deleteFrom("assets").execute(), RESTRICT);
      await violation(t.db.updateTable("assets").set({ id: 999_999 }).where("id", "=", ids[0]).execute(), RESTRICT);
      // A plain truncate of a referenced table is refused by the server (0A000) whatever the rows.
      expect(sqlState(await settle(sql`truncate assets`.execute(t.db)))).toBe("0A000");
      expect(await t.db.selectFrom("assets").select("id").orderBy("id").execute()).toEqual(ids.map((id) => ({ id })));
      // Unreferenced assets come and go freely; once its allocations are gone, so can the held one.
      await t.db.updateTable("assets").set({ name: "renamed" }).execute();
      await t.db.deleteFrom("assets").where("id", "=", ids[1]).execute();
      await t.db.deleteFrom("allocations").execute();
      await t.db.deleteFrom("assets").where("id", "=", ids[0]).execute();
      // truncate … cascade follows the declared key (the triggers could only refuse it).
      const [c] = await t.db.insertInto("assets").values({ symbol: "CCC", name: "C" }).returning("id").execute();
      await t.db.insertInto("allocations").values({ date: "2024-01-02", asset_id: c.id, weight: 1 }).execute();
      await sql`truncate assets cascade`.execute(t.db);
      expect(await allocationCount()).toBe(0);
    },
  );

  it.skipIf(!DATABASE_URL)(
    "makes a concurrent delete of a referenced asset wait for the writer, then fail",
    async () => {
      const writer = await t.db.startTransaction().execute();
      await writer.insertInto("allocations").values({ date: "2024-01-02", asset_id: ids[0], weight: 1 }).execute();
      let settled = false;
      const deletion = t.db.deleteFrom("assets").where("id", "=", ids[0]).execute();
      deletion.catch(() => {}).finally(() => (settled = true)); // handled now, checked below
      await new Promise((r) => setTimeout(r, 200));
      expect(settled).toBe(false); // blocked on the writer's FOR KEY SHARE lock
      await writer.commit().execute();
      await violation(deletion, RESTRICT);
      expect(await allocationCount()).toBe(1);
    },
  );

  it.skipIf(!DATABASE_URL)("makes a writer fail when the asset it names was deleted meanwhile", async () => {
    const deleter = await t.db.startTransaction().execute();
    await deleter.deleteFrom("assets").where("id", "=", ids[0]).execute();
    const write = t.db.insertInto("allocations").values({ date: "2024-01-02", asset_id: ids[0], weight: 1 }).execute();
    write.catch(() => {}); // handled now, checked below
    await new Promise((r) => setTimeout(r, 200));
    await deleter.commit().execute();
    await violation(write);
    expect(await allocationCount()).toBe(0);
  });

  it.skipIf(!DATABASE_URL)(
    "does not lock assets for an update that keeps every reference (a strategy change)",
    async () => {
      await t.db.insertInto("allocations").values({ date: "2024-01-02", asset_id: ids[0], weight: 1 }).execute();
      const writer = await t.db.startTransaction().execute();
      try {
        await writer.updateTable("allocations").set({ weight: 0.5 }).execute();
        // A key update of the asset (its unique symbol) would wait for a FOR KEY SHARE lock.
        await t.db.transaction().execute(async (trx) => {
          await sql`set local lock_timeout = '2s'`.execute(trx);
          await trx.updateTable("assets").set({ symbol: "AAB" }).where("id", "=", ids[0]).execute();
        });
      } finally {
        await writer.rollback().execute();
      }
    },
  );

  it("checks deletes at any isolation level (the key re-checks with a fresh snapshot)", async () => {
    await t.db.insertInto("allocations").values({ date: "2024-01-02", asset_id: ids[0], weight: 1 }).execute();
    const atRepeatableRead = (id: number) =>
      t.db
        .transaction()
        .setIsolationLevel("repeatable read")
        .execute((trx) => trx.deleteFrom("assets").where("id", "=", id).execute());
    await violation(atRepeatableRead(ids[0]), RESTRICT);
    await atRepeatableRead(ids[1]); // unreferenced: the triggers refused this above READ COMMITTED
    expect(await t.db.selectFrom("assets").select("id").execute()).toEqual([{ id: ids[0] }]);
  });

  it("checks the assets of its own schema whatever the caller's search_path", async () => {
    const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(t.db);
    const home = rows[0].s;
    // The version functions stay pinned to this schema by name (not "$user", public), temporary tables last.
    const { rows: pinned } = await sql<{ name: string; config: string[] }>`
      select proname as name, proconfig as config from pg_proc
      where pronamespace = current_schema()::regnamespace
        and proname in ('bump_market_data_version', 'bump_market_data_version_if_changed')
      order by proname`.execute(t.db);
    expect(pinned.map((p) => [p.name, p.config])).toEqual(
      ["bump_market_data_version", "bump_market_data_version_if_changed"].map((name) => [
        name,
        [`search_path=${home}, pg_temp`],
      ]),
    );
    const trx = await t.db.startTransaction().execute();
    try {
      await sql`create schema decoy`.execute(trx);
      await sql`create table decoy.assets (id int primary key)`.execute(trx);
      await sql`insert into decoy.assets values (999999)`.execute(trx);
      await sql.raw(`set local search_path = decoy, ${home}`).execute(trx);
      await violation(
        sql`insert into ${sql.table(`${home}.allocations`)} (date, asset_id, weight)
          values ('2024-01-02', 999999, 1)`.execute(trx),
      );
    } finally {
      await trx.rollback().execute(); // the decoy schema goes with it
    }
    expect(await allocationCount()).toBe(0);
  });
});

describe(`updated_at on recomputed tables (${ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    const [a] = await t.db.insertInto("assets").values({ symbol: "AAA", name: "A" }).returning("id").execute();
    await t.db.insertInto("allocations").values({ date: "2024-01-02", asset_id: a.id, weight: 1 }).execute();
  });
  afterAll(() => t?.close());
  const stamp = async () =>
    (await t.db.selectFrom("allocations").select("updated_at").executeTakeFirstOrThrow()).updated_at;

  it("keeps a stamp the writer set, and still stamps a real change the writer did not", async () => {
    await t.db
      .updateTable("allocations")
      .set({ weight: 0.5, updated_at: sql`'2000-01-01T00:00:00Z'::timestamptz` })
      .execute();
    expect(new Date(await stamp()).toISOString()).toBe("2000-01-01T00:00:00.000Z");
    await t.db.updateTable("allocations").set({ weight: 0.25 }).execute();
    expect(new Date(await stamp()).getTime()).toBeGreaterThan(Date.parse("2020-01-01"));
  });
});

describe(`market-data version (${ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t?.close());

  it(
    "moves once per statement that changes assets, prices or market caps, and not for one that changes " + "nothing",
    async () => {
      const version = async () =>
        Number((await t.db.selectFrom("market_data_version").select("version").executeTakeFirstOrThrow()).version);
      const start = await version();
      const [a] = await t.db.insertInto("assets").values({ symbol: "AAA", name: "A" }).returning("id").execute();
      const upsert = (close: number) =>
        sql`insert into prices (asset_id, date, close) values (${a.id}, '2024-01-02', ${close}),
          (${a.id}, '2024-01-03', ${close})
        on conflict (asset_id, date) do update set close = excluded.close
          where prices.close is distinct from excluded.close`.execute(t.db);
      await upsert(10);
      expect(await version()).toBe(start + 2); // the asset, then both prices in one statement
      await upsert(10); // the same values: nothing written
      await t.db.deleteFrom("prices").where("asset_id", "=", -1).execute(); // no row matches
      // none exist
      await t.db.updateTable("market_cap_data").set({ market_cap: 1 }).where("asset_id", "=", a.id).execute();
      expect(await version()).toBe(start + 2);
      await upsert(11);
      await t.db.deleteFrom("prices").where("date", "=", "2024-01-03").execute();
      expect(await version()).toBe(start + 4);
      await sql`truncate market_cap_data`.execute(t.db); // a truncate always counts
      expect(await version()).toBe(start + 5);
    },
  );
});

describe(`market-data dates (${ENGINE})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t?.close());

  it("stay within 0001-01-01..9999-12-31, so every recompute can read them as day numbers", async () => {
    const [a] = await t.db.insertInto("assets").values({ symbol: "AAA", name: "A" }).returning("id").execute();
    for (const date of ["infinity", "-infinity", "10000-01-01"]) {
      const err = await settle(
        sql`insert into prices (asset_id, date, close) values (${a.id}, ${date}::date, 1)`.execute(t.db),
      );
      expect(sqlState(err)).toBe("23514");
      const capErr = await settle(
        sql`insert into market_cap_data (asset_id, date, market_cap) values (${a.id}, ${date}::date, 1)`.execute(t.db),
      );
      expect(sqlState(capErr)).toBe("23514");
    }
    await sql`insert into prices (asset_id, date, close) values (${a.id}, '0001-01-01', 1),
      (${a.id}, '9999-12-31', 2)`.execute(t.db);
  });
});

/** The rejection of a promise as its value (null when it resolves), handled at once. */
function settle(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => null,
    (e: unknown) => e,
  );
}
