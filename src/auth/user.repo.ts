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
  const rows = await db.selectFrom("users").select(PUBLIC).where("id", "=", (eb) => eb.fn.any(eb.val([...ids]))).execute();
  return rows.map(toUser);
}

export async function findUserById(db: Kysely<Database>, id: number): Promise<User | null> {
  return (await findUsersByIds(db, [id]))[0] ?? null;
}
