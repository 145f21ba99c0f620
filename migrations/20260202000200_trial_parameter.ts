import { sql, type Kysely } from "kysely";

// TRIAL (reverted): a strategy parameter added as a migration plus one registry entry.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("strategy_configs")
    .addColumn("trial_lookback_days", "integer", (c) => c.notNull().defaultTo(10))
    .execute();
  await sql`alter table strategy_configs add constraint strategy_configs_trial_lookback_days
    check (trial_lookback_days between 1 and 500)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("strategy_configs").dropColumn("trial_lookback_days").execute();
}
