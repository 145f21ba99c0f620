import { describe, expect, it } from "vitest";
import { prettyTransport } from "../../src/logger.js";

describe("log format", () => {
  it("is pretty only on a terminal in development", () => {
    expect(prettyTransport({ isDevelopment: true }, true)?.target).toBe("pino-pretty");
    expect(prettyTransport({ isDevelopment: true }, false)).toBeUndefined();
    expect(prettyTransport({ isDevelopment: false }, true)).toBeUndefined();
  });
});
