import { GraphQLError } from "graphql";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "../../../src/errors.js";
import { createFormatError } from "../../../src/http/format-error.js";

describe("error masking", () => {
  const logged: unknown[] = [];
  const log = pino({ level: "error" }, { write: (line: string) => void logged.push(JSON.parse(line)) });
  const format = createFormatError(log, false);

  it("passes errors with a public code through", () => {
    const err = new AppError(ErrorCode.CONFLICT, "stale version");
    expect(format({ message: err.message, extensions: err.extensions }, err)).toEqual({
      message: "stale version",
      extensions: { code: "CONFLICT" },
    });
  });

  it("masks anything else with a logged error id and no stack", () => {
    const internal = new GraphQLError("connection terminated: password=secret", { originalError: new Error("boom") });
    const out = format({ message: internal.message, extensions: { code: "SOMETHING_ODD" } }, internal);
    expect(out.message).toMatch(/^Internal server error \(id [0-9a-f-]{36}\)$/);
    expect(out.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(JSON.stringify(out)).not.toMatch(/secret|stack/);
    expect(logged).toHaveLength(1);
    expect((logged[0] as any).errorId).toBe(out.extensions?.errorId);
  });
});
