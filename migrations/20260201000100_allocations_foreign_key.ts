import { sql, type Kysely } from "kysely";
import { pinnedSearchPath, statementTrigger } from "./_triggers.js";

// allocations.asset_id → assets.id is a declared foreign key again, with the on delete
// behaviour of create_allocations (restrict: an asset held by the index is deleted only
// together with its index rows). 20260105000100_bulk_index_writes had replaced it with
// statement-level triggers to save the per-row check of a first recompute (~0.4 s for 120k
// rows); catalog tools, introspection and `truncate … cascade` need the declared key, and the
// triggers had to rebuild (with differences) what the server guarantees. The rest of that
// migration stays: fillfactor 50, the updated_at triggers, the pinned search_path of the
// market-data version function.

const CONSTRAINT = "allocations_asset_id_fkey";

export async function up(db: Kysely<any>): Promise<void> {
  for (const t of ["delete", "update", "truncate"])
    await sql`drop trigger ${sql.raw(`assets_restrict_allocations_${t}`)} on assets`.execute(db);
  for (const t of ["insert", "update"])
    await sql`drop trigger ${sql.raw(`allocations_asset_ids_${t}`)} on allocations`.execute(db);
  await sql`drop function assets_restrict_allocations()`.execute(db);
  await sql`drop function allocations_check_asset_ids()`.execute(db);
  // The triggers kept every row valid, so validation (one set-based scan) finds nothing.
  await sql`alter table allocations add constraint ${sql.raw(CONSTRAINT)} foreign key (asset_id) references assets (id) on delete restrict`.execute(
    db,
  );
}

// The down restores the triggers exactly as 20260105000100_bulk_index_writes created them (a
// frozen copy: that migration's code must not be shared or changed).
const raiseViolation = (message: string, detailFormat: string) =>
  sql.raw(`raise foreign_key_violation using message = '${message}', detail = format(${detailFormat}),
          table = 'allocations', column = 'asset_id', constraint = '${CONSTRAINT}';`);

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table allocations drop constraint ${sql.raw(CONSTRAINT)}`.execute(db);
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
}
