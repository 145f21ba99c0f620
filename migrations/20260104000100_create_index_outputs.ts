import { sql, type Kysely } from "kysely";
import { addUpdatedAtTrigger, withTimestamps } from "./_timestamps.js";

// What a recompute writes besides index_values / allocations / risk_metrics: every fallback and
// event of DOMAIN §7, the rebalance records, the holdings behind drifted weights, the
// data-quality flags of §2, and the benchmark's cleaned close beside each index level.
// All of it is derived and replaced atomically by each recompute.

export async function up(db: Kysely<any>): Promise<void> {
  const dbl = sql`double precision`;
  await db.schema.alterTable("index_values").addColumn("benchmark_close", dbl).execute();

  await db.schema
    .createTable("index_rebalances")
    .addColumn("date", "date", (c) => c.primaryKey())
    .addColumn("forced", "boolean", (c) => c.notNull())
    .addColumn("eligible_count", "integer", (c) => c.notNull())
    .addColumn("turnover", dbl, (c) => c.notNull())
    .addColumn("cost", dbl, (c) => c.notNull())
    .addColumn("fallbacks", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .$call(withTimestamps)
    .execute();
  await addUpdatedAtTrigger(db, "index_rebalances");

  await db.schema
    .createTable("index_events")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("date", "date", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("asset_id", "integer", (c) => c.references("assets.id").onDelete("cascade"))
    .addColumn("detail", "text")
    .addColumn("value", dbl)
    .$call(withTimestamps)
    .execute();
  await db.schema.createIndex("idx_index_events_date").on("index_events").columns(["date", "type"]).execute();
  await addUpdatedAtTrigger(db, "index_events");

  // The holdings from each rebalance or forced sale on: units[j] of asset_ids[j], plus cash.
  // Arrays, one row per period: ~100k (period, asset) rows per recompute on a 500-asset
  // universe cost more to write than all the rest. data_quality_flags carries no foreign key
  // for the same reason: both are derived rows rewritten under the recompute lock.
  await db.schema
    .createTable("index_holding_periods")
    .addColumn("date", "date", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("cash", dbl, (c) => c.notNull().defaultTo(0))
    .addColumn("asset_ids", sql`integer[]`, (c) => c.notNull())
    .addColumn("units", sql`double precision[]`, (c) => c.notNull())
    .$call(withTimestamps)
    .addCheckConstraint("index_holding_periods_kind", sql`kind in ('REBALANCE', 'FORCED_SALE')`)
    .addCheckConstraint("index_holding_periods_aligned", sql`cardinality(asset_ids) = cardinality(units)`)
    .execute();
  await addUpdatedAtTrigger(db, "index_holding_periods");

  // Rows only where at least one flag is set; flags is a bit set (1 below_min_price, 2 stale, 4 clipped, 8 outlier).
  await db.schema
    .createTable("data_quality_flags")
    .addColumn("asset_id", "integer", (c) => c.notNull())
    .addColumn("date", "date", (c) => c.notNull())
    .addColumn("flags", "smallint", (c) => c.notNull())
    .addColumn("ret", dbl)
    .$call(withTimestamps)
    .addPrimaryKeyConstraint("data_quality_flags_pk", ["asset_id", "date"])
    .addCheckConstraint("data_quality_flags_bits", sql`flags between 1 and 15`)
    .execute();
  await db.schema.createIndex("idx_data_quality_flags_date").on("data_quality_flags").column("date").execute();
  await addUpdatedAtTrigger(db, "data_quality_flags");
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["data_quality_flags", "index_holding_periods", "index_events", "index_rebalances"]) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable("index_values").dropColumn("benchmark_close").execute();
}
