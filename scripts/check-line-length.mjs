#!/usr/bin/env node
// Lines of the project's own sources are at most 120 characters (the formatter's width). The
// formatter wraps code but not comments or string literals; this check covers both. Generated
// files are skipped (they are rewritten by their generators).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const MAX = 120;
const CHECKED = /\.(ts|tsx|js|mjs|cjs|css|html|json|sh|graphql|yml)$/;
const SKIPPED = [
  /(^|\/)generated\//,
  /^schema\//,
  /^package(-lock)?\.json$/, // npm's own files: a script line cannot be wrapped
  // Released migrations are frozen: their SQL text stays as it was applied. New ones are checked.
  /^migrations\/(20260101|20260102|20260104|20260105|20260201)\d+_/,
];

const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" })
  .split("\n")
  .filter((f) => f && CHECKED.test(f) && !SKIPPED.some((re) => re.test(f)));

let over = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    continue; // deleted in the work tree
  }
  text.split("\n").forEach((line, i) => {
    const length = [...line].length; // characters, not UTF-16 units
    if (length > MAX) {
      over++;
      if (over <= 50) console.error(`${file}:${i + 1}: ${length} characters (at most ${MAX})`);
    }
  });
}
if (over > 0) {
  console.error(`${over} line(s) longer than ${MAX} characters${over > 50 ? " (the first 50 shown)" : ""}`);
  process.exit(1);
}
console.log(`${files.length} files, every line ≤ ${MAX} characters`);
