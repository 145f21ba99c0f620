import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";

/** A driver error as pg and PGlite raise them: SQLSTATE, detail, and (PGlite) the statement's params. */
function driverError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

describe("log redaction", () => {
  const lines: any[] = [];
  const log = createLogger(
    { logLevel: "info", isDevelopment: false },
    { write: (l: string) => void lines.push(JSON.parse(l)) },
  );
  const last = () => lines[lines.length - 1];

  it("keeps what locates a driver error, replaces what carries data", () => {
    const err = driverError('new row for relation "users" violates check constraint "users_email_normalised"', {
      code: "23514",
      constraint: "users_email_normalised",
      table: "users",
      detail: "Failing row contains (7, Eve@Example.org, $argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA, user).",
      where: "SQL statement \"insert … values ('eve@example.org')\"",
      params: ["Eve@Example.org", "$argon2id$v=19$…"],
      query: 'insert into "users" ("email", "password_hash") values ($1, $2)',
    });
    log.error({ err }, "unexpected error");
    expect(last().err).toMatchObject({
      code: "23514",
      constraint: "users_email_normalised",
      table: "users",
      detail: "[redacted]",
      where: "[redacted]",
      params: "[redacted]",
    });
    expect(last().err.query).toBe('insert into "users" ("email", "password_hash") values ($1, $2)');
    expect(JSON.stringify(last())).not.toMatch(/eve@|argon2id/i);
  });

  it("redacts the quoted value of data exceptions (SQLSTATE class 22) in message and stack", () => {
    log.error(
      { err: driverError('invalid input syntax for type uuid: "tok_secret_value"', { code: "22P02" }) },
      "unexpected error",
    );
    expect(last().err.message).toBe('invalid input syntax for type uuid: "[redacted]"');
    expect(JSON.stringify(last())).not.toContain("tok_secret_value");
  });

  it("redacts nested errors and named secrets anywhere one level down", () => {
    const wrapper = Object.assign(new Error("recompute failed"), {
      inner: driverError("boom", {
        code: "23505",
        detail: "Key (email)=(a@b.c) already exists.",
        parameters: ["a@b.c"],
      }),
    });
    log.error(
      {
        err: wrapper,
        input: { email: "x@y.z", password: "hunter2 hunter2" },
        session: { refreshToken: "rt", accessToken: "at" },
      },
      "failed",
    );
    const text = JSON.stringify(last());
    expect(text).not.toMatch(/a@b\.c|hunter2|"rt"|"at"/);
    expect(last().err.inner).toMatchObject({ code: "23505", detail: "[redacted]", parameters: "[redacted]" });
  });
});
