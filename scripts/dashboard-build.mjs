// Builds the dashboard (dashboard/, Vite) for a source checkout, once per change of its inputs:
// into node_modules/.cache/autoindex-dashboard/<stamp>, compiled aside and renamed like the
// sources in bin/autoindex.js. `npm run build` builds it into dist/dashboard instead.
//   node scripts/dashboard-build.mjs          prints the folder of the current build (building it if needed)
//   node scripts/dashboard-build.mjs OUT_DIR  builds into OUT_DIR (what ensureDashboardBuild runs in a child)
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inputStamp, stampedBuild } from "./stamped-build.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const INPUTS = ["dashboard", "src/graphql/persisted-manifest.ts", "package-lock.json", "scripts/dashboard-build.mjs"];

/**
 * The folder of an up-to-date build, building it in a child process when the inputs changed
 * (Vite stays out of the server's memory). Null when it cannot: no dashboard/ sources, or Vite
 * not installed (a production install serves dist/dashboard from `npm run build`).
 */
export function ensureDashboardBuild() {
  if (!existsSync(join(root, "dashboard/index.html"))) return null;
  if (!existsSync(join(root, "node_modules/vite/package.json"))) return null;
  // The generated types are not inputs: they never reach the bundle.
  return stampedBuild({
    root,
    cache: join(root, "node_modules/.cache/autoindex-dashboard"),
    stamp: inputStamp(root, INPUTS, (name) => name === "generated"),
    ready: "index.html",
    build: (tmp) => [fileURLToPath(import.meta.url), tmp],
  });
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
