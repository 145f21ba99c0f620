// A build output cached per stamp of its inputs, in node_modules/.cache/<name>/<stamp>, shared by
// the compiled sources (bin/autoindex.js) and the dashboard (scripts/dashboard-build.mjs).
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const KEEP_OLD_MS = 86_400_000;

/**
 * Path, size and mtime of every input under `root` (files, or folders walked in name order): a
 * change to any makes a new stamp. `skip(name)` leaves a folder entry out.
 */
export function inputStamp(root, inputs, skip = () => false) {
  const hash = createHash("sha256");
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (!skip(name)) visit(join(path, name));
    } else hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
  };
  for (const input of inputs) if (existsSync(join(root, input))) visit(join(root, input));
  return hash.digest("hex").slice(0, 16);
}

/**
 * The output folder `cache/stamp`, built first when it lacks `ready` (a file that only a complete
 * build writes): `node ...build(tmp)` runs in a child process (its tools stay out of the caller's
 * memory) into a folder aside, renamed into place, so processes starting together never use a
 * half-written tree. Older outputs are kept a day for processes that may still read from them.
 * Null when the build fails.
 */
export function stampedBuild({ root, cache, stamp, ready, build }) {
  const out = join(cache, stamp);
  if (existsSync(join(out, ready))) return out;
  mkdirSync(cache, { recursive: true });
  const tmp = `${out}.tmp-${process.pid}`;
  const run = spawnSync(process.execPath, build(tmp), { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (run.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    return null;
  }
  try {
    renameSync(tmp, out);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process got there first
  }
  for (const name of readdirSync(cache)) {
    const path = join(cache, name);
    if (name !== stamp && Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS)
      rmSync(path, { recursive: true, force: true });
  }
  writeFileSync(join(cache, "latest"), `${stamp}\n`);
  return existsSync(join(out, ready)) ? out : null;
}
