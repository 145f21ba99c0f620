import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";

/**
 * Security headers on every response (JSON, errors, 404s, the raw answers to malformed
 * requests). The API serves JSON and one page: nothing may frame it, sniff it into another
 * type, leak the URL as a referrer, or load it from another origin as a no-cors resource
 * (CORS requests are not affected by Cross-Origin-Resource-Policy).
 */
const BASE_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
} as const;

/** For JSON and everything but the playground page: a document that may load nothing at all. */
export const STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The headers of any response, as name → value (for raw socket answers too). */
export function rawSecurityHeaders(): Record<string, string> {
  return { ...BASE_HEADERS, "content-security-policy": STRICT_CSP };
}

/** Sets the security headers (strict CSP); the playground route replaces the CSP with pageCsp. */
export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(rawSecurityHeaders())) res.setHeader(name, value);
}

/** A fresh nonce for one page response (128 random bits). */
export const newNonce = (): string => randomBytes(16).toString("base64");

/**
 * The playground's CSP: its scripts and styles come from this origin (/playground/*.js, .css)
 * plus the page's one inline script and style, allowed by a per-response nonce (GraphiQL's
 * scroll lock injects a <style> carrying the same nonce through `__webpack_nonce__`); it
 * talks to this origin only; GraphiQL's CSS embeds its fonts and icons as data: URLs.
 */
export function pageCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/**
 * The dashboard's CSP: scripts and styles from this origin only (Vite's build has no inline
 * script or style; the charts set styles through the CSSOM, which the CSP does not govern);
 * it talks to this origin only.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
