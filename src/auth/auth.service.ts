import type { Kysely } from "kysely";
import type { AppConfig } from "../config.js";
import type { Database } from "../db/schema.js";
import { AppError, badInput, ErrorCode, sqlState } from "../errors.js";
import { argon2Gate, isBusy } from "./argon2-gate.js";
import { emailProblems, normaliseEmail } from "./email.js";
import { dummyHash, hashPassword, passwordProblems, verifyPassword } from "./password.js";
import { issueSession, type Session } from "./session.service.js";
import {
  admitLoginAttempt,
  admitRegistration,
  loginNotAttempted,
  loginSucceeded,
  registrationNotAttempted,
} from "./throttle.service.js";
import { findCredentialsByEmail, insertUser, insertUserIfAbsent } from "./user.repo.js";
import type { Registration } from "./auth.type.js";
import type { User } from "./user.type.js";

/** The same message for an unknown email and a wrong password. */
const badCredentials = () => new AppError(ErrorCode.UNAUTHENTICATED, "invalid email or password");

/** The one answer of `register`, whether the email was free or taken. */
export const REGISTRATION_MESSAGE =
  "If this email was free, its account now exists: sign in with login. If it was taken, nothing changed.";

/** The normalised email of valid credentials; BAD_USER_INPUT naming the field otherwise (pure, no I/O). */
function validCredentials(rawEmail: string, password: string): string {
  const email = normaliseEmail(rawEmail);
  const problems = [...emailProblems(email), ...passwordProblems(password, email)];
  if (problems.length) throw badInput("invalid registration", problems);
  return email;
}

/** argon2id through the process's gate (ARGON2_MAX_CONCURRENT at once). */
const gatedHash = (config: AppConfig, password: string) =>
  argon2Gate(config).run(() => hashPassword(password, config.auth.argon2));

/** `work`, or, when the argon2 gate refused it as busy, `takeBack()` and the same refusal. */
async function onBusy<T>(work: Promise<T>, takeBack: () => Promise<void>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (isBusy(err)) await takeBack();
    throw err;
  }
}

/**
 * Validates, hashes and inserts a user (the CLI's `users create`, where the operator may know
 * the email exists). Throws BAD_USER_INPUT naming the field, or CONFLICT for a taken email.
 */
export async function createUser(
  db: Kysely<Database>,
  config: AppConfig,
  input: { email: string; password: string; role?: "user" | "admin" },
): Promise<User> {
  const email = validCredentials(input.email, input.password);
  const passwordHash = await gatedHash(config, input.password);
  try {
    return await insertUser(db, { email, passwordHash, role: input.role ?? "user" });
  } catch (err) {
    if (sqlState(err) === "23505") throw new AppError(ErrorCode.CONFLICT, "cannot register with this email");
    throw err;
  }
}

/**
 * Self-service sign-up (role user), throttled per client address and in total. A taken email
 * and a free one get the same answer after the same work (validation, two counters, one
 * argon2 hash, one insert … on conflict do nothing), so neither the answer nor its timing
 * says whether an account exists. No session is issued: the client signs in with `login`.
 */
export async function register(
  db: Kysely<Database>,
  config: AppConfig,
  rawEmail: string,
  password: string,
  address: string,
): Promise<Registration> {
  const email = validCredentials(rawEmail, password);
  await admitRegistration(db, config, address);
  const passwordHash = await onBusy(gatedHash(config, password), () => registrationNotAttempted(db, address));
  await insertUserIfAbsent(db, { email, passwordHash, role: "user" });
  return { email, message: REGISTRATION_MESSAGE };
}

/**
 * Throttled credential check. An unknown email still costs one argon2 verify (against a
 * dummy hash) and gets the same message as a wrong password.
 */
export async function login(
  db: Kysely<Database>,
  config: AppConfig,
  rawEmail: string,
  password: string,
  address: string,
): Promise<Session> {
  const email = normaliseEmail(rawEmail);
  await admitLoginAttempt(db, config, email, address);
  const found = await findCredentialsByEmail(db, email);
  const hash = found?.passwordHash ?? (await dummyHash(config.auth.argon2));
  const ok = await onBusy(
    argon2Gate(config).run(() => verifyPassword(hash, password)),
    () => loginNotAttempted(db, email, address),
  );
  if (!found || !ok) throw badCredentials();
  await loginSucceeded(db, email, address);
  return issueSession(db, config, found.user);
}
