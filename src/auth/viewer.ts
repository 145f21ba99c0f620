import { createHash, timingSafeEqual } from "node:crypto";
import type { AppConfig } from "../config.js";
import type { Viewer } from "../context.js";
import { invalidToken } from "./tokens.js";

/** Constant-time comparison of two secrets (hashing first equalises the lengths). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}

/**
 * A machine client presenting the configured ADMIN_TOKEN in the x-admin-token header is an
 * admin; null without the header. A header that is present but wrong (or sent when no
 * ADMIN_TOKEN is configured) is UNAUTHENTICATED (HTTP 401), like a bad bearer token: it never
 * silently becomes an anonymous request.
 */
export function viewerFromAdminToken(header: string | undefined, config: AppConfig): Viewer | null {
  if (header === undefined) return null;
  const expected = config.auth.adminToken;
  if (!expected || !safeEqual(header, expected)) throw invalidToken();
  return { userId: null, role: "admin", via: "admin-token" };
}
