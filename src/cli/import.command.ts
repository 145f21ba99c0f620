import { stat } from "node:fs/promises";
import { recomputeIndex } from "../index/recompute.service.js";
import { ImportFileError } from "../ingest/columns.js";
import type { ImportKind } from "../ingest/import-spec.js";
import { formatProblems, formatSummary, ImportRejectedError } from "../ingest/import-summary.js";
import { DEFAULT_IMPORT_BATCH, importFile } from "../ingest/import.service.js";
import { createProgress } from "../ingest/progress.js";
import { formatRecomputeSummary } from "./recompute.command.js";
import { parseOptions, UsageError, type Command } from "./usage.js";
import { withDb } from "./with-db.js";

const KINDS: readonly ImportKind[] = ["prices", "assets", "market-caps"];
const HELP = `Usage: autoindex import <prices|assets|market-caps> FILE
         [--skip-invalid[=OUT]] [--batch-size N] [--recompute] [--quiet]

Streams a CSV file (or gzip'd CSV, detected by its magic bytes or a .gz name) into the database.
Columns are found by header name, in any order:
  prices       symbol,date,close
  assets       symbol [,name] [,sector] [,investable]   (absent columns keep stored values)
  market-caps  symbol,date [,market_cap] [,shares_outstanding] [,free_float] [,average_volume]
Prices and market caps need their assets to exist: import assets first.

All or nothing by default: one bad line and nothing is written; every bad line is reported
(line number and reason). An identical repeat of a line is a harmless duplicate (skipped and
counted); a repeated (symbol, date) with other values is a bad line.
  --skip-invalid[=OUT]  load the good lines; write the bad ones with a line and reason column
                        to OUT (default: <FILE's name>.rejected.csv in the working directory,
                        never beside FILE); the summary says where
  --batch-size N        rows per upsert statement (default ${DEFAULT_IMPORT_BATCH})
  --recompute           recompute the index after the import
  --quiet               no progress output`;

export const importCommand: Command = {
  summary: "import prices, assets or market caps from a CSV file",
  async run(argv) {
    // parseArgs has no optional values: a bare --skip-invalid means "the default file".
    const args = parseOptions(
      argv.map((a) => (a === "--skip-invalid" ? "--skip-invalid=" : a)),
      {
        "skip-invalid": { type: "string" },
        "batch-size": { type: "string" },
        recompute: { type: "boolean" },
        quiet: { type: "boolean" },
      },
      HELP,
      true,
    );
    if (!args) return 0;
    const [kind, file, ...extra] = args.positionals;
    if (!KINDS.includes(kind as ImportKind) || !file || extra.length) throw new UsageError(HELP);
    const batchSize =
      args.values["batch-size"] === undefined ? DEFAULT_IMPORT_BATCH : Number(args.values["batch-size"]);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000)
      throw new UsageError("--batch-size takes an integer in 1..100000");
    const skip = args.values["skip-invalid"];
    const size = (await stat(file).catch(() => null))?.size;
    if (size === undefined) throw new UsageError(`cannot read ${file}`);
    const progress = args.values.quiet ? null : createProgress(`import ${kind}`, size);
    return withDb(async (db) => {
      try {
        const summary = await db.transaction().execute((trx) =>
          importFile(trx, kind as ImportKind, file, {
            skipInvalid: skip !== undefined,
            rejectedFile: skip || undefined,
            batchSize,
            onProgress: progress ? (b, l) => progress.update(b, l) : undefined,
          }),
        );
        progress?.stop();
        console.log(formatSummary(summary, { recompute: args.values.recompute }));
        if (summary.rejected) console.log(`skipped bad lines:\n${formatProblems(summary)}`);
      } catch (err) {
        progress?.stop();
        if (err instanceof ImportRejectedError) {
          console.error(`${err.message}\n${formatProblems(err.summary)}\n${formatSummary(err.summary)}`);
          return 1;
        }
        if (err instanceof ImportFileError) {
          console.error(`import ${kind}: ${err.message}`);
          return 1;
        }
        throw err;
      }
      if (args.values.recompute) console.log(formatRecomputeSummary(await db.transaction().execute(recomputeIndex)));
      return 0;
    });
  },
};
