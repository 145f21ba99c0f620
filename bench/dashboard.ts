// The dashboard's budgets: its bundle size and the overview's draw time. Run from the repository root:
//
//   node --import @swc-node/register/esm-register bench/dashboard.ts [--runs N] [--url URL] [--screenshots DIR]
//
// It builds the dashboard as `npm run build` does (Vite, into a temp folder) and prints every
// file's size raw and gzipped (level 9) and the total, against the budget (300 KB gzip of
// JavaScript and CSS). Then it serves the demo data (`autoindex serve --demo` on an in-memory
// PGlite, NODE_ENV=production) with that build, or uses the server at --url, and loads
// /dashboard in headless Chromium (Debian's, or CHROMIUM_PATH) N times (default 7), each in a
// fresh browser context (empty HTTP cache): the draw time is from the navigation's start to the
// moment both overview charts (level and drawdown) have drawn their points, as the page reports
// it (data-drawn on each chart, polled every animation frame). Prints the median, min and max,
// then the same for reloads with a warm HTTP cache (304s), against the budget (1.5 s).
// --screenshots DIR writes every view at 1280 px and 390 px wide (full page).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../test/helpers/browser.js";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "7" },
    url: { type: "string" },
    screenshots: { type: "string" },
  },
});
const runs = Math.max(1, Number(args.runs));
const BUNDLE_BUDGET = 300 * 1024;
const DRAW_BUDGET_MS = 1500;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function buildDashboard(): string {
  const out = mkdtempSync(join(tmpdir(), "autoindex-dashboard-"));
  const run = spawnSync("npx", ["vite", "build", "--config", "dashboard/vite.config.ts", "--outDir", out], {
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`vite build failed:\n${run.stderr}`);
  return out;
}

function bundleReport(dir: string): number {
  const files: { name: string; raw: number; gzip: number }[] = [];
  const visit = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) visit(path);
      else {
        const body = readFileSync(path);
        files.push({ name: path.slice(dir.length + 1), raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
      }
    }
  };
  visit(dir);
  console.log("\nbundle (vite build, as npm run build):");
  console.log(`  ${"file".padEnd(36)} ${"raw".padStart(10)} ${"gzip".padStart(10)}`);
  for (const f of files) console.log(`  ${f.name.padEnd(36)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)}`);
  const code = files.filter((f) => /\.(js|css)$/.test(f.name));
  const raw = code.reduce((a, f) => a + f.raw, 0);
  const gzip = code.reduce((a, f) => a + f.gzip, 0);
  console.log(`  ${"JavaScript + CSS".padEnd(36)} ${kb(raw).padStart(10)} ${kb(gzip).padStart(10)}`);
  console.log(
    `  budget ${kb(BUNDLE_BUDGET)} gzip: ${gzip <= BUNDLE_BUDGET ? "within" : "OVER"} ` +
      `(${((100 * gzip) / BUNDLE_BUDGET).toFixed(0)}%)`,
  );
  return gzip;
}

async function startServer(dashboardDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["bin/autoindex.js", "serve", "--demo"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      JWT_SECRET: randomBytes(48).toString("base64"),
      AUTOINDEX_DATA_DIR: "memory://",
      DATABASE_URL: "",
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      DASHBOARD_DIR: dashboardDir,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /AutoIndex GraphQL API:\s+(http:\/\/\S+)\/graphql/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`serve exited ${code} before listening:\n${out}`)));
  });
  return { url, child };
}

/** Navigates to the overview and returns the ms from the navigation's start to both charts drawn. */
async function drawTime(page: Page, url: string): Promise<number> {
  await page.goto(`${url}/dashboard#/overview`, { waitUntil: "commit" });
  const handle = await page.waitForFunction(
    () => {
      const doc = (globalThis as any).document;
      const drawn = doc.querySelectorAll('[data-chart^="overview-"][data-drawn="true"]');
      return drawn.length === 2 ? (globalThis as any).performance.now() : false;
    },
    undefined,
    { polling: "raf", timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

async function measure(browser: Browser, url: string): Promise<void> {
  const cold: number[] = [];
  const warm: number[] = [];
  const errors: string[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    cold.push(await drawTime(page, url));
    await page.goto("about:blank");
    warm.push(await drawTime(page, url));
    await context.close();
  }
  const line = (name: string, xs: number[]) =>
    console.log(
      `  ${name.padEnd(28)} median ${median(xs).toFixed(0).padStart(5)} ms   min ${Math.min(...xs)
        .toFixed(0)
        .padStart(5)}` +
        `   max ${Math.max(...xs)
          .toFixed(0)
          .padStart(5)}   (${xs.length} runs)`,
    );
  console.log("\noverview draw time (navigation start → level and drawdown charts drawn):");
  line("cold (empty HTTP cache)", cold);
  line("warm (revalidated, 304)", warm);
  console.log(`  budget ${DRAW_BUDGET_MS} ms: ${median(cold) <= DRAW_BUDGET_MS ? "within" : "OVER"}`);
  console.log(`  console errors: ${errors.length ? errors.join(" | ") : "none"}`);
}

async function screenshots(browser: Browser, url: string, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const width of [1280, 390]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    for (const view of ["overview", "assets/ARW", "data", "strategy"]) {
      await page.goto(`${url}/dashboard#/${view}`);
      await page.locator("[data-view]").waitFor();
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(300);
      const file = join(dir, `${view.replace("/", "-")}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`  ${file}`);
    }
    await page.close();
  }
}

const built = buildDashboard();
let server: { url: string; child: ChildProcess } | null = null;
try {
  const gzip = bundleReport(built);
  server = args.url ? null : await startServer(built);
  const url = args.url ?? server!.url;
  const browser = await launchChromium();
  try {
    await measure(browser, url);
    if (args.screenshots) {
      console.log("\nscreenshots:");
      await screenshots(browser, url, args.screenshots);
    }
  } finally {
    await browser.close();
  }
  if (gzip > BUNDLE_BUDGET) process.exitCode = 1;
} finally {
  server?.child.kill("SIGTERM");
  rmSync(built, { recursive: true, force: true });
}
