import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encode, type ContentCoding } from "./compression.js";

/**
 * The dashboard (dashboard/, a Vite build) served by the API itself at /dashboard: its
 * index.html and the hashed files under /dashboard/assets/. `npm run build` writes the build to
 * dist/dashboard (beside dist/src, so `here/../../dashboard`); from sources bin/autoindex.js
 * builds it into node_modules/.cache and passes the folder as DASHBOARD_DIR.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
};

/** The folder of the built dashboard, or null when none is there. */
export function dashboardRoot(configured: string | undefined): string | null {
  const dir = configured ?? path.resolve(here, "../../dashboard");
  return existsSync(path.join(dir, "index.html")) ? dir : null;
}

export interface DashboardFile {
  /** The bytes in `coding`. */
  body: Buffer;
  coding: ContentCoding;
  type: string;
  /** Hashed asset names never change content: cached for a year. The page itself is revalidated. */
  immutable: boolean;
}

const cache = new Map<string, Buffer>();

/**
 * The file of a /dashboard path in the given coding: "" or "/" is the page; "/assets/NAME" a
 * built file. Null for anything else (no directory walking: NAME is one path segment of a
 * known type). Hashed assets are read and compressed once, then kept in memory (a few 100 KB).
 */
export async function readDashboardFile(
  root: string,
  subpath: string,
  coding: ContentCoding,
): Promise<DashboardFile | null> {
  let file: string;
  if (subpath === "" || subpath === "/" || subpath === "/index.html") file = "index.html";
  else {
    const match = /^\/assets\/([A-Za-z0-9_.-]+)$/.exec(subpath);
    if (!match || match[1].startsWith(".")) return null;
    file = `assets/${match[1]}`;
  }
  const type = TYPES[path.extname(file)];
  if (!type) return null;
  const full = path.join(root, file);
  const immutable = file !== "index.html";
  const key = `${coding}:${full}`;
  let body = cache.get(key);
  if (!body) {
    try {
      body = await encode(await readFile(full), coding);
    } catch {
      return null;
    }
    // The page is re-read each time (a rebuild from sources replaces it).
    if (immutable) cache.set(key, body);
  }
  return { body, coding, type, immutable };
}
