import { readFile } from "node:fs/promises";
import { print, type DocumentNode } from "graphql";
import { describe, expect, it } from "vitest";
import { MANIFEST_PATH, readOperationSources, renderManifest } from "../../../scripts/persisted-manifest.js";
import { buildManifest, manifestOperations, sha256Hex } from "../../../src/graphql/persisted-manifest.js";
import * as generated from "../../generated/graphql.js";

describe("persisted query manifest", () => {
  it("is committed up to date with test/operations and dashboard/operations (npm run persisted:emit)", async () => {
    expect(await readFile(MANIFEST_PATH, "utf8")).toBe(await renderManifest());
  });

  it("registers exactly what codegen's typed documents send, by the hash APQ computes", async () => {
    const operations = manifestOperations(JSON.parse(await readFile(MANIFEST_PATH, "utf8")));
    const documents = Object.entries(generated).filter(([name]) => name.endsWith("Document")) as [
      string,
      DocumentNode,
    ][];
    expect(documents.length).toBeGreaterThan(0);
    for (const [name, doc] of documents) expect(operations.get(sha256Hex(print(doc))), name).toBe(print(doc));
    // The dashboard sends the entries its Vite build derives from dashboard/operations with buildManifest.
    const dashboard = buildManifest(await readOperationSources(["dashboard/operations"])).operations;
    expect(dashboard.length).toBeGreaterThan(0);
    for (const op of dashboard) expect(operations.get(op.id), op.name).toBe(op.body);
    expect(operations.size).toBe(documents.length + dashboard.length);
  });

  it("bundles the fragments an operation uses, and refuses a tampered manifest", () => {
    const manifest = buildManifest([
      `query A { ...F } fragment F on Query { rebalanceDates ...G } fragment G on Query { __typename } fragment Unused
        on Query { __typename }`,
    ]);
    expect(manifest.operations).toHaveLength(1);
    expect(manifest.operations[0].body).toContain("fragment F");
    expect(manifest.operations[0].body).toContain("fragment G");
    expect(manifest.operations[0].body).not.toContain("Unused");
    manifest.operations[0].body += " ";
    expect(() => manifestOperations(manifest)).toThrow(/SHA-256/);
  });
});
