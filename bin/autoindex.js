#!/usr/bin/env node
// The `autoindex` command. A production install without devDependencies runs the compiled
// dist/ from `npm run build`. From a source checkout it runs the TypeScript sources compiled by
// the dev runner's transform (@swc-node/register, which emits the decorator metadata
// type-graphql needs), but not through its loader: that loader keeps the TypeScript compiler
// and swc in the server process, 120 MB of its resident memory. scripts/compile-sources.mjs
// compiles them in a short-lived child process instead (about 2 s), into
// node_modules/.cache/autoindex/<stamp>, again only when a source file changed.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const source = join(root, "src/cli/main.ts");
const compiled = join(root, "dist/src/cli/main.js");

/** Path, size and mtime of every input of the compilation: a change to any makes a new stamp. */
function sourceStamp() {
  const hash = createHash("sha256");
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path).sort()) visit(join(path, name));
    else hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
  };
  for (const input of ["src", "migrations", "tsconfig.json", "package-lock.json", "scripts/compile-sources.mjs"]) {
    if (existsSync(join(root, input))) visit(join(root, input));
  }
  return hash.digest("hex").slice(0, 16);
}

/** The entry point compiled from the sources, compiling them first when they changed; null when it cannot. */
function compiledSources() {
  const cache = join(root, "node_modules/.cache/autoindex");
  const stamp = sourceStamp();
  const out = join(cache, stamp);
  const main = join(out, "src/cli/main.js");
  if (existsSync(main)) return main;
  // Compiled aside, then renamed: processes starting together never run a half-written tree.
  const tmp = `${out}.tmp-${process.pid}`;
  const run = spawnSync(process.execPath, [join(root, "scripts/compile-sources.mjs"), tmp], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (run.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    return null;
  }
  try {
    renameSync(tmp, out);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process got there first
  }
  // Older compilations, kept a day for processes that may still load modules from them.
  for (const name of readdirSync(cache)) {
    const path = join(cache, name);
    if (name !== stamp && Date.now() - statSync(path).mtimeMs > 86_400_000)
      rmSync(path, { recursive: true, force: true });
  }
  writeFileSync(join(cache, "latest"), `${stamp}\n`);
  return existsSync(main) ? main : null;
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
