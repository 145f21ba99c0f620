#!/usr/bin/env node
// The `autoindex` command. From a source checkout it runs the TypeScript sources through
// @swc-node/register (which emits the decorator metadata type-graphql needs); a production
// install without devDependencies runs the compiled dist/ from `npm run build`.
import { existsSync } from "node:fs";

const source = new URL("../src/cli/main.ts", import.meta.url);
const compiled = new URL("../dist/src/cli/main.js", import.meta.url);

let useSource = existsSync(source);
if (useSource) {
  try {
    await import("@swc-node/register/esm-register");
  } catch {
    useSource = false;
  }
}
if (!useSource && !existsSync(compiled)) {
  console.error("autoindex: no compiled build found; run `npm run build` (or install devDependencies)");
  process.exit(1);
}
const { main } = await import((useSource ? source : compiled).href);
process.exitCode = await main(process.argv.slice(2));
