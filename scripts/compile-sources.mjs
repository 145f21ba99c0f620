// Compiles src/ and migrations/ into the folder given as the only argument, with the dev
// runner's own transform: @swc-node/register's compile() and its reading of tsconfig.json (ESM
// output, decorator metadata), so the output is what `node --import
// @swc-node/register/esm-register` would run. Its source maps go to .js.map files beside the
// code rather than inline: V8 keeps every module's source text in the heap, and inline maps
// doubled it (node reads the files with --enable-source-maps). bin/autoindex.js runs it in a child
// process when the sources changed; see there why.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const ts = require("typescript");
const { readDefaultTsConfig } = require("@swc-node/register/read-default-tsconfig");
const { compile } = require("@swc-node/register/register");

const root = fileURLToPath(new URL("..", import.meta.url));
const out = process.argv[2];
if (!out) throw new Error("usage: compile-sources.mjs OUT_DIR");
// As @swc-node/register/esm does: tsconfig.json with ES modules, no path mapping.
const tsconfig = {
  ...readDefaultTsConfig(join(root, "tsconfig.json")),
  module: ts.ModuleKind.ESNext,
  paths: undefined,
  baseUrl: undefined,
};

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) yield path;
  }
}

mkdirSync(out, { recursive: true });
writeFileSync(join(out, "package.json"), '{ "type": "module" }\n');
for (const top of ["src", "migrations"]) {
  for (const file of sources(join(root, top))) {
    const code = await compile(readFileSync(file, "utf8"), file, { ...tsconfig }, true);
    const target = join(out, relative(root, file)).replace(/\.ts$/, ".js");
    mkdirSync(dirname(target), { recursive: true });
    const inline = /^\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,(\S+)\s*$/m.exec(code);
    if (inline) {
      writeFileSync(`${target}.map`, Buffer.from(inline[1], "base64"));
      writeFileSync(target, `${code.slice(0, inline.index)}//# sourceMappingURL=${basename(target)}.map\n`);
    } else writeFileSync(target, code);
  }
}
// Silent on success: a command's stderr is its own (tests and scripts read it).
