import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { formatLsn, OperationKinds, parseLsn } from "../../../src/db/read-replicas.js";
import { createHash } from "node:crypto";

const PG = "postgres://app@db:5432/autoindex";

describe("scale-out configuration", () => {
  it("defaults: no replicas, session pooling, the direct URL is DATABASE_URL", () => {
    const c = loadConfig({ DATABASE_URL: PG });
    expect(c.databaseReadUrls).toEqual([]);
    expect(c.databasePoolMode).toBe("session");
    expect(c.databaseDirectUrl).toBe(PG);
    expect(loadConfig({}).databaseDirectUrl).toBeUndefined();
    expect(c.replicaMaxLagMs).toBe(5000);
  });

  it("reads DATABASE_READ_URLS as a comma-separated list of postgres:// URLs beside a DATABASE_URL", () => {
    const c = loadConfig({ DATABASE_URL: PG, DATABASE_READ_URLS: " postgres://r1/db, postgresql://r2/db ,," });
    expect(c.databaseReadUrls).toEqual(["postgres://r1/db", "postgresql://r2/db"]);
    expect(() => loadConfig({ DATABASE_URL: PG, DATABASE_READ_URLS: "http://r1/db" })).toThrow(
      /DATABASE_READ_URLS: "http:\/\/r1\/db" is not a postgres:\/\/ URL/,
    );
    expect(() => loadConfig({ DATABASE_READ_URLS: "postgres://r1/db" })).toThrow(/needs DATABASE_URL/);
  });

  it("DATABASE_POOL_MODE=transaction needs the pooler and a direct URL", () => {
    expect(() => loadConfig({ DATABASE_URL: PG, DATABASE_POOL_MODE: "transaction" })).toThrow(
      /DATABASE_POOL_MODE=transaction needs DATABASE_URL \(the pooler\) and DATABASE_DIRECT_URL/,
    );
    const c = loadConfig({
      DATABASE_URL: "postgres://app@bouncer:6432/autoindex",
      DATABASE_DIRECT_URL: PG,
      DATABASE_POOL_MODE: "transaction",
    });
    expect([c.databasePoolMode, c.databaseDirectUrl]).toEqual(["transaction", PG]);
    expect(() => loadConfig({ DATABASE_POOL_MODE: "statement" })).toThrow(/DATABASE_POOL_MODE/);
  });
});

describe("WAL positions (x-autoindex-lsn)", () => {
  it("parses and prints Postgres' hi/lo hex form, refusing anything else", () => {
    expect(parseLsn("16/B374D848")).toBe((0x16n << 32n) | 0xb374d848n);
    expect(formatLsn(parseLsn("16/B374D848")!)).toBe("16/B374D848");
    expect(parseLsn("0/0")).toBe(0n);
    for (const bad of ["", "16", "16/", "/1", "G/1", "1/123456789", " 1/1", "1/1;"]) expect(parseLsn(bad)).toBeNull();
    expect(parseLsn("1/0")! > parseLsn("0/FFFFFFFF")!).toBe(true);
  });
});

describe("which requests may run on a replica", () => {
  const kinds = new OperationKinds(5000);
  const post = (body: unknown) => kinds.of("POST", body);

  it("queries only: mutations, unparsable or unknown documents stay on the primary", () => {
    expect(post({ query: "{ assets { totalCount } }" })).toBe("query");
    expect(post({ query: 'mutation { logout(refreshToken: "x") }' })).toBe("other");
    expect(post({ query: "{ broken" })).toBe("other");
    expect(post("not an object")).toBe("other");
    expect(kinds.of("GET", undefined)).toBe("query");
    const doc = 'query A { me { email } } mutation B { logout(refreshToken: "x") }';
    expect(post({ query: doc, operationName: "A" })).toBe("query");
    expect(post({ query: doc, operationName: "B" })).toBe("other");
    expect(post({ query: doc })).toBe("other"); // ambiguous without a name: Apollo refuses it
  });

  it("remembers an APQ hash only when it names the text it came with", () => {
    const text = "{ strategyConfig { version } }";
    const hash = createHash("sha256").update(text).digest("hex");
    const ext = (h: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: h } } });
    expect(post(ext(hash))).toBe("other"); // never seen
    expect(post({ query: text, ...ext(hash) })).toBe("query");
    expect(post(ext(hash))).toBe("query");
    const forged = "f".repeat(64);
    expect(post({ query: text, ...ext(forged) })).toBe("query");
    expect(post(ext(forged))).toBe("other");
  });
});
