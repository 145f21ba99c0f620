import { sql, type Kysely, type RawBuilder } from "kysely";
import { pinnedSearchPath, statementTrigger } from "./_triggers.js";

// Makes the recompute's bulk writes cheap without giving up any guarantee.
//
// 1. allocations.asset_id → assets.id is checked once per statement instead of once per row.
//    A recompute writes the target weights of every rebalance date in one statement: ~120k
//    rows for 470 assets rebalanced weekly over five years, ~600k when the frequency becomes
//    daily. A declared foreign key checks each row with its own lookup (3.5 µs here: 0.42 s of
//    a 1.5 s first recompute, for 470 distinct assets). These triggers keep the guarantee, the
//    error (SQLSTATE 23503, constraint allocations_asset_id_fkey) and restrict-on-delete, with
//    one set-based check per statement:
//    - a write to allocations locks the assets it newly references FOR KEY SHARE (as the
//      foreign key does, but once per asset), then fails if any of them is missing. A
//      concurrent delete of such an asset waits for the writer and then sees its rows (below);
//      a delete that went first makes the writer's check fail. An update that keeps the
//      references (a strategy change) checks and locks nothing;
//    - a delete, id change or truncate of assets fails while allocations reference the ids.
//      The foreign key re-checks with a fresh snapshot; a trigger sees rows committed
//      meanwhile only at READ COMMITTED (the API's isolation level), so at a higher level
//      such a statement is refused (feature_not_supported) rather than risk an orphan.
//    The functions' search_path is pinned to this schema (the version trigger's too).
//    Unlike a foreign key, `truncate assets cascade` does not empty allocations (it fails
//    while they reference assets), and `disable trigger user` disables the check.
// 2. allocations gets fillfactor 50: a strategy change moves every weight, and with room on
//    each page those updates stay heap-only (no index writes).
// 3. The updated_at triggers of the recomputed tables skip rows whose writer set updated_at
//    itself (the recompute's diff writes only changed rows and stamps them), instead of
//    comparing every column of every updated row in PL/pgSQL.

const RECOMPUTED = [
  "index_values",
  "allocations",
  "index_rebalances",
  "index_holding_periods",
  "data_quality_flags",
  "risk_metrics",
];

const CONSTRAINT = "allocations_asset_id_fkey";

/** The error a foreign key raises: SQLSTATE 23503 naming the constraint; detail = format() arguments. */
const raiseViolation = (message: string, detailFormat: string) =>
  sql.raw(`raise foreign_key_violation using message = '${message}', detail = format(${detailFormat}),
          table = 'allocations', column = 'asset_id', constraint = '${CONSTRAINT}';`);

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table allocations drop constraint ${sql.raw(CONSTRAINT)}`.execute(db);
  // Pages written from now on; existing pages keep their fill until rewritten.
  await sql`alter table allocations set (fillfactor = 50)`.execute(db);

  // The functions name their tables unqualified: search_path pinned to this schema.
  const pinned = await pinnedSearchPath(db);
  await sql`create function allocations_check_asset_ids() returns trigger language plpgsql
    ${pinned} as $$
    declare
      ids integer[];
      missing integer;
    begin
      if tg_op = 'INSERT' then
        ids := array(select asset_id from new_rows group by asset_id);
      else
        -- Only references the statement adds: an update that keeps them (a strategy change
        -- moving weights) checks and locks nothing, as a foreign key does. An asset that old
        -- rows of this statement referenced is safe: a concurrent delete sees that reference.
        ids := array(select asset_id from new_rows except select asset_id from old_rows);
      end if;
      if cardinality(ids) = 0 then
        return null;
      end if;
      perform 1 from assets where id = any (ids) for key share;
      select x into missing from unnest(ids) x where not exists (select 1 from assets a where a.id = x) limit 1;
      if found then
        ${raiseViolation(`insert or update on table "allocations" violates foreign key constraint "${CONSTRAINT}"`, `'Key (asset_id)=(%s) is not present in table "assets".', missing`)}
      end if;
      return null;
    end $$`.execute(db);
  for (const event of ["insert", "update"] as const)
    await statementTrigger(db, "allocations", "allocations_asset_ids", event, "allocations_check_asset_ids");

  await sql`create function assets_restrict_allocations() returns trigger language plpgsql
    ${pinned} as $$
    declare
      removed integer[];
      held integer;
    begin
      if tg_op = 'DELETE' then
        removed := array(select id from old_rows);
      elsif tg_op = 'UPDATE' then
        removed := array(select id from old_rows except select id from new_rows);
      end if;
      if tg_op <> 'TRUNCATE' and cardinality(removed) = 0 then
        return null;
      end if;
      -- Allocations committed after a REPEATABLE READ / SERIALIZABLE snapshot are invisible
      -- here (a foreign key re-checks with a fresh snapshot; a trigger cannot): refuse rather
      -- than risk an orphan.
      if current_setting('transaction_isolation') <> 'read committed' then
        raise feature_not_supported using
          message = 'assets can be deleted, renumbered or truncated only at READ COMMITTED isolation',
          detail = 'allocations_asset_id_fkey is checked by a trigger that must see rows committed by concurrent transactions.',
          table = 'assets';
      end if;
      if tg_op = 'TRUNCATE' then
        select asset_id into held from allocations limit 1;
      else
        select asset_id into held from allocations where asset_id = any (removed) limit 1;
      end if;
      if found then
        ${raiseViolation(`update or delete on table "assets" violates foreign key constraint "${CONSTRAINT}" on table "allocations"`, `'Key (id)=(%s) is still referenced from table "allocations".', held`)}
      end if;
      return null;
    end $$`.execute(db);
  for (const event of ["delete", "update", "truncate"] as const)
    await statementTrigger(db, "assets", "assets_restrict_allocations", event, "assets_restrict_allocations");

  // The market-data version trigger names its table unqualified too.
  await sql`alter function bump_market_data_version() ${pinned}`.execute(db);

  for (const table of RECOMPUTED)
    await updatedAtTrigger(db, table, sql`when (old.updated_at is not distinct from new.updated_at)`);
}

/** (Re)creates `table`'s updated_at trigger with the given WHEN clause (empty: always). */
async function updatedAtTrigger(db: Kysely<any>, table: string, when: RawBuilder<unknown>): Promise<void> {
  const name = sql.raw(`${table}_set_updated_at`);
  await sql`drop trigger ${name} on ${sql.table(table)}`.execute(db);
  await sql`create trigger ${name} before update on ${sql.table(table)} for each row ${when} execute function set_updated_at()`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of RECOMPUTED) await updatedAtTrigger(db, table, sql``);
  await sql`alter function bump_market_data_version() reset search_path`.execute(db);
  for (const t of ["delete", "update", "truncate"])
    await sql`drop trigger ${sql.raw(`assets_restrict_allocations_${t}`)} on assets`.execute(db);
  for (const t of ["insert", "update"])
    await sql`drop trigger ${sql.raw(`allocations_asset_ids_${t}`)} on allocations`.execute(db);
  await sql`drop function assets_restrict_allocations()`.execute(db);
  await sql`drop function allocations_check_asset_ids()`.execute(db);
  await sql`alter table allocations reset (fillfactor)`.execute(db);
  await sql`alter table allocations add constraint ${sql.raw(CONSTRAINT)} foreign key (asset_id) references assets (id) on delete restrict`.execute(
    db,
  );
}
