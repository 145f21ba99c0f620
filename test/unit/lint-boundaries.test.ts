import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The engine and metrics (src/analytics) stay pure: the project's Biome configuration refuses
 * database, GraphQL and HTTP imports there (`npm run lint`, run by CI). This runs the real
 * configuration over probe files in a scratch copy of the layout, so a loosened rule fails here.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BIOME = join(ROOT, "node_modules", ".bin", "biome");

const PROBE = [
  'import { sql } from "kysely";',
  'import pg from "pg";',
  'import { createDb } from "../../db/create-db.js";',
  'import type { GraphQLSchema } from "graphql";',
  'import { Field } from "type-graphql";',
  'import { createServer } from "node:http";',
  'import { assetsOf } from "../../assets/asset.repo.js";',
  'import { mean } from "./stats.js";',
  "export const probe = [sql, pg, createDb, Field, createServer, assetsOf, mean] as unknown as GraphQLSchema;",
  "",
].join("\n");
const RESTRICTED = 7; // every line above but the sibling import

const scratch = mkdtempSync(join(tmpdir(), "autoindex-lint-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function lint(files: Record<string, string>): { path: string; category: string }[] {
  const config = JSON.parse(readFileSync(join(ROOT, "biome.json"), "utf8"));
  delete config.$schema; // the schema path is relative to the project
  delete config.vcs; // the scratch folder is no git work tree
  writeFileSync(join(scratch, "biome.json"), JSON.stringify(config));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), text);
  }
  let out: string;
  try {
    out = execFileSync(BIOME, ["lint", "--reporter=json", ...Object.keys(files)], { cwd: scratch, encoding: "utf8" });
  } catch (err) {
    out = (err as { stdout: string }).stdout; // non-zero exit: diagnostics were found
  }
  const report = JSON.parse(out) as { diagnostics: { category: string; location: { path: unknown } }[] };
  return report.diagnostics.map((d) => ({ path: String(d.location.path), category: d.category }));
}

describe("the src/analytics import boundary (biome.json)", () => {
  it("refuses database, GraphQL and HTTP imports in src/analytics, and only there", () => {
    const found = lint({ "src/analytics/engine/probe.ts": PROBE, "src/risk/probe.ts": PROBE });
    const restricted = found.filter((d) => d.category === "lint/style/noRestrictedImports");
    expect(restricted.filter((d) => d.path.includes("src/analytics/"))).toHaveLength(RESTRICTED);
    expect(restricted.filter((d) => d.path.includes("src/risk/"))).toHaveLength(0);
  });
});
