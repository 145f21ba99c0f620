// Writes (or with --check, verifies) the persisted query manifest of the repo's operations:
//   node --import @swc-node/register/esm-register scripts/persisted-manifest.ts [--check]
// (npm run persisted:emit). Sources: test/operations/*.graphql, dashboard/operations/*.graphql,
// and any further directories given as arguments.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildManifest } from "../src/graphql/persisted-manifest.js";

export const MANIFEST_PATH = "schema/persisted-operations.json";
export const OPERATION_DIRS = ["test/operations", "dashboard/operations"];

export async function readOperationSources(dirs: string[]): Promise<string[]> {
  const sources: string[] = [];
  for (const dir of dirs) {
    const files = (await readdir(dir)).filter((f) => f.endsWith(".graphql")).sort();
    for (const f of files) sources.push(await readFile(path.join(dir, f), "utf8"));
  }
  return sources;
}

export async function renderManifest(dirs = OPERATION_DIRS): Promise<string> {
  return `${JSON.stringify(buildManifest(await readOperationSources(dirs)), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const args = process.argv.slice(2);
  const check = args.includes("--check");
  const text = await renderManifest([...OPERATION_DIRS, ...args.filter((a) => !a.startsWith("--"))]);
  if (check) {
    const committed = await readFile(MANIFEST_PATH, "utf8").catch(() => "");
    if (committed !== text) {
      console.error(`${MANIFEST_PATH} is out of date: run npm run persisted:emit`);
      process.exit(1);
    }
  } else {
    await writeFile(MANIFEST_PATH, text);
    console.log(`wrote ${MANIFEST_PATH}`);
  }
}
