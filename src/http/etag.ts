import { createHash } from "node:crypto";

/**
 * A weak validator for a public GraphQL response: the schema, the request key and the data
 * versions it was computed at. Weak because gzip, brotli and identity bodies share it (the
 * same data in another encoding). Any process sharing the database computes the same one.
 */
export function etagOf(schemaId: string, key: string, stamp: string): string {
  return `W/"${createHash("sha256").update(`${schemaId}\n${key}\n${stamp}`).digest("base64url").slice(0, 32)}"`;
}

/** If-None-Match against an ETag, by weak comparison (RFC 9110 §13.1.2): a list, or "*". */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  const own = opaque(etag);
  return header.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === own);
}
