#!/usr/bin/env node
// The `autoindex` command. A production install without devDependencies runs the compiled
// dist/ from `npm run build`. From a source checkout it runs the TypeScript sources compiled by
// the dev runner's transform (@swc-node/register, which emits the decorator metadata
// type-graphql needs), but not through its loader: that loader keeps the TypeScript compiler
// and swc in the server process, 120 MB of its resident memory. scripts/compile-sources.mjs
// compiles them in a short-lived child process instead (about 2 s), into
// node_modules/.cache/autoindex/<stamp>, again only when a source file changed.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inputStamp, stampedBuild } from "../scripts/stamped-build.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const source = join(root, "src/cli/main.ts");
const compiled = join(root, "dist/src/cli/main.js");

/** The entry point compiled from the sources, compiling them first when they changed; null when it cannot. */
function compiledSources() {
  const inputs = ["src", "migrations", "tsconfig.json", "package-lock.json", "scripts/compile-sources.mjs"];
  const out = stampedBuild({
    root,
    cache: join(root, "node_modules/.cache/autoindex"),
    stamp: inputStamp(root, inputs),
    ready: "src/cli/main.js",
    build: (tmp) => [join(root, "scripts/compile-sources.mjs"), tmp],
  });
  return out && join(out, "src/cli/main.js");
}

let entry = existsSync(source) ? compiledSources() : null;
if (!entry && existsSync(source)) {
  // The compilation failed (or swc is not installed): the loader as a fallback.
  try {
    await import("@swc-node/register/esm-register");
    entry = source;
  } catch {
    entry = null;
  }
}
if (!entry && existsSync(compiled)) entry = compiled;
// `serve` from sources also serves the dashboard: its Vite build, redone when dashboard/ changed
// (scripts/dashboard-build.mjs). Without Vite (a production install) dist/dashboard is served.
if (
  process.argv[2] === "serve" &&
  !process.env.DASHBOARD_DIR &&
  existsSync(join(root, "scripts/dashboard-build.mjs"))
) {
  const { ensureDashboardBuild } = await import(pathToFileURL(join(root, "scripts/dashboard-build.mjs")).href);
  const dir = ensureDashboardBuild();
  if (dir) process.env.DASHBOARD_DIR = dir;
}
if (!entry) {
  console.error("autoindex: no compiled build found; run `npm run build` (or install devDependencies)");
  process.exit(1);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
