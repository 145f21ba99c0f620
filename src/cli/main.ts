import "reflect-metadata";
import { ConfigError } from "../config.js";
import { DataDirLockedError } from "../db/data-dir-lock.js";
import { commands } from "./commands.js";
import { UsageError } from "./usage.js";

const USAGE = `Usage: autoindex <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`)
  .join("\n")}

Run "autoindex <command> --help" for a command's options.
Configuration comes from the environment (see README: PORT, DATABASE_URL, AUTOINDEX_DATA_DIR, ...).`;

/** Entry point of the `autoindex` bin; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`autoindex: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof UsageError) {
      console.error(`autoindex ${name}: ${err.message}`);
      return 2;
    }
    if (err instanceof DataDirLockedError) {
      console.error(`autoindex ${name}: ${err.message}`);
      return 1;
    }
    console.error(`autoindex ${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}
