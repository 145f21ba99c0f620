import { importCommand } from "./import.command.js";
import { migrateCommand } from "./migrate.command.js";
import { recomputeCommand } from "./recompute.command.js";
import { schemaCommand } from "./schema.command.js";
import { seedCommand } from "./seed.command.js";
import { serveCommand } from "./serve.command.js";
import type { Command } from "./usage.js";
import { usersCommand } from "./users.command.js";

/** Every subcommand of the `autoindex` bin. Add new ones here. */
export const commands: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  seed: seedCommand,
  recompute: recomputeCommand,
  schema: schemaCommand,
  users: usersCommand,
  import: importCommand,
};
