import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { assertReadyToServe, ConfigError, loadConfig } from "../../src/config.js";

const STRONG = "X/HkWG2MppE3HuShBrGJFh4KNAXreQZr6jPouPBqawKoEsbgUTJb1+f24kFz1+AS"; // openssl rand -base64 48

describe("config", () => {
  it("has documented defaults and is frozen", () => {
    const c = loadConfig({});
    expect(c.port).toBe(4000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toBe("./data");
    expect(c.auth.jwtSecretGenerated).toBe(true);
    expect(Object.isFrozen(c) && Object.isFrozen(c.limits)).toBe(true);
  });

  it("listens on DATABASE_DIRECT_URL when set, else DATABASE_URL; live limits have defaults", () => {
    const url = "postgres://u@pgbouncer:6432/db";
    expect(loadConfig({ DATABASE_URL: url }).databaseDirectUrl).toBe(url);
    expect(
      loadConfig({ DATABASE_URL: url, DATABASE_DIRECT_URL: "postgres://u@primary:5432/db" }).databaseDirectUrl,
    ).toBe("postgres://u@primary:5432/db");
    expect(loadConfig({}).live).toMatchObject({
      enabled: true,
      maxSubscriptions: 10_000,
      maxSubscriptionsPerConnection: 20,
    });
    expect(() => loadConfig({ LIVE_MAX_SUBSCRIPTIONS: "0" })).toThrow(/LIVE_MAX_SUBSCRIPTIONS/);
  });

  it("names the invalid variables", () => {
    expect(() => loadConfig({ PORT: "http" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "70000", LOG_LEVEL: "loud" })).toThrow(/PORT.*LOG_LEVEL/);
    expect(() => loadConfig({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
  });

  it(
    "without NODE_ENV behaves as production: no development extras, introspection off, no serving without " +
      "JWT_SECRET",
    () => {
      const c = loadConfig({});
      expect(c.env).toBe("production");
      expect(c.isDevelopment).toBe(false);
      expect(c.introspection).toBe(false);
      expect(() => assertReadyToServe(c)).toThrow(/JWT_SECRET is required in production.*openssl rand -base64 48/);
      expect(() => assertReadyToServe(loadConfig({ JWT_SECRET: STRONG }))).not.toThrow();
      // Development (npm start) and tests may run on a generated secret.
      expect(() => assertReadyToServe(loadConfig({ NODE_ENV: "development" }))).not.toThrow();
      expect(loadConfig({ NODE_ENV: "development" }).isDevelopment).toBe(true);
    },
  );

  it("the API refuses to start without NODE_ENV and JWT_SECRET, before opening any database", async () => {
    await expect(createApp(loadConfig({ AUTOINDEX_DATA_DIR: "/nonexistent/never-created" }))).rejects.toThrow(
      ConfigError,
    );
  });

  it("introspection is a setting: GRAPHQL_INTROSPECTION=on|off, default on outside production", () => {
    expect(loadConfig({ GRAPHQL_INTROSPECTION: "on" }).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: "test" }).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: "development", GRAPHQL_INTROSPECTION: "off" }).introspection).toBe(false);
    expect(() => loadConfig({ GRAPHQL_INTROSPECTION: "yes" })).toThrow(/GRAPHQL_INTROSPECTION/);
  });

  it("checks JWT_SECRET and ADMIN_TOKEN for strength, not length, and says how to generate one", () => {
    for (const name of ["JWT_SECRET", "ADMIN_TOKEN"]) {
      const weak: [string, RegExp][] = [
        ["short", /at least 32 characters/],
        ["x".repeat(40), /repeats a pattern of 1 character/],
        ["Password123!".repeat(3), /repeats a pattern of 12 characters/],
        ["abcdefghijklmnopqrstuvwxyz0123456789", /too predictable/],
        ["test-secret-0123456789-0123456789-abcdef", /too predictable/],
      ];
      for (const [value, reason] of weak) {
        expect(() => loadConfig({ NODE_ENV: "test", [name]: value }), `${name}=${value}`).toThrow(reason);
        expect(() => loadConfig({ NODE_ENV: "test", [name]: value })).toThrow(
          new RegExp(`${name}.*openssl rand -base64 48`),
        );
      }
      expect(() => loadConfig({ NODE_ENV: "production", [name]: STRONG })).not.toThrow();
    }
    const c = loadConfig({
      NODE_ENV: "production",
      JWT_SECRET: STRONG,
      ADMIN_TOKEN: "Z1hDeT4HP9RpoSxeQ0dmVCBQ4j1i8Jbg",
    });
    expect(c.auth.jwtSecretGenerated).toBe(false);
    expect(c.auth.adminToken).toBe("Z1hDeT4HP9RpoSxeQ0dmVCBQ4j1i8Jbg");
  });

  it("bounds slow clients by default, keep-alive outlasting a load balancer's 60 s idle timeout", () => {
    const { http, databaseConnectTimeoutMs } = loadConfig({});
    expect(http).toMatchObject({
      headersTimeoutMs: 15_000,
      requestTimeoutMs: 30_000,
      bodyIdleTimeoutMs: 10_000,
      keepAliveTimeoutMs: 65_000,
      maxConnections: 512,
      maxBodyBytes: 2 * 1024 * 1024,
    });
    expect(http.keepAliveTimeoutMs).toBeGreaterThan(60_000);
    expect(databaseConnectTimeoutMs).toBe(5_000);
    expect(loadConfig({ HTTP_MAX_CONNECTIONS: "64", HTTP_BODY_IDLE_TIMEOUT_MS: "2000" }).http).toMatchObject({
      maxConnections: 64,
      bodyIdleTimeoutMs: 2000,
    });
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: "40000", HTTP_REQUEST_TIMEOUT_MS: "30000" })).toThrow(
      /HTTP_HEADERS_TIMEOUT_MS must not exceed/,
    );
    expect(() => loadConfig({ HTTP_MAX_CONNECTIONS: "0" })).toThrow(/HTTP_MAX_CONNECTIONS/);
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }).port).toBe(4000);
  });
});
