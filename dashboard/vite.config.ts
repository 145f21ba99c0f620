// The dashboard's build (`npm run build` → dist/dashboard; from sources bin/autoindex.js builds
// it into node_modules/.cache/autoindex, see scripts/dashboard-build.mjs). Preact with the
// automatic JSX runtime; the operations in dashboard/operations reach the bundle as the
// persisted query manifest's entries ({ id: sha256, body }) through `virtual:operations`.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { buildManifest } from "../src/graphql/persisted-manifest.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const operationsDir = path.join(here, "operations");
const VIRTUAL = "virtual:operations";

/** `virtual:operations`: { [operationName]: { id, body } } from the .graphql files, as the manifest prints them. */
function operations(): Plugin {
  return {
    name: "autoindex-operations",
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : null),
    load(id) {
      if (id !== `\0${VIRTUAL}`) return null;
      const files = readdirSync(operationsDir)
        .filter((f) => f.endsWith(".graphql"))
        .sort();
      for (const f of files) this.addWatchFile(path.join(operationsDir, f));
      const manifest = buildManifest(files.map((f) => readFileSync(path.join(operationsDir, f), "utf8")));
      const byName = Object.fromEntries(manifest.operations.map((o) => [o.name, { id: o.id, body: o.body }]));
      return `export default ${JSON.stringify(byName)};`;
    },
  };
}

export default defineConfig({
  root: here,
  base: "/dashboard/",
  logLevel: "warn",
  plugins: [operations()],
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: path.join(here, "../dist/dashboard"),
    emptyOutDir: true,
    target: "es2022",
    // One CSS file, no inline <style> (the page's CSP allows styles from this origin only).
    cssCodeSplit: false,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 300,
  },
});
