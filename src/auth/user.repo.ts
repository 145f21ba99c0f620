import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { User } from "./user.type.js";

/** Public columns only: password_hash is read solely by the credential check. */
const PUBLIC = ["id", "email", "role", "created_at"] as const;

const toUser = (r: { id: number; email: string; role: "user" | "admin"; created_at: Date }): User => ({
  id: r.id,
  email: r.email,
  role: r.role,
  createdAt: r.created_at,
});

export async function findUsersByIds(db: Kysely<Database>, ids: readonly number[]): Promise<User[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("users")
    .select(PUBLIC)
    .where("id", "=", (eb) => eb.fn.any(eb.val([...ids])))
    .execute();
  return rows.map(toUser);
}

export async function findUserById(db: Kysely<Database>, id: number): Promise<User | null> {
  return (await findUsersByIds(db, [id]))[0] ?? null;
}

/** True when at least one account has the admin role. */
export async function hasAdmin(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").where("role", "=", "admin").limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Inserts a user (email already normalised). A duplicate email raises the driver's 23505. */
export async function insertUser(
  db: Kysely<Database>,
  u: { email: string; passwordHash: string; role: "user" | "admin" },
): Promise<User> {
  const row = await db
    .insertInto("users")
    .values({ email: u.email, password_hash: u.passwordHash, role: u.role })
    .returning(PUBLIC)
    .executeTakeFirstOrThrow();
  return toUser(row);
}

/**
 * Inserts a user unless the email is taken (no error, no aborted statement: the same one
 * statement either way); the new user, or null when the email was taken.
 */
export async function insertUserIfAbsent(
  db: Kysely<Database>,
  u: { email: string; passwordHash: string; role: "user" | "admin" },
): Promise<User | null> {
  const row = await db
    .insertInto("users")
    .values({ email: u.email, password_hash: u.passwordHash, role: u.role })
    .onConflict((oc) => oc.column("email").doNothing())
    .returning(PUBLIC)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

/** The credential check's view of a user: the only reader of password_hash. */
export async function findCredentialsByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<{ user: User; passwordHash: string } | null> {
  const row = await db
    .selectFrom("users")
    .select([...PUBLIC, "password_hash"])
    .where("email", "=", email)
    .executeTakeFirst();
  return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
}
