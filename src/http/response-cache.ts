import { isNewer, versionStamp, type DataVersions } from "../graphql/data-version.repo.js";
import { ByteLru } from "./byte-lru.js";
import { encode, type ContentCoding } from "./compression.js";

/** A stored public response: its bytes, and the compressed variants made so far. */
export interface CachedResponse {
  readonly key: string;
  readonly stamp: string;
  readonly etag: string;
  readonly contentType: string;
  readonly body: Buffer;
  /** The operation that produced it, for the access log and metrics of the hits it serves. */
  readonly operationName?: string;
  /** Compressed variants: pending, then with their size. */
  readonly encoded: Map<ContentCoding, { body: Promise<Buffer>; bytes?: number }>;
}

const OVERHEAD_BYTES = 256; // the entry object, its key and headers, roughly

/**
 * Public GraphQL responses by request key (src/http/request-key.ts), valid exactly while the
 * data versions they were computed at are current. The caller reads the versions from the
 * database for every request (one statement) BEFORE executing, so a response is never filed
 * under a version newer than the data it saw. Entries of older versions are dropped as soon
 * as a newer version is seen; memory is bounded by bytes (LRU), compressed variants included.
 */
export class ResponseCache {
  readonly #lru: ByteLru<CachedResponse>;
  #current: DataVersions | undefined;

  constructor(maxBytes: number) {
    this.#lru = new ByteLru(maxBytes);
  }

  get bytes(): number {
    return this.#lru.bytes;
  }

  /** Notes the versions a request just read; a later state than any seen empties the cache. */
  #observe(versions: DataVersions): void {
    if (!this.#current || isNewer(versions, this.#current)) {
      if (this.#current) this.#lru.clear();
      this.#current = versions;
    }
  }

  /** The response stored for `key` at exactly these versions, if any. */
  get(key: string, versions: DataVersions): CachedResponse | undefined {
    this.#observe(versions);
    const hit = this.#lru.get(key);
    if (!hit) return undefined;
    // Another stamp: a request that read the versions just before a change (the entry is
    // newer); older entries were dropped when the newer versions were first seen.
    return hit.stamp === versionStamp(versions) ? hit : undefined;
  }

  /** Files a public response computed at `versions` (ignored once those are out of date). */
  set(key: string, versions: DataVersions, entry: Omit<CachedResponse, "key" | "stamp" | "encoded">): CachedResponse {
    this.#observe(versions);
    const stored: CachedResponse = { ...entry, key, stamp: versionStamp(versions), encoded: new Map() };
    if (this.#current && versionStamp(this.#current) === stored.stamp) this.#lru.set(key, stored, this.#size(stored));
    return stored;
  }

  /** The body in `coding`, compressed once per entry and kept with it. */
  encoded(entry: CachedResponse, coding: ContentCoding): Promise<Buffer> {
    const { key } = entry;
    if (coding === "identity") return Promise.resolve(entry.body);
    let variant = entry.encoded.get(coding);
    if (!variant) {
      const v: { body: Promise<Buffer>; bytes?: number } = { body: encode(entry.body, coding) };
      variant = v;
      entry.encoded.set(coding, v);
      v.body.then(
        (b) => {
          v.bytes = b.length;
          if (this.#lru.peek(key) === entry) this.#lru.resize(key, this.#size(entry));
        },
        () => entry.encoded.delete(coding),
      );
    }
    return variant.body;
  }

  #size(entry: CachedResponse): number {
    let bytes = OVERHEAD_BYTES + entry.body.length;
    // A variant still being compressed counts as large as the body it comes from.
    for (const variant of entry.encoded.values()) bytes += variant.bytes ?? entry.body.length;
    return bytes;
  }
}
