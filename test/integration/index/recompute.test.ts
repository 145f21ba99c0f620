import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../../../src/db/schema.js";
import { paramsOf } from "../../../src/strategy/parameters.js";
import { getStrategyConfig } from "../../../src/strategy/strategy.repo.js";
import { createTestApp, ENGINE, type TestApp } from "../../helpers/db.js";
import { recomputeIndex, seedDemoData } from "../../helpers/services.js";

describe(`recompute on the demo universe (${ENGINE})`, () => {
  let t: TestApp;
  const count = async (table: "index_values" | "allocations" | "risk_metrics" | "index_rebalances") =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const setFrequency = (f: Row<"strategy_configs">["rebalance_frequency"]) =>
    t.db.updateTable("strategy_configs").set({ rebalance_frequency: f }).execute();

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoData(t.db);
  });
  afterAll(() => t?.close());

  it("writes levels from 100 at inception, one metric row per level, and target weights summing to 1", async () => {
    const s = await recomputeIndex(t.db);
    const levels = await t.db.selectFrom("index_values").select(["date", "value"]).orderBy("date").execute();
    expect(levels[0]).toEqual({ date: s.inceptionDate, value: 100 });
    expect(levels.at(-1)).toEqual({ date: "2025-12-31", value: s.latestLevel });
    expect(await count("risk_metrics")).toBe(levels.length);
    const sums = await t.db
      .selectFrom("allocations")
      .select(["date", (eb) => eb.fn.sum<number>("weight").as("w")])
      .groupBy("date")
      .execute();
    expect(sums).toHaveLength(s.rebalances);
    for (const r of sums) expect(Number(r.w)).toBeCloseTo(1, 12);
    const state = await t.db.selectFrom("index_state").select(["last_rebalance"]).executeTakeFirstOrThrow();
    expect(state.last_rebalance).toBe(
      sums
        .map((r) => r.date)
        .sort()
        .at(-1),
    );
    // The crash day of the demo data is in the index (not smoothed away) and raises an alert.
    const crash = await t.db
      .selectFrom("index_values")
      .select("value")
      .where("date", "in", ["2023-03-10", "2023-03-13"])
      .orderBy("date")
      .execute();
    expect(crash[1].value / crash[0].value - 1).toBeLessThan(-0.08);
    const alert = await t.db
      .selectFrom("index_events")
      .select("value")
      .where("type", "=", "DROP_ALERT")
      .where("date", "=", "2023-03-13")
      .executeTakeFirst();
    expect(alert?.value).toBeCloseTo(crash[1].value / crash[0].value - 1, 12);
  });

  it("leaves no stale rows when the frequency changes, and is idempotent", async () => {
    await setFrequency("weekly");
    await recomputeIndex(t.db);
    const weekly = await count("allocations");
    await setFrequency("monthly");
    await recomputeIndex(t.db);
    const dates = (await t.db.selectFrom("allocations").select("date").distinct().orderBy("date").execute()).map(
      (r) => r.date,
    );
    const rebalanceDates = (await t.db.selectFrom("index_rebalances").select("date").orderBy("date").execute()).map(
      (r) => r.date,
    );
    expect(dates).toEqual(rebalanceDates);
    // After inception, every rebalance is the first trading date of its month.
    const months = dates.slice(1).map((d) => d.slice(0, 7));
    expect(new Set(months).size).toBe(months.length);
    expect(await count("allocations")).toBeLessThan(weekly / 3);
    // Every row's xmin (the transaction that last wrote it) and updated_at, in every recomputed table.
    const snapshot = async () => {
      const tables = [
        "index_values",
        "allocations",
        "index_rebalances",
        "index_holding_periods",
        "data_quality_flags",
        "risk_metrics",
      ];
      const out: Record<string, unknown[]> = {};
      for (const table of tables)
        out[table] = (
          await sql<{
            version: string;
          }>`select xmin::text || ' ' || updated_at::text as version from ${sql.table(table)} order by 1`.execute(t.db)
        ).rows;
      return out;
    };
    const before = await snapshot();
    expect(before.allocations.length).toBeGreaterThan(0);
    expect(before.data_quality_flags.length).toBeGreaterThan(0);
    await recomputeIndex(t.db);
    // Nothing changed, so no row of a recomputed table was rewritten (events are replaced whole).
    expect(await snapshot()).toEqual(before);
    await setFrequency("weekly");
  });

  it("rewrites the weights a strategy change moves in place, stamping updated_at, and leaves the rest", async () => {
    await recomputeIndex(t.db);
    const rows = () =>
      t.db.selectFrom("allocations").select(["id", "date", "asset_id", "weight", "updated_at"]).orderBy("id").execute();
    const flags = () => t.db.selectFrom("data_quality_flags").selectAll().orderBy("asset_id").orderBy("date").execute();
    const [before, flagsBefore] = [await rows(), await flags()];
    await t.db.updateTable("strategy_configs").set({ momentum_weight: 0.6, market_cap_weight: 0.1 }).execute();
    try {
      await recomputeIndex(t.db);
      const after = await rows();
      // Same rows (ids, keys), new weights; every moved weight carries a newer updated_at.
      expect(after.map((r) => [r.id, r.date, r.asset_id])).toEqual(before.map((r) => [r.id, r.date, r.asset_id]));
      const moved = after.filter((r, i) => r.weight !== before[i].weight);
      expect(moved.length).toBeGreaterThan(after.length / 2);
      for (const r of moved)
        expect(new Date(r.updated_at).getTime()).toBeGreaterThan(
          new Date(before[after.indexOf(r)].updated_at).getTime(),
        );
      for (const [i, r] of after.entries())
        if (r.weight === before[i].weight) expect(r.updated_at).toEqual(before[i].updated_at);
      expect(await flags()).toEqual(flagsBefore); // cleaning does not depend on the blend
    } finally {
      await t.db.updateTable("strategy_configs").set({ momentum_weight: 0.4, market_cap_weight: 0.3 }).execute();
    }
  });

  it("leaves the previous index untouched when a recompute fails", async () => {
    await recomputeIndex(t.db);
    const before = await t.db.selectFrom("index_values").select(["date", "value"]).orderBy("date").execute();
    const allocations = await count("allocations");
    // Make the write step fail: a constraint that only new rows are checked against.
    await sql`alter table index_values add constraint test_refuse_new_rows check (value < 0) not valid`.execute(t.db);
    try {
      await setFrequency("daily");
      await expect(recomputeIndex(t.db)).rejects.toThrow(/test_refuse_new_rows/);
    } finally {
      await sql`alter table index_values drop constraint test_refuse_new_rows`.execute(t.db);
      await setFrequency("weekly");
    }
    expect(await t.db.selectFrom("index_values").select(["date", "value"]).orderBy("date").execute()).toEqual(before);
    expect(await count("allocations")).toBe(allocations);
  });

  it("serialises concurrent recomputes, and readers see the old index or the new one", async () => {
    await setFrequency("weekly");
    await recomputeIndex(t.db);
    const weekly = await count("allocations");
    await setFrequency("monthly");
    const seen = new Set<number>();
    let done = false;
    const reader = (async () => {
      while (!done) seen.add(await count("allocations"));
    })();
    const results = await Promise.all([recomputeIndex(t.db), recomputeIndex(t.db), recomputeIndex(t.db)]);
    done = true;
    await reader;
    const monthly = await count("allocations");
    expect(results.map((r) => r.rebalances)).toEqual([
      results[0].rebalances,
      results[0].rebalances,
      results[0].rebalances,
    ]);
    for (const n of seen) expect([weekly, monthly]).toContain(n);
    await setFrequency("weekly");
  });

  it(
    "never writes the audited strategy row: its state " + "goes to index_state, with the configuration it used",
    async () => {
      const strategyRow = () =>
        sql<{
          xmin: string;
          updated_at: Date;
          version: number;
        }>`select xmin::text as xmin, updated_at, version from strategy_configs`
          .execute(t.db)
          .then((r) => r.rows[0]);
      await t.db.updateTable("index_state").set({ force_rebalance: true }).execute();
      const before = await strategyRow();
      const s = await recomputeIndex(t.db);
      // The same tuple: no update at all (the recompute used to set last_rebalance, force_rebalance
      // and forced_rebalance_dates there with neither a version bump nor an audit entry).
      expect(await strategyRow()).toEqual(before);
      const state = await t.db.selectFrom("index_state").selectAll().executeTakeFirstOrThrow();
      expect(state).toMatchObject({
        force_rebalance: false,
        last_rebalance: s.lastRebalance,
        computed_strategy_version: before.version,
      });
      expect(state.computed_params).toEqual(paramsOf(await getStrategyConfig(t.db)));
      await t.db
        .updateTable("index_state")
        .set({ forced_rebalance_dates: JSON.stringify([]) })
        .execute();
    },
  );

  it("adds a forced rebalance on the latest date, clears the flag and reproduces it later", async () => {
    await setFrequency("monthly");
    await t.db.updateTable("index_state").set({ force_rebalance: true }).execute();
    const s = await recomputeIndex(t.db);
    expect(s.lastRebalance).toBe("2025-12-31");
    const state = await t.db
      .selectFrom("index_state")
      .select(["force_rebalance", "forced_rebalance_dates", "last_rebalance"])
      .executeTakeFirstOrThrow();
    expect(state).toEqual({
      force_rebalance: false,
      forced_rebalance_dates: ["2025-12-31"],
      last_rebalance: "2025-12-31",
    });
    const again = await recomputeIndex(t.db);
    expect(again.lastRebalance).toBe("2025-12-31");
    const forced = await t.db
      .selectFrom("index_rebalances")
      .select(["date", "forced"])
      .where("forced", "=", true)
      .execute();
    expect(forced).toEqual([{ date: "2025-12-31", forced: true }]);
    await t.db
      .updateTable("index_state")
      .set({ forced_rebalance_dates: JSON.stringify([]) })
      .execute();
    await t.db.updateTable("strategy_configs").set({ rebalance_frequency: "weekly" }).execute();
  });
});
