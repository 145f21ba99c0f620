import { parseArgs, type ParseArgsConfig } from "node:util";

/** A mistake in the command line: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

/** node:util parseArgs, with its errors turned into UsageError and --help handled. */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(
  argv: string[],
  options: T,
  help: string,
  allowPositionals = false,
) {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals,
      strict: true,
    });
    if ((parsed.values as Record<string, unknown>).help) {
      console.log(help);
      return null;
    }
    return parsed;
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${help}`);
  }
}
