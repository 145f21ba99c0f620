import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDatabaseTypes, DATABASE_TYPES_PATH, lineDiff, renderDatabaseTypes } from "../../../scripts/db-types.js";

let generated: string;
let dir: string;
beforeAll(async () => {
  generated = await renderDatabaseTypes();
  dir = await mkdtemp(path.join(tmpdir(), "db-types-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe("generated Database types (npm run db:types, db:types:check)", () => {
  it("are committed up to date with migrations/", async () => {
    expect(await readFile(DATABASE_TYPES_PATH, "utf8")).toBe(generated);
    expect(await checkDatabaseTypes(DATABASE_TYPES_PATH, generated)).toEqual({ ok: true, diff: "" });
  });

  it("are deterministic: a second generation gives the same text", async () => {
    expect(await renderDatabaseTypes()).toBe(generated);
  });

  it("type columns as the drivers return them, and closed sets as unions", () => {
    expect(generated).toMatch(/export interface Allocations \{[^}]*\n {2}date: string;/);
    expect(generated).toMatch(/export interface Prices \{[^}]*\n {2}id: Generated<ColumnType<number,/);
    expect(generated).toMatch(/\n {2}role: Generated<"user" \| "admin">;/);
    expect(generated).toMatch(/\n {2}ai_market_regime: "HIGH_VOLATILITY" \| "BULL" \| "BEAR" \| "SIDEWAYS" \| null;/);
    expect(generated).toMatch(/\n {4}asset_ids: "int4\[\]",/);
  });

  it("fails on a file that differs from the migrations, with a diff naming the line", async () => {
    const stale = path.join(dir, "stale.ts");
    await writeFile(stale, generated.replace("  weight: number;\n", "  weight: string;\n  legacy: string;\n"));
    const result = await checkDatabaseTypes(stale, generated);
    expect(result.ok).toBe(false);
    expect(result.diff).toMatch(/^- {3}weight: string;/m);
    expect(result.diff).toMatch(/^- {3}legacy: string;/m);
    expect(result.diff).toMatch(/^\+ {3}weight: number;/m);
    expect(await checkDatabaseTypes(path.join(dir, "missing.ts"), generated)).toEqual({
      ok: false,
      diff: `${path.join(dir, "missing.ts")} is missing`,
    });
  });

  it("diffs lines: insertions, deletions and changes", () => {
    expect(lineDiff("a\nb\nc", "a\nb\nc")).toBe("");
    expect(lineDiff("a\nc", "a\nb\nc")).toBe("+ b  (line 2)");
    expect(lineDiff("a\nb\nc", "a\nc")).toBe("- b  (committed line 2)");
    expect(lineDiff("a\nx\nc", "a\ny\nc")).toBe("- x  (committed line 2)\n+ y  (line 2)");
  });
});
