import { mergeWritten, type WrittenRange } from "../live/topics.js";
import type { Kysely } from "kysely";
import { findAssetIdsBySymbol } from "../assets/asset.repo.js";
import type { Database } from "../db/schema.js";
import type { Columns } from "./columns.js";
import type { CsvRecord } from "./csv-reader.js";
import type { ImportSpec, LineProblem } from "./import-spec.js";
import { MAX_REPORTED, type ImportSummary } from "./import-summary.js";

interface Pending<P> {
  line: number;
  raw: string;
  value: P;
}

/**
 * The state of one streamed import inside its transaction: validates records, resolves
 * symbols, drops identical repeats, refuses conflicting ones, and upserts batch by batch with
 * one statement in flight while the next batch is parsed.
 *
 * Memory: constant in the file size except for `seen`, one Map entry (numeric key → slot) plus
 * two array slots per distinct (asset, date) of the file, ≈ 50 MB for the 592k-row S&P file.
 * That is what lets a repeat be recognised wherever it appears in the file.
 */
export class ImportRun<P extends { symbol: string }, R> {
  private pending: Pending<P>[] = [];
  private ids = new Map<string, number>();
  private readonly seen = new Map<number | string, number>();
  private readonly seenLine: number[] = [];
  private readonly seenSig: (number | string)[] = [];
  private inflight: Promise<void> = Promise.resolve();
  /** Per asset, the dates of the rows written so far (prices: for the pricesUpdated event). */
  readonly written = new Map<number, WrittenRange>();
  private failure: unknown = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly spec: ImportSpec<P, R>,
    private readonly cols: Columns<string>,
    private readonly width: number,
    private readonly summary: ImportSummary,
    private readonly options: {
      skipInvalid: boolean;
      batchSize: number;
      onReject?: (p: LineProblem, raw: string) => void;
    },
  ) {}

  async start(): Promise<void> {
    if (this.spec.resolvesAsset) this.ids = await findAssetIdsBySymbol(this.db);
  }

  /** True once a bad line has been met without --skip-invalid: nothing more is written. */
  get failing(): boolean {
    return !this.options.skipInvalid && this.summary.rejected > 0;
  }

  async add(rec: CsvRecord): Promise<void> {
    this.summary.linesRead++;
    if (rec.error) return this.reject(rec, "malformed line", rec.error);
    if (rec.fields.length !== this.width)
      return this.reject(rec, "wrong field count", `expected ${this.width} fields, got ${rec.fields.length}`);
    const parsed = this.spec.parse(rec.fields, this.cols);
    if (!parsed.ok) return this.reject(rec, parsed.code, parsed.reason);
    this.pending.push({ line: rec.line, raw: rec.raw, value: parsed.value });
    if (this.pending.length >= this.options.batchSize) await this.flush();
  }

  /** Flushes the last batch and waits for every statement. */
  async finish(): Promise<void> {
    await this.flush();
    await this.drain();
  }

  private async flush(): Promise<void> {
    const rows: R[] = [];
    for (const p of this.pending) {
      const assetId = this.spec.resolvesAsset ? this.ids.get(p.value.symbol) : 0;
      if (assetId === undefined) {
        this.reject(
          p,
          "unknown symbol",
          `unknown symbol ${p.value.symbol} (import it with "autoindex import assets" first)`,
        );
        continue;
      }
      const row = this.spec.toRow(p.value, assetId);
      const key = this.spec.key(row);
      const sig = this.spec.signature(row);
      const slot = this.seen.get(key);
      if (slot === undefined) {
        this.seen.set(key, this.seenLine.length);
        this.seenLine.push(p.line);
        this.seenSig.push(sig);
        rows.push(row);
      } else if (this.seenSig[slot] === sig) this.summary.duplicates++;
      else
        this.reject(
          p,
          "conflicting duplicate",
          `conflicts with line ${this.seenLine[slot]}: same ` +
            `${this.spec.kind === "assets" ? "symbol" : "symbol and date"}, different values`,
        );
    }
    this.pending = [];
    if (this.failing || rows.length === 0) return;
    await this.drain();
    // Not awaited: the next batch is read and validated while the database works on this one.
    this.inflight = this.spec.upsert(this.db, rows, this.cols).then(
      (c) => {
        this.summary.inserted += c.inserted;
        this.summary.updated += c.updated;
        this.summary.unchanged += c.unchanged;
        if (c.written) mergeWritten(this.written, c.written);
      },
      (err: unknown) => {
        this.failure = err;
      },
    );
  }

  private async drain(): Promise<void> {
    await this.inflight;
    if (this.failure) throw this.failure;
  }

  private reject(rec: { line: number; raw: string }, code: string, reason: string): void {
    const s = this.summary;
    s.rejected++;
    s.rejectedByReason[code] = (s.rejectedByReason[code] ?? 0) + 1;
    const problem = { line: rec.line, code, reason };
    if (s.problems.length < MAX_REPORTED) s.problems.push(problem);
    this.options.onReject?.(problem, rec.raw);
  }
}
