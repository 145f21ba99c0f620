import { createHash, timingSafeEqual } from "node:crypto";
import type { AppConfig } from "../config.js";
import type { Viewer } from "../context.js";

/** Constant-time comparison of two secrets (hashing first equalises the lengths). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** A machine client presenting the configured ADMIN_TOKEN in the x-admin-token header is an admin. */
export function viewerFromAdminToken(header: string | undefined, config: AppConfig): Viewer | null {
  const expected = config.auth.adminToken;
  if (!expected || !header) return null;
  return safeEqual(header, expected) ? { userId: null, role: "admin", via: "admin-token" } : null;
}
