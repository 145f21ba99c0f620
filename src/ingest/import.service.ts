import { publishPricesUpdated } from "../live/topics.js";
import { createWriteStream, type WriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { once } from "node:events";
import { basename, resolve } from "node:path";
import type { Transaction } from "kysely";
import type { Database } from "../db/schema.js";
import { assetSpec } from "./asset-rows.js";
import { ImportFileError, resolveColumns } from "./columns.js";
import { csvQuote, readCsvRecords } from "./csv-reader.js";
import type { ImportKind, ImportSpec, LineProblem } from "./import-spec.js";
import { ImportRun } from "./import-run.js";
import { emptySummary, ImportRejectedError, type ImportSummary } from "./import-summary.js";
import { marketCapSpec } from "./market-cap-rows.js";
import { priceSpec } from "./price-rows.js";
import { allowLongStatements } from "../db/statement-timeout.js";
import { recordImport } from "../metrics.js";

export const DEFAULT_IMPORT_BATCH = 10_000;

export interface ImportOptions {
  /** Load the good lines and write the bad ones to `rejectedFile` instead of refusing the file. */
  skipInvalid?: boolean;
  /**
   * Default: `<file's name>.rejected.csv` in the working directory (never beside the input,
   * which may be read-only or shared). Created only when a line is rejected; the summary's
   * rejectedFile says where, as an absolute path.
   */
  rejectedFile?: string;
  /** Rows per upsert statement (default 10,000). */
  batchSize?: number;
  /** Called after each chunk read: bytes of the file read so far (of `totalBytes`), data lines so far. */
  onProgress?: (bytes: number, lines: number) => void;
}

// biome-ignore lint/suspicious/noExplicitAny: each spec has its own row and column types
const SPECS: Record<ImportKind, ImportSpec<any, any>> = {
  prices: priceSpec,
  "market-caps": marketCapSpec,
  assets: assetSpec,
};

/**
 * Streams a CSV (or .csv.gz) file into the database in the caller's transaction (the command
 * opens it: `db.transaction().execute((trx) => importFile(trx, …))`): every line is read and
 * validated; by default one bad line throws ImportRejectedError, which rolls the transaction
 * back, and the error names every bad line; with skipInvalid the good lines are written and
 * the bad ones go to a file with a `line` and `reason` column. Re-importing a file changes
 * nothing. The summary says `committed` when the import was accepted: it is committed with the
 * caller's transaction.
 */
export async function importFile(
  trx: Transaction<Database>,
  kind: ImportKind,
  file: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const spec = SPECS[kind];
  const summary = emptySummary(kind, file);
  const skipInvalid = options.skipInvalid ?? false;
  const rejects = skipInvalid ? new RejectsFile(resolve(options.rejectedFile ?? defaultRejectedFile(file))) : null;
  await stat(file).catch(() => {
    throw new ImportFileError(`cannot read ${file}: no such file`);
  });
  try {
    await allowLongStatements(trx);
    let run: ImportRun<{ symbol: string }, unknown> | null = null;
    for await (const records of readCsvRecords(file, (bytes) => options.onProgress?.(bytes, summary.linesRead))) {
      for (const rec of records) {
        if (run) await run.add(rec);
        else {
          const cols = resolveColumns(rec.fields, spec.required, spec.optional);
          rejects?.setHeader(rec.raw);
          run = new ImportRun(trx, spec, cols, rec.fields.length, summary, {
            skipInvalid,
            batchSize: options.batchSize ?? DEFAULT_IMPORT_BATCH,
            onReject: rejects?.write,
          });
          await run.start();
        }
      }
    }
    if (!run) throw new ImportFileError(`${file} is empty: expected a header line`);
    await run.finish();
    summary.problems.sort((a, b) => a.line - b.line);
    if (run.failing) {
      // Rolled back by the throw: nothing was written, whatever the batches before the first bad line did.
      Object.assign(summary, { inserted: 0, updated: 0, unchanged: 0 });
      throw new ImportRejectedError(summary);
    }
    if (kind === "prices") await publishPricesUpdated(trx, "import", run.written.values());
    summary.committed = true;
  } finally {
    summary.seconds = (performance.now() - started) / 1000;
    summary.rowsPerSecond = summary.seconds > 0 ? summary.linesRead / summary.seconds : 0;
    summary.rejectedFile = (await rejects?.close()) ?? null;
    recordImport(kind, summary.seconds, summary);
  }
  return summary;
}

/** `<name of file>.rejected.csv` in the working directory. Example: /data/p.csv.gz → ./p.csv.gz.rejected.csv. */
export function defaultRejectedFile(file: string): string {
  return resolve(`${basename(file)}.rejected.csv`);
}

/** The --skip-invalid output: the original header plus `line,reason`, then each rejected line. */
class RejectsFile {
  private out: WriteStream | null = null;
  private header = "";
  constructor(private readonly path: string) {}

  setHeader(raw: string): void {
    this.header = raw;
  }

  readonly write = (p: LineProblem, raw: string): void => {
    if (!this.out) {
      this.out = createWriteStream(this.path);
      this.out.write(`${this.header},line,reason\n`);
    }
    this.out.write(`${raw},${p.line},${csvQuote(p.reason)}\n`);
  };

  /** Returns the path when something was written. */
  async close(): Promise<string | null> {
    if (!this.out) return null;
    this.out.end();
    await once(this.out, "finish");
    return this.path;
  }
}
