import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import { byKey } from "../assets/asset.loaders.js";
import type { Database } from "../db/schema.js";
import { findUsersByIds } from "./user.repo.js";
import type { User } from "./user.type.js";

/** Users by id, batched and cached per request: `me` aliased 3,000 times is one statement, not 3,000. */
export function createUserLoaders(db: Kysely<Database>) {
  const userById = new DataLoader<number, User | null>(async (ids) =>
    byKey(ids, await findUsersByIds(db, ids), (u) => u.id),
  );
  return { userById };
}
