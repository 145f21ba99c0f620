import type { Context, Viewer } from "../context.js";
import { forbidden, unauthenticated } from "../errors.js";

/** The caller, or UNAUTHENTICATED. */
export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

/** An admin caller (a user with role admin, or the ADMIN_TOKEN), else UNAUTHENTICATED / FORBIDDEN. */
export function requireAdmin(ctx: Context): Viewer {
  const viewer = requireViewer(ctx);
  if (viewer.role !== "admin") throw forbidden("admin role required");
  return viewer;
}
