import type { FieldProblem } from "../errors.js";

export const EMAIL_MAX_LENGTH = 254;

/** Emails are stored trimmed and lower-cased: the unique key is then case-insensitive. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/**
 * A deliberately loose shape check (one @, a dot in the domain, no spaces); the length bounds match the users check
 * constraint.
 */
export function emailProblems(normalised: string): FieldProblem[] {
  if (normalised.length < 3 || normalised.length > EMAIL_MAX_LENGTH)
    return [{ field: "email", message: `must be 3 to ${EMAIL_MAX_LENGTH} characters` }];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalised)) return [{ field: "email", message: "is not an email address" }];
  return [];
}
