import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * In CI (CI set, as .ci/run runs) or with AUTOINDEX_REQUIRE_BROWSER=1 a missing Chromium fails
 * the browser tests instead of skipping them: .ci/run installs it, and a run that could not
 * must not pass without them.
 */
export const BROWSER_REQUIRED =
  process.env.AUTOINDEX_REQUIRE_BROWSER === "1" || (!!process.env.CI && process.env.CI !== "false");

/** True when the browser tests should be skipped: no Chromium here, and none required. */
export const skipBrowser = !existsSync(CHROMIUM) && !BROWSER_REQUIRED;

/** Headless Chromium with a fresh profile, no background traffic; throws, naming the path, when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is required for the browser tests (CI or AUTOINDEX_REQUIRE_BROWSER=1) but ${CHROMIUM} does not ` +
        `exist: ` +
        "apt-get install chromium, or set CHROMIUM_PATH",
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** The dashboard's Vite build for these sources (built once per change, as `npm start` does): its folder. */
export function dashboardBuild(): string {
  const run = spawnSync(process.execPath, ["scripts/dashboard-build.mjs"], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`dashboard build failed: ${run.stderr}`);
  return run.stdout.trim();
}
