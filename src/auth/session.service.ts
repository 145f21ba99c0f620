import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { AppConfig } from "../config.js";
import type { Database } from "../db/schema.js";
import { findRefreshTokenForUpdate, insertRefreshToken, markRotated, revokeFamily } from "./refresh-token.repo.js";
import { hashRefreshToken, invalidToken, newRefreshToken, signAccessToken } from "./tokens.js";
import { findUserById } from "./user.repo.js";
import type { User } from "./user.type.js";

export interface Session {
  accessToken: string;
  accessTokenExpiresIn: number;
  refreshToken: string;
  user: User;
}

/** Issues an access token and a refresh token of `familyId` (a new family = a new sign-in). */
export async function issueSession(
  db: Kysely<Database>,
  config: AppConfig,
  user: User,
  familyId: string = randomUUID(),
): Promise<Session> {
  const { token, hash } = newRefreshToken();
  const expiresAt = new Date(Date.now() + config.auth.refreshTokenTtlSeconds * 1000);
  await insertRefreshToken(db, { userId: user.id, familyId, tokenHash: hash, expiresAt });
  return {
    accessToken: signAccessToken(config, user),
    accessTokenExpiresIn: config.auth.accessTokenTtlSeconds,
    refreshToken: token,
    user,
  };
}

export type RefreshOutcome = { ok: true; session: Session } | { ok: false; reused: boolean };

/**
 * Rotates a refresh token. Run it in a transaction and COMMIT whatever the outcome: a reused
 * (already rotated) token revokes its whole family, and that revocation must stick.
 */
export async function rotateRefreshToken(
  trx: Transaction<Database>,
  config: AppConfig,
  token: string,
): Promise<RefreshOutcome> {
  const row = await findRefreshTokenForUpdate(trx, hashRefreshToken(token));
  if (!row || row.revokedAt) return { ok: false, reused: false };
  if (row.rotatedAt) {
    await revokeFamily(trx, row.familyId);
    return { ok: false, reused: true };
  }
  if (row.expiresAt.getTime() <= Date.now()) return { ok: false, reused: false };
  const user = await findUserById(trx, row.userId);
  if (!user) return { ok: false, reused: false };
  await markRotated(trx, row.id);
  return { ok: true, session: await issueSession(trx, config, user, row.familyId) };
}

/** The session of a rotation's outcome; UNAUTHENTICATED (generic) for anything else. Call after the commit. */
export function sessionOf(outcome: RefreshOutcome): Session {
  if (!outcome.ok) throw invalidToken();
  return outcome.session;
}

/** Revokes the sign-in (token family) of a refresh token. Unknown tokens are ignored: the answer is the same. */
export async function endSession(trx: Transaction<Database>, token: string): Promise<void> {
  const row = await findRefreshTokenForUpdate(trx, hashRefreshToken(token));
  if (row) await revokeFamily(trx, row.familyId);
}
