import { sql, type Kysely } from "kysely";
import type { Database, Row } from "../db/schema.js";
import type { Asset } from "./asset.type.js";

export interface AssetFilter {
  sector?: string | null;
  /** Case-insensitive substring of the symbol or the name. */
  search?: string | null;
  investable?: boolean | null;
  /** Exact symbols (already normalised); an empty list matches nothing. */
  symbols?: readonly string[] | null;
}

export const toAsset = (r: Row<"assets">): Asset => ({
  id: r.id,
  symbol: r.symbol,
  name: r.name,
  sector: r.sector,
  investable: r.investable,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

function filtered(db: Kysely<Database>, f: AssetFilter) {
  let q = db.selectFrom("assets");
  if (f.sector != null) q = q.where("sector", "=", f.sector);
  if (f.investable != null) q = q.where("investable", "=", f.investable);
  if (f.symbols != null) q = q.where("symbol", "=", (eb) => eb.fn.any(eb.val([...f.symbols!])));
  if (f.search) {
    const like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb("symbol", "ilike", like), eb("name", "ilike", like)]));
  }
  return q;
}

/** One page in symbol order, after the given symbol; fetches `limit` rows (callers ask one extra). */
export async function findAssetsPage(
  db: Kysely<Database>,
  f: AssetFilter,
  afterSymbol: string | null,
  limit: number,
): Promise<Asset[]> {
  let q = filtered(db, f).selectAll();
  if (afterSymbol !== null) q = q.where("symbol", ">", afterSymbol);
  const rows = await q.orderBy("symbol").limit(limit).execute();
  return rows.map(toAsset);
}

export async function countAssets(db: Kysely<Database>, f: AssetFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The distinct sectors of the assets, sorted (assets without one are left out). */
export async function findSectors(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom("assets")
    .select("sector")
    .distinct()
    .where("sector", "is not", null)
    .orderBy("sector")
    .execute();
  return rows.map((r) => r.sector!);
}

export async function findAssetsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<Asset[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("assets")
    .selectAll()
    .where("id", "=", (eb) => eb.fn.any(eb.val([...ids])))
    .execute();
  return rows.map(toAsset);
}

export async function findAssetsBySymbols(db: Kysely<Database>, symbols: readonly string[]): Promise<Asset[]> {
  if (symbols.length === 0) return [];
  const rows = await db
    .selectFrom("assets")
    .selectAll()
    .where("symbol", "=", (eb) => eb.fn.any(eb.val([...symbols])))
    .execute();
  return rows.map(toAsset);
}

export interface AssetInput {
  symbol: string;
  name?: string | null;
  sector?: string | null;
  investable?: boolean;
}

/** Inserts or updates assets by symbol in one statement; returns them with their ids. */
export async function upsertAssets(db: Kysely<Database>, assets: readonly AssetInput[]): Promise<Asset[]> {
  if (assets.length === 0) return [];
  const rows = await db
    .insertInto("assets")
    .values(
      assets.map((a) => ({
        symbol: a.symbol,
        name: a.name ?? null,
        sector: a.sector ?? null,
        investable: a.investable ?? true,
      })),
    )
    .onConflict((oc) =>
      oc.column("symbol").doUpdateSet((eb) => ({
        name: eb.ref("excluded.name"),
        sector: eb.ref("excluded.sector"),
        investable: eb.ref("excluded.investable"),
      })),
    )
    .returningAll()
    .execute();
  return rows.map(toAsset);
}

// ---- asset administration (issue 4) ----

export interface AssetChanges {
  symbol?: string;
  name?: string | null;
  sector?: string | null;
  investable?: boolean;
}

/** Inserts one asset; a duplicate symbol raises the driver's 23505. */
export async function insertAsset(db: Kysely<Database>, a: AssetInput): Promise<Asset> {
  const row = await db
    .insertInto("assets")
    .values({ symbol: a.symbol, name: a.name ?? null, sector: a.sector ?? null, investable: a.investable ?? true })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAsset(row);
}

/** Applies the given columns; null when no asset has this id. */
export async function updateAssetById(db: Kysely<Database>, id: number, changes: AssetChanges): Promise<Asset | null> {
  if (Object.keys(changes).length === 0) return (await findAssetsByIds(db, [id]))[0] ?? null;
  const row = await db.updateTable("assets").set(changes).where("id", "=", id).returningAll().executeTakeFirst();
  return row ? toAsset(row) : null;
}

export interface AssetReferences {
  prices: number;
  allocations: number;
  marketCaps: number;
}

export async function countAssetReferences(db: Kysely<Database>, id: number): Promise<AssetReferences> {
  const count = (table: "prices" | "allocations" | "market_cap_data") =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("asset_id", "=", id)
      .executeTakeFirstOrThrow();
  const [p, a, m] = [await count("prices"), await count("allocations"), await count("market_cap_data")];
  return { prices: Number(p.n), allocations: Number(a.n), marketCaps: Number(m.n) };
}

/** Deletes an asset's prices, allocations and market caps, then the asset (run it in a transaction). */
export async function deleteAssetCascade(db: Kysely<Database>, id: number): Promise<boolean> {
  await db.deleteFrom("prices").where("asset_id", "=", id).execute();
  await db.deleteFrom("allocations").where("asset_id", "=", id).execute();
  await db.deleteFrom("market_cap_data").where("asset_id", "=", id).execute();
  const r = await db.deleteFrom("assets").where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export type AssetRow = Pick<Row<"assets">, "symbol" | "name" | "sector" | "investable">;

/** Which optional attributes an import carries; the others keep their stored values. */
export type AssetColumns = { name: boolean; sector: boolean; investable: boolean };

/**
 * Upserts assets by symbol in ONE set-based statement, updating only the attributes present
 * and only where they differ, and counts inserted / updated / unchanged (xmax = 0 on insert).
 * The batch must not repeat a symbol.
 */
export async function upsertAssetRows(
  db: Kysely<Database>,
  rows: readonly AssetRow[],
  present: AssetColumns,
): Promise<{ inserted: number; updated: number; unchanged: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const cols = (["name", "sector", "investable"] as const).filter((c) => present[c]);
  const onConflict =
    cols.length === 0
      ? sql`do nothing`
      : sql`do update set ${sql.join(cols.map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`))}
        where (${sql.join(cols.map((c) => sql.ref(`assets.${c}`)))})
          is distinct from (${sql.join(cols.map((c) => sql.ref(`excluded.${c}`)))})`;
  const { rows: out } = await sql<{ inserted: boolean }>`
    insert into assets (symbol, name, sector, investable)
    select * from unnest(${rows.map((r) => r.symbol)}::text[], ${rows.map((r) => r.name)}::text[],
      ${rows.map((r) => r.sector)}::text[], ${rows.map((r) => r.investable)}::bool[])
    on conflict (symbol) ${onConflict}
    returning (xmax = 0) as inserted`.execute(db);
  const inserted = out.filter((r) => r.inserted).length;
  return { inserted, updated: out.length - inserted, unchanged: rows.length - out.length };
}

/** Every asset's id by symbol (the universe is small: thousands of rows at most), for bulk imports. */
export async function findAssetIdsBySymbol(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db.selectFrom("assets").select(["id", "symbol"]).execute();
  return new Map(rows.map((r) => [r.symbol, r.id]));
}
