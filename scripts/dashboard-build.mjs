// Builds the dashboard (dashboard/, Vite) for a source checkout, once per change of its inputs:
// into node_modules/.cache/autoindex-dashboard/<stamp>, compiled aside and renamed like the
// sources in bin/autoindex.js. `npm run build` builds it into dist/dashboard instead.
//   node scripts/dashboard-build.mjs          prints the folder of the current build (building it if needed)
//   node scripts/dashboard-build.mjs OUT_DIR  builds into OUT_DIR (what ensureDashboardBuild runs in a child)
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const INPUTS = ["dashboard", "src/graphql/persisted-manifest.ts", "package-lock.json", "scripts/dashboard-build.mjs"];

/** Path, size and mtime of every input (the generated types are not: they never reach the bundle). */
function stamp() {
  const hash = createHash("sha256");
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (name !== "generated") visit(join(path, name));
    } else hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
  };
  for (const input of INPUTS) if (existsSync(join(root, input))) visit(join(root, input));
  return hash.digest("hex").slice(0, 16);
}

/**
 * The folder of an up-to-date build, building it in a child process when the inputs changed
 * (Vite stays out of the server's memory). Null when it cannot: no dashboard/ sources, or Vite
 * not installed (a production install serves dist/dashboard from `npm run build`).
 */
export function ensureDashboardBuild() {
  if (!existsSync(join(root, "dashboard/index.html"))) return null;
  if (!existsSync(join(root, "node_modules/vite/package.json"))) return null;
  const cache = join(root, "node_modules/.cache/autoindex-dashboard");
  const current = stamp();
  const out = join(cache, current);
  if (existsSync(join(out, "index.html"))) return out;
  mkdirSync(cache, { recursive: true });
  const tmp = `${out}.tmp-${process.pid}`;
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), tmp], {
    cwd: root,
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
  // Older builds, kept a day for servers that may still be serving from them.
  for (const name of readdirSync(cache)) {
    const path = join(cache, name);
    if (name !== current && Date.now() - statSync(path).mtimeMs > 86_400_000)
      rmSync(path, { recursive: true, force: true });
  }
  writeFileSync(join(cache, "latest"), `${current}\n`);
  return existsSync(join(out, "index.html")) ? out : null;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = process.argv[2];
  if (target) {
    const { build } = await import("vite");
    await build({
      configFile: join(root, "dashboard/vite.config.ts"),
      logLevel: "error",
      build: { outDir: target, emptyOutDir: true },
    });
  } else {
    const dir = ensureDashboardBuild();
    if (!dir) {
      console.error("the dashboard could not be built");
      process.exit(1);
    }
    console.log(dir);
  }
}
