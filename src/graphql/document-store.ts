import type { DocumentNode } from "graphql";

/**
 * Apollo's cache of parsed and validated documents, bounded by the total length of their source
 * text. Each cached document also holds its graphql-jit compilation (executor.ts keys it by the
 * DocumentNode in a WeakMap), so this bound is the bound on both: a client sending endless
 * distinct documents evicts the oldest instead of growing the heap. Apollo's default store
 * allows 30 MB of the AST as JSON, which with the compiled queries grew a fuzzed server past
 * 1 GB; a real client set (the dashboard, a few tools) uses some dozens of documents. A cached
 * document costs about 300 bytes of heap per character of its source, AST and compilation
 * together (bench/document-memory.ts): the default 250,000 characters hold ~250 documents of
 * 1,000 characters in ~75 MiB.
 *
 * Least recently used first out; implements the KeyValueCache interface Apollo asks for.
 */
export class DocumentStore {
  private readonly entries = new Map<string, { document: DocumentNode; chars: number }>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  /** Documents cached, and the characters of source text they came from. */
  get size(): { documents: number; chars: number } {
    return { documents: this.entries.size, chars: this.chars };
  }

  async get(key: string): Promise<DocumentNode | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key); // re-inserted: the most recently used is last
    this.entries.set(key, entry);
    return entry.document;
  }

  async set(key: string, document: DocumentNode): Promise<void> {
    const chars = document.loc?.end ?? this.maxChars; // no source location: assume the worst
    await this.delete(key);
    if (chars > this.maxChars) return; // larger than the whole store: parse it each time
    this.entries.set(key, { document, chars });
    this.chars += chars;
    for (const [oldest, entry] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= entry.chars;
    }
  }

  async delete(key: string): Promise<boolean> {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.chars -= entry.chars;
    return true;
  }
}
