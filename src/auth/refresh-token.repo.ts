import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";

export interface RefreshTokenRow {
  id: number;
  userId: number;
  familyId: string;
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

export async function insertRefreshToken(
  db: Kysely<Database>,
  t: { userId: number; familyId: string; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto("refresh_tokens")
    .values({ user_id: t.userId, family_id: t.familyId, token_hash: t.tokenHash, expires_at: t.expiresAt })
    .execute();
}

/** The row of a token hash, locked for the rest of the transaction (concurrent rotations serialise). */
export async function findRefreshTokenForUpdate(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<RefreshTokenRow | null> {
  const r = await db
    .selectFrom("refresh_tokens")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .forUpdate()
    .executeTakeFirst();
  return r
    ? {
        id: Number(r.id),
        userId: r.user_id,
        familyId: r.family_id,
        expiresAt: r.expires_at,
        rotatedAt: r.rotated_at,
        revokedAt: r.revoked_at,
      }
    : null;
}

export async function markRotated(db: Kysely<Database>, id: number): Promise<void> {
  await db.updateTable("refresh_tokens").set({ rotated_at: new Date() }).where("id", "=", id).execute();
}

/** Revokes every live token of a family (one sign-in); returns how many were revoked. */
export async function revokeFamily(db: Kysely<Database>, familyId: string): Promise<number> {
  const r = await db
    .updateTable("refresh_tokens")
    .set({ revoked_at: new Date() })
    .where("family_id", "=", familyId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Deletes the tokens past their expiry (refused as expired either way); returns how many. */
export async function deleteExpiredRefreshTokens(db: Kysely<Database>): Promise<number> {
  const r = await db.deleteFrom("refresh_tokens").where("expires_at", "<", sql<Date>`now()`).executeTakeFirst();
  return Number(r.numDeletedRows);
}
