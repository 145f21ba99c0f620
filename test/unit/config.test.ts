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

  it("bounds slow clients by default, keep-alive outlasting a load balancer's 60 s idle timeout", () => {
    const { http, databaseConnectTimeoutMs } = loadConfig({});
    expect(http).toEqual({
      headersTimeoutMs: 15_000,
      requestTimeoutMs: 30_000,
      bodyIdleTimeoutMs: 10_000,
      keepAliveTimeoutMs: 65_000,
      maxConnections: 512,
      maxBodyBytes: 2 * 1024 * 1024,
    });
    expect(http.keepAliveTimeoutMs).toBeGreaterThan(60_000);
    expect(databaseConnectTimeoutMs).toBe(5_000);
    expect(loadConfig({ HTTP_MAX_CONNECTIONS: "64", HTTP_BODY_IDLE_TIMEOUT_MS: "2000" }).http).toMatchObject({ maxConnections: 64, bodyIdleTimeoutMs: 2000 });
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: "40000", HTTP_REQUEST_TIMEOUT_MS: "30000" })).toThrow(/HTTP_HEADERS_TIMEOUT_MS must not exceed/);
    expect(() => loadConfig({ HTTP_MAX_CONNECTIONS: "0" })).toThrow(/HTTP_MAX_CONNECTIONS/);
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }).port).toBe(4000);
  });
});
