import { sql, type Kysely } from "kysely";

// transaction_cost_bps in [0, 1000] (DOMAIN §1): at 10,000 bps a rebalance's costs took the
// whole value (levels 0, then NaN). The API refuses more than 1000; this is the database's
// second line of defence, beside strategy_configs_ranges.

export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{
    bps: number;
  }>`select transaction_cost_bps as bps from strategy_configs where transaction_cost_bps > 1000`.execute(db);
  if (rows.length)
    throw new Error(
      `strategy_configs.transaction_cost_bps is ${rows[0].bps}, above the 1000 bps maximum; lower it (updateStrategyConfig) before migrating`,
    );
  await sql`alter table strategy_configs add constraint strategy_configs_transaction_cost_bps check (transaction_cost_bps <= 1000)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table strategy_configs drop constraint strategy_configs_transaction_cost_bps`.execute(db);
}
