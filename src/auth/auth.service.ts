import type { Kysely } from "kysely";
import type { AppConfig } from "../config.js";
import type { Database } from "../db/schema.js";
import { AppError, badInput, ErrorCode, sqlState } from "../errors.js";
import { emailProblems, normaliseEmail } from "./email.js";
import { dummyHash, hashPassword, passwordProblems, verifyPassword } from "./password.js";
import { issueSession, type Session } from "./session.service.js";
import { admitLoginAttempt, loginSucceeded } from "./throttle.service.js";
import { findCredentialsByEmail, insertUser } from "./user.repo.js";
import type { User } from "./user.type.js";

/** The same message for an unknown email and a wrong password. */
const badCredentials = () => new AppError(ErrorCode.UNAUTHENTICATED, "invalid email or password");

/** Validates, hashes (argon2id) and inserts a user. Throws BAD_USER_INPUT naming the field, or CONFLICT. */
export async function createUser(db: Kysely<Database>, config: AppConfig, input: { email: string; password: string; role?: "user" | "admin" }): Promise<User> {
  const email = normaliseEmail(input.email);
  const problems = [...emailProblems(email), ...passwordProblems(input.password, email)];
  if (problems.length) throw badInput("invalid registration", problems);
  const passwordHash = await hashPassword(input.password, config.auth.argon2);
  try {
    return await insertUser(db, { email, passwordHash, role: input.role ?? "user" });
  } catch (err) {
    // Registration without an out-of-band channel (email verification) cannot hide that an
    // address is taken; the message stays generic and the hash above equalises the timing.
    if (sqlState(err) === "23505") throw new AppError(ErrorCode.CONFLICT, "cannot register with this email");
    throw err;
  }
}

/** Self-service sign-up: always role user; signs the new user in. */
export async function register(db: Kysely<Database>, config: AppConfig, email: string, password: string): Promise<Session> {
  const user = await createUser(db, config, { email, password, role: "user" });
  return issueSession(db, config, user);
}

/**
 * Throttled credential check. An unknown email still costs one argon2 verify (against a
 * dummy hash) and gets the same message as a wrong password.
 */
export async function login(db: Kysely<Database>, config: AppConfig, rawEmail: string, password: string, address: string): Promise<Session> {
  const email = normaliseEmail(rawEmail);
  await admitLoginAttempt(db, config, email, address);
  const found = await findCredentialsByEmail(db, email);
  const ok = await verifyPassword(found?.passwordHash ?? (await dummyHash(config.auth.argon2)), password);
  if (!found || !ok) throw badCredentials();
  await loginSucceeded(db, email, address);
  return issueSession(db, config, found.user);
}
