import type { ImportKind, LineProblem } from "./import-spec.js";

/** Bad lines kept in a summary (and printed); the counts cover all of them. */
export const MAX_REPORTED = 100;

export interface ImportSummary {
  kind: ImportKind;
  file: string;
  /** Data lines read (records after the header). */
  linesRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Identical repeats of an earlier line of the same file: skipped, harmless. */
  duplicates: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  /** The first MAX_REPORTED bad lines, in file order. */
  problems: LineProblem[];
  /** True when the import was committed (false: rolled back, the database is as it was). */
  committed: boolean;
  /** Where the rejected lines were written (--skip-invalid), or null when none were. */
  rejectedFile: string | null;
  seconds: number;
  rowsPerSecond: number;
}

/** The default (all-or-nothing) import met bad lines: nothing was written. */
export class ImportRejectedError extends Error {
  constructor(readonly summary: ImportSummary) {
    super(
      `${summary.kind} import refused: ${summary.rejected} bad line${summary.rejected === 1 ? "" : "s"} in ` +
        `${summary.file}; nothing was imported (fix them, or pass --skip-invalid)`,
    );
    this.name = "ImportRejectedError";
  }
}

export function emptySummary(kind: ImportKind, file: string): ImportSummary {
  return {
    kind,
    file,
    linesRead: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    duplicates: 0,
    rejected: 0,
    rejectedByReason: {},
    problems: [],
    committed: false,
    rejectedFile: null,
    seconds: 0,
    rowsPerSecond: 0,
  };
}

export const STALE_NOTE =
  "  not yet in the index or dataQuality: both are derived by a recompute " +
  "(run `autoindex recompute`, or import with --recompute)";

const n = (v: number) => v.toLocaleString("en-US");

/**
 * The summary a user reads. Unless a recompute follows (`recompute`), a committed import that
 * changed rows says that the index and dataQuality do not show them yet: both are derived by
 * the recompute.
 */
export function formatSummary(s: ImportSummary, opts: { recompute?: boolean } = {}): string {
  const reasons = Object.entries(s.rejectedByReason)
    .map(([r, c]) => `${r} ${n(c)}`)
    .join(", ");
  const stale = s.committed && s.inserted + s.updated > 0 && !opts.recompute;
  return [
    `${s.kind}: ${s.committed ? "imported" : "NOT imported (rolled back)"} ${s.file}`,
    `  lines read  ${n(s.linesRead)} in ${s.seconds.toFixed(2)} s (${n(Math.round(s.rowsPerSecond))} rows/s)`,
    `  inserted    ${n(s.inserted)}`,
    `  updated     ${n(s.updated)}`,
    `  unchanged   ${n(s.unchanged)}`,
    `  duplicates  ${n(s.duplicates)} (identical repeats, skipped)`,
    `  rejected    ${n(s.rejected)}${reasons ? ` (${reasons})` : ""}`,
    ...(s.rejectedFile ? [`  rejected lines written to ${s.rejectedFile}`] : []),
    ...(stale ? [STALE_NOTE] : []),
  ].join("\n");
}

export function formatProblems(s: ImportSummary): string {
  const lines = s.problems.map((p) => `  line ${p.line}: ${p.reason}`);
  if (s.rejected > s.problems.length) lines.push(`  ... and ${n(s.rejected - s.problems.length)} more`);
  return lines.join("\n");
}
