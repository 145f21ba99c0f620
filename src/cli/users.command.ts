import { createInterface } from "node:readline";
import { createUser } from "../auth/auth.service.js";
import { AppError } from "../errors.js";
import { parseOptions, UsageError, type Command } from "./usage.js";
import { withDb } from "./with-db.js";

const HELP = `Usage: autoindex users create --email EMAIL [--password-stdin | --password PASSWORD] [--admin]

Creates a user (role user, or admin with --admin), non-interactively. The password is read
from the first line of standard input unless --password is given (which leaves it in the
shell history: prefer --password-stdin). The password policy of register applies.`;

/** The first line of standard input, without its line ending. */
async function readLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of rl) return line.replace(/\r$/, "");
    return "";
  } finally {
    rl.close();
  }
}

export const usersCommand: Command = {
  summary: "manage accounts: users create --email E [--password-stdin|--password P] [--admin]",
  async run(argv) {
    const args = parseOptions(
      argv,
      {
        email: { type: "string" },
        password: { type: "string" },
        "password-stdin": { type: "boolean" },
        admin: { type: "boolean" },
      },
      HELP,
      true,
    );
    if (!args) return 0;
    const [action, ...extra] = args.positionals;
    if (action !== "create" || extra.length) throw new UsageError(`expected "users create"\n\n${HELP}`);
    const { email, password: given, "password-stdin": fromStdin, admin } = args.values;
    if (!email) throw new UsageError(`--email is required\n\n${HELP}`);
    if (given !== undefined && fromStdin) throw new UsageError("give --password or --password-stdin, not both");
    const password = given ?? (await readLine());
    try {
      const user = await withDb((db, config) =>
        createUser(db, config, { email, password, role: admin ? "admin" : "user" }),
      );
      console.log(`created ${user.role} ${user.email} (id ${user.id})`);
      return 0;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const problems = (err.extensions.problems as { field: string; message: string }[] | undefined) ?? [];
      const detail = problems.map((p) => `${p.field} ${p.message}`).join("; ");
      // The operator may know whether the email exists: say it plainly.
      const taken = `a user with email ${email.trim().toLowerCase()} already exists`;
      console.error(`autoindex users: ${err.code === "CONFLICT" ? taken : detail || err.message}`);
      return 1;
    }
  },
};
