import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFile, recomputeIndex } from "../helpers/services.js";
import { dashboardBuild, launchChromium, skipBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/http.js";

// The real data set lives next to the repository (../shared); the test is skipped without it.
const DATA = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/data/sp500-2015-2019");

describe.skipIf(!existsSync(join(DATA, "prices.csv.gz")) || skipBrowser)("dashboard on the S&P 500 sample", () => {
  let s: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    s = await startTestServer({ DASHBOARD_DIR: dashboardBuild() });
    await importFile(s.db, "assets", join(DATA, "assets.csv"));
    await importFile(s.db, "prices", join(DATA, "prices.csv.gz"), { skipInvalid: true });
    await recomputeIndex(s.db);
    browser = await launchChromium();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it("draws the overview (no benchmark in the sample, and says why), an asset and a comparison", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    const drawn = async (chart: string) => {
      const host = page.locator(`[data-chart="${chart}"][data-drawn="true"]`);
      await host.waitFor({ timeout: 60_000 });
      return Number(await host.getAttribute("data-points"));
    };
    const { indexSeries } = (await s.post("{ indexSeries { dates } }")).body.data;
    await page.goto(`${s.url}/dashboard#/overview`);
    expect(await drawn("overview-level")).toBe(indexSeries.dates.length);
    expect(await drawn("overview-drawdown")).toBe(indexSeries.dates.length);
    expect(await page.locator("#level figcaption").first().innerText()).toMatch(/no benchmark/);
    expect(await page.locator("#alloc-assets tbody tr").count()).toBeGreaterThan(100);
    await page.goto(`${s.url}/dashboard#/assets/AAPL`);
    expect(await drawn("asset-price")).toBeGreaterThan(1200);
    expect(await drawn("asset-weight")).toBeGreaterThan(200);
    expect(await drawn("compare")).toBeGreaterThan(4 * 240); // four assets, one year
    await page.locator("#asset-detail").getByRole("button", { name: "3Y" }).click();
    await expect.poll(() => page.locator("#asset-detail figcaption").first().innerText()).toMatch(/2017-01-10 to/);
    expect(problems).toEqual([]);
    await page.close();
  });
});
