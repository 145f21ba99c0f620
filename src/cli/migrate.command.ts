import { migrateDown, migrateToLatest } from "../db/migrate.js";
import { parseOptions, type Command } from "./usage.js";
import { withDb } from "./with-db.js";

const HELP = `Usage: autoindex migrate [--down]

Brings the database schema up to date (idempotent). --down reverts the latest migration.`;

export const migrateCommand: Command = {
  summary: "apply database migrations (--down reverts the latest)",
  async run(argv) {
    const args = parseOptions(argv, { down: { type: "boolean" } }, HELP);
    if (!args) return 0;
    const applied = await withDb((db) => (args.values.down ? migrateDown(db) : migrateToLatest(db)), {
      migrate: false,
    });
    console.log(applied.length ? applied.join("\n") : "schema is up to date");
    return 0;
  },
};
