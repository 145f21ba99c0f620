import cliProgress from "cli-progress";

export interface Progress {
  update(bytes: number, lines: number): void;
  stop(): void;
}

const PLAIN_EVERY_MS = 5000;

/**
 * Import progress on stderr, measured in bytes of the input file (compressed bytes for .gz):
 * a cli-progress bar on a terminal, otherwise a plain line every 5 s (logs and CI stay readable).
 */
export function createProgress(
  label: string,
  totalBytes: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: `${label} [{bar}] {percentage}% | {lines} lines | ETA {eta_formatted}`,
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(totalBytes, 1), 0, { lines: "0" });
    return {
      update: (bytes, lines) => bar.update(bytes, { lines: lines.toLocaleString("en-US") }),
      stop: () => bar.stop(),
    };
  }
  const started = Date.now();
  let last = started;
  return {
    update(bytes, lines) {
      const now = Date.now();
      if (now - last < PLAIN_EVERY_MS) return;
      last = now;
      const pct = totalBytes > 0 ? Math.min(100, (100 * bytes) / totalBytes).toFixed(0) : "?";
      stream.write(
        `${label}: ${pct}% of the file, ${lines.toLocaleString("en-US")} lines, ` +
          `${((now - started) / 1000).toFixed(0)} s\n`,
      );
    },
    stop() {},
  };
}
