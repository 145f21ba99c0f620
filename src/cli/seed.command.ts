import { seedDemoData } from "../demo/demo.service.js";
import { parseOptions, UsageError, type Command } from "./usage.js";
import { withDb } from "./with-db.js";

const HELP = `Usage: autoindex seed --demo [--seed N]

Loads the deterministic demo universe: ~50 assets in 8 sectors plus the benchmark SPY,
five years of daily closes and quarterly market caps. Idempotent.`;

export const seedCommand: Command = {
  summary: "load the demo data set (--demo)",
  async run(argv) {
    const args = parseOptions(argv, { demo: { type: "boolean" }, seed: { type: "string" } }, HELP);
    if (!args) return 0;
    if (!args.values.demo) throw new UsageError(`nothing to seed: pass --demo\n\n${HELP}`);
    const seed = args.values.seed === undefined ? undefined : Number(args.values.seed);
    if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError("--seed takes an integer");
    const started = Date.now();
    const summary = await withDb((db) => db.transaction().execute((trx) => seedDemoData(trx, seed)));
    console.log(
      `seeded ${summary.assets} assets, ${summary.prices} prices, ${summary.marketCaps} market-cap records in ` +
        `${Date.now() - started} ms`,
    );
    return 0;
  },
};
