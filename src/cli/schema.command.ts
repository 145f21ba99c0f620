import { readFile, writeFile } from "node:fs/promises";
import { printSortedSchema } from "../graphql/schema.js";
import { parseOptions, type Command } from "./usage.js";

export const SCHEMA_FILE = "schema/schema.graphql";
const HELP = `Usage: autoindex schema [--write | --check]

Prints the SDL emitted from the type-graphql classes (sorted). --write updates ${SCHEMA_FILE};
--check exits 1 when ${SCHEMA_FILE} differs from the code (schema drift).`;

export const schemaCommand: Command = {
  summary: `print, write (--write) or check (--check) ${SCHEMA_FILE}`,
  async run(argv) {
    const args = parseOptions(argv, { write: { type: "boolean" }, check: { type: "boolean" } }, HELP);
    if (!args) return 0;
    const sdl = await printSortedSchema();
    if (args.values.write) {
      await writeFile(SCHEMA_FILE, sdl);
      console.log(`wrote ${SCHEMA_FILE}`);
    } else if (args.values.check) {
      const committed = await readFile(SCHEMA_FILE, "utf8").catch(() => "");
      if (committed !== sdl) {
        console.error(`${SCHEMA_FILE} is out of date with the code: run "npm run schema:emit" and commit it`);
        return 1;
      }
      console.log(`${SCHEMA_FILE} is up to date`);
    } else process.stdout.write(sdl);
    return 0;
  },
};
