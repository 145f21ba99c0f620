import type { Kysely } from "kysely";
import type { AppConfig } from "../config.js";
import type { Viewer } from "../context.js";
import type { Database } from "../db/schema.js";
import { invalidToken, verifyAccessToken } from "./tokens.js";
import { findUserById } from "./user.repo.js";

/**
 * The viewer of an `Authorization: Bearer <jwt>` header; null without the header. A header
 * that is present but wrong (another scheme, a bad or expired token, a deleted user) is
 * UNAUTHENTICATED: it never silently becomes an anonymous request. The role comes from the
 * database, never from the token.
 */
export async function viewerFromBearer(
  db: Kysely<Database>,
  config: AppConfig,
  header: string | undefined,
): Promise<Viewer | null> {
  if (header === undefined) return null;
  const match = /^Bearer ([A-Za-z0-9_\-.]{1,4096})$/.exec(header.trim());
  if (!match) throw invalidToken();
  const claims = verifyAccessToken(config, match[1]);
  const user = await findUserById(db, claims.userId);
  if (!user) throw invalidToken();
  return { userId: user.id, role: user.role, via: "jwt" };
}
