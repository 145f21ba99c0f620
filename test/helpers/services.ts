import type { Kysely } from "kysely";
import { seedDemoData as seedIn } from "../../src/demo/demo.service.js";
import { recomputeIndex as recomputeIn } from "../../src/index/recompute.service.js";
import { importFile as importIn } from "../../src/ingest/import.service.js";
import type { Database } from "../../src/db/schema.js";

// The services take the caller's transaction; tests call them as a command would, each in a
// transaction of its own.

type Rest<F> = F extends (trx: never, ...rest: infer R) => unknown ? R : never;

export const recomputeIndex = (db: Kysely<Database>) => db.transaction().execute((trx) => recomputeIn(trx));

export const seedDemoData = (db: Kysely<Database>, ...args: Rest<typeof seedIn>) =>
  db.transaction().execute((trx) => seedIn(trx, ...args));

export const importFile = (db: Kysely<Database>, ...args: Rest<typeof importIn>) =>
  db.transaction().execute((trx) => importIn(trx, ...args));
