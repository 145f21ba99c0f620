import { recomputeIndex, type RecomputeSummary } from "../index/recompute.service.js";
import { parseOptions, type Command } from "./usage.js";
import { withDb } from "./with-db.js";

const HELP = `Usage: autoindex recompute [--json]

Recomputes the index from the stored prices, market caps and strategy configuration and
replaces index_values, allocations, risk_metrics (and the reported events, holdings and
data-quality flags) atomically. Concurrent recomputes are serialised.`;

/** The recompute summary as printed by the CLI (also after `import --recompute`). */
export function formatRecomputeSummary(s: RecomputeSummary): string {
  return [
    `index recomputed: ${s.tradingDates} trading dates, inception ${s.inceptionDate ?? "none"}, latest ` +
      `${s.latestDate ?? "none"} = ${s.latestLevel?.toFixed(4) ?? "n/a"}`,
    `  ${s.rebalances} rebalances (last ${s.lastRebalance ?? "none"}), ${s.events} events, ${s.alerts} drop alerts, ` +
      `${s.flaggedPrices} flagged prices`,
    `  read ${s.timings.readMs} ms, engine ${s.timings.engineMs} ms, metrics ${s.timings.metricsMs} ms, write ` +
      `${s.timings.writeMs} ms, total ${s.timings.totalMs} ms`,
  ].join("\n");
}

export const recomputeCommand: Command = {
  summary: "recompute the index from the stored data and strategy",
  async run(argv) {
    const args = parseOptions(argv, { json: { type: "boolean" } }, HELP);
    if (!args) return 0;
    const summary = await withDb((db) => db.transaction().execute(recomputeIndex));
    console.log(args.values.json ? JSON.stringify(summary) : formatRecomputeSummary(summary));
    return 0;
  },
};
