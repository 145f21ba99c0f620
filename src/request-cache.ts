import type { Kysely } from "kysely";
import type { Database } from "./db/schema.js";

/**
 * A value a request reads at most once (the strategy in force, the stored index series): its
 * name, for messages, and how to read it. The key object is the identity: define each once, as
 * a module constant.
 */
export class RequestKey<T> {
  constructor(
    readonly name: string,
    readonly read: (db: Kysely<Database>) => Promise<T>,
  ) {}
}

/**
 * Per-request memoisation of keyed reads: the first `get` of a key reads it, later ones (other
 * fields of the same request, aliases) share the same promise. A failed read is not kept, so a
 * later field retries it. One cache per request, never shared between callers. For reads of
 * many keys batched into one statement, use a DataLoader (src/loaders.ts) instead.
 */
export class RequestCache {
  private readonly entries = new Map<RequestKey<unknown>, Promise<unknown>>();

  constructor(private readonly db: Kysely<Database>) {}

  get<T>(key: RequestKey<T>): Promise<T> {
    const cached = this.entries.get(key as RequestKey<unknown>);
    if (cached) return cached as Promise<T>;
    const value = key.read(this.db);
    this.entries.set(key as RequestKey<unknown>, value);
    value.catch(() => this.entries.delete(key as RequestKey<unknown>));
    return value;
  }

  /** Forgets a key (after the request itself changed what it reads). */
  forget(key: RequestKey<unknown>): void {
    this.entries.delete(key);
  }
}
