import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

export type ContentCoding = "br" | "gzip" | "identity";

// Async zlib: the work runs on libuv's thread pool, never blocking the event loop. Brotli at
// quality 5 compresses JSON about as well as gzip -9 at a fraction of quality 11's cost.
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The body in `coding` (identity returns it as is). */
export function encode(body: Buffer, coding: ContentCoding): Promise<Buffer> {
  if (coding === "br")
    return brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    });
  if (coding === "gzip") return gzipAsync(body, { level: 6 });
  return Promise.resolve(body);
}

/**
 * The content coding to send, from Accept-Encoding (RFC 9110 §12.5.3): the highest q-value
 * among br, gzip and identity, ties going to br, then gzip. `*` stands for unnamed codings;
 * q=0 refuses one; identity unnamed gets the lowest q named (as the negotiator package does),
 * so it loses ties but stays acceptable. No header: identity.
 */
export function negotiateCoding(header: string | undefined): ContentCoding {
  if (!header) return "identity";
  const q = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name, ...params] = part
      .trim()
      .toLowerCase()
      .split(";")
      .map((s) => s.trim());
    if (!name) continue;
    const qParam = params.find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0);
  }
  const named = [...q.values()];
  const quality = (coding: ContentCoding): number => {
    const alias = coding === "gzip" ? q.get("x-gzip") : undefined;
    const own = q.get(coding) ?? alias ?? q.get("*");
    if (own !== undefined) return own;
    return coding === "identity" ? Math.min(1, ...named) : 0;
  };
  let best: ContentCoding = "identity";
  let bestQ = quality("identity");
  for (const coding of ["gzip", "br"] as const) {
    const v = quality(coding);
    if (v > 0 && v >= bestQ) {
      best = coding;
      bestQ = v;
    }
  }
  return best;
}
