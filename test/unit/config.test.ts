import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

describe("config", () => {
  it("has documented defaults and is frozen", () => {
    const c = loadConfig({});
    expect(c.port).toBe(4000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toBe("./data");
    expect(c.auth.jwtSecretGenerated).toBe(true);
    expect(Object.isFrozen(c) && Object.isFrozen(c.limits)).toBe(true);
  });

  it("names the invalid variables", () => {
    expect(() => loadConfig({ PORT: "http" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "70000", LOG_LEVEL: "loud" })).toThrow(/PORT.*LOG_LEVEL/);
    expect(() => loadConfig({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
  });

  it("refuses to start in production without a 32-byte JWT secret", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/JWT_SECRET is required/);
    expect(() => loadConfig({ NODE_ENV: "production", JWT_SECRET: "short" })).toThrow(/at least 32 bytes/);
    const c = loadConfig({ NODE_ENV: "production", JWT_SECRET: "x".repeat(32) });
    expect(c.auth.jwtSecretGenerated).toBe(false);
    expect(c.isDevelopment).toBe(false);
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }).port).toBe(4000);
  });
});
