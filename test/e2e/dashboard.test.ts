import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recomputeIndex, seedDemoData } from "../helpers/services.js";
import { dashboardBuild, launchChromium, skipBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/http.js";
import { AUTH_ENV, PASSWORD, signedIn, type Signed, UPDATE } from "./auth/auth-helpers.js";

// The callbacks of page.evaluate run in the page (serialised: they see only their own names);
// this project's tsconfig has no DOM types, so they reach the page's globals as `any`.

describe("dashboard", () => {
  let s: TestServer;
  let admin: Signed;
  beforeAll(async () => {
    s = await startTestServer({ ...AUTH_ENV, DASHBOARD_DIR: dashboardBuild() });
    await seedDemoData(s.db);
    await recomputeIndex(s.db);
    admin = await signedIn(s.db, s.app.config, "admin@example.com", "admin");
    await signedIn(s.db, s.app.config, "reader@example.com", "user");
  }, 300_000);
  afterAll(() => s?.close());

  it("is served by the API with a strict CSP, no inline code and no other origin", async () => {
    const page = await fetch(`${s.url}/dashboard`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/); // every script is a file
    expect(html).not.toMatch(/<style|style=/);
    expect(html).not.toMatch(/https?:\/\//);
    const files = [...html.matchAll(/(?:src|href)="(\/dashboard\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(files.some((f) => f.endsWith(".js"))).toBe(true);
    expect(files.some((f) => f.endsWith(".css"))).toBe(true);
    for (const file of files) {
      const res = await fetch(`${s.url}${file}`, { headers: { "accept-encoding": "gzip" } });
      expect(res.status, file).toBe(200);
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("content-encoding")).toBe("gzip");
      const text = Buffer.from(await res.arrayBuffer()).toString("utf8");
      expect(text).not.toMatch(/https?:\/\/(?!www\.w3\.org)[a-z0-9.-]+\.[a-z]{2,}\/[^"'\s]*\.(js|css|woff2?)/i);
    }
    const plain = await fetch(`${s.url}${files[0]}`, { headers: { "accept-encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect((await fetch(`${s.url}/dashboard/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${s.url}/dashboard/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${s.url}/dashboard`, { method: "POST" })).status).toBe(405);
  });

  it("reads every public view with a GET by hash that the browser revalidates (ETag, 304)", async () => {
    const manifest = JSON.parse(readFileSync("schema/persisted-operations.json", "utf8")) as {
      operations: { id: string; name: string; body: string }[];
    };
    const reads: [string, object][] = [
      ["Overview", {}],
      ["AssetList", { first: 20 }],
      ["AssetDetail", { symbol: "ARW" }],
      ["CompareAssets", { symbols: ["ARW", "BRNS"] }],
      ["DataQuality", { first: 200 }],
      ["Strategy", {}],
    ];
    for (const [name, variables] of reads) {
      const op = manifest.operations.find((o) => o.name === name)!;
      const extensions = { persistedQuery: { version: 1, sha256Hash: op.id } };
      // The first time, the document is POSTed with its hash, which registers it (as the page does).
      const post = await fetch(`${s.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query: op.body, operationName: name, variables, extensions }),
      });
      expect(((await post.json()) as { errors?: unknown }).errors, name).toBeUndefined();
      const params = new URLSearchParams({
        operationName: name,
        variables: JSON.stringify(variables),
        extensions: JSON.stringify(extensions),
      });
      const headers = { accept: "application/json", "apollo-require-preflight": "true" };
      const get = await fetch(`${s.url}/graphql?${params}`, { headers });
      const body = (await get.json()) as { errors?: unknown; data?: unknown };
      expect(body.errors, name).toBeUndefined();
      expect(get.headers.get("cache-control"), name).toBe("public, no-cache");
      const etag = get.headers.get("etag")!;
      const again = await fetch(`${s.url}/graphql?${params}`, { headers: { ...headers, "if-none-match": etag } });
      expect(again.status, name).toBe(304);
    }
  });

  // Skipped without Chromium, except in CI (or AUTOINDEX_REQUIRE_BROWSER=1), where it fails.
  describe.skipIf(skipBrowser)("in headless Chromium", () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(() => browser?.close());

    /** A page that records console errors, page errors, failed requests and the GraphQL requests it sends. */
    async function open(width = 1280) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const problems: string[] = [];
      const graphql: { method: string; url: string; body: string | null }[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
      page.on("requestfailed", (r) => problems.push(`failed: ${r.url()}`));
      page.on("request", (r) => {
        if (new URL(r.url()).pathname === "/graphql")
          graphql.push({ method: r.method(), url: r.url(), body: r.postData() });
      });
      return { page, problems, graphql };
    }

    /** Waits for a chart to be drawn and returns the points it plotted. */
    async function points(page: Page, chart: string): Promise<number> {
      const host = page.locator(`[data-chart="${chart}"][data-drawn="true"]`);
      await host.waitFor({ timeout: 30_000 });
      return Number(await host.getAttribute("data-points"));
    }

    const api = async (query: string, variables = {}, headers = {}) => {
      const res = await s.post(query, variables, headers);
      expect(res.body.errors).toBeUndefined();
      return res.body.data;
    };

    it("overview: index vs benchmark, drawdown, metrics of every window, allocations, alerts", async () => {
      const { page, problems } = await open();
      await page.goto(`${s.url}/dashboard`);
      const { indexSeries, benchmarkComparison } = await api(
        "{ indexSeries { dates } benchmarkComparison { available series { benchmark } } }",
      );
      const days = indexSeries.dates.length;
      expect(days).toBeGreaterThan(1000);
      const benchmarkPoints = benchmarkComparison.series.filter(
        (p: { benchmark: unknown }) => p.benchmark != null,
      ).length;
      expect(benchmarkComparison.available).toBe(true);
      expect(await points(page, "overview-level")).toBe(days + benchmarkPoints);
      expect(await points(page, "overview-drawdown")).toBe(days);
      const metrics = page.locator("table.metrics");
      for (const w of ["1M", "3M", "YTD", "1Y", "3Y", "ALL"])
        await expect.poll(() => metrics.locator("thead").innerText()).toContain(w);
      const all = await api("{ riskMetrics(window: ALL) { maxDrawdown totalReturn } }");
      const text = await metrics.innerText();
      // Decimals shown as percent, losses negative: the API's -0.2029 is "-20.29%".
      expect(text).toContain(`${(all.riskMetrics.maxDrawdown * 100).toFixed(2)}%`);
      expect(all.riskMetrics.maxDrawdown).toBeLessThan(0);
      expect(await page.getByTestId("conventions").innerText()).toMatch(/252 periods a year/);
      expect(await page.locator("#alloc-assets tbody tr").count()).toBeGreaterThan(10);
      expect(await page.locator("#alloc-sectors tbody tr").count()).toBeGreaterThan(3);
      expect(await page.locator("#alerts tbody tr").count()).toBeGreaterThan(0);
      expect(await page.locator("#events tbody tr").count()).toBeGreaterThan(0);
      // The tooltip: the date and each series' value under the cursor.
      const box = (await page.locator('[data-chart="overview-level"] .u-over').boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const tip = page.locator('[data-chart="overview-level"] .chart-tip');
      await expect
        .poll(() => tip.innerText())
        .toMatch(/^\d{4}-\d{2}-\d{2}\nIndex: \d+\.\d{2}\nSPY \(rebased\): \d+\.\d{2}$/);
      expect(problems).toEqual([]);
      await page.close();
    });

    it("assets: search, sectors, pages, prices with flags, weights, a comparison in one request", async () => {
      const { page, problems, graphql } = await open();
      await page.goto(`${s.url}/dashboard#/assets`);
      const rows = page.locator('[data-testid="asset-table"] tbody tr');
      await expect.poll(() => rows.count()).toBe(20);
      await page.getByRole("button", { name: "Next" }).click();
      await expect.poll(() => page.locator(".pager").innerText()).toMatch(/Page 2 of 3/);
      await page.getByLabel("Sector").selectOption("Energy");
      await expect.poll(() => page.locator(".pager").innerText()).toMatch(/Page 1 of 1/);
      for (const sector of await rows.locator("td:nth-child(3)").allInnerTexts()) expect(sector).toBe("Energy");
      await page.getByLabel("Sector").selectOption("");
      await page.getByRole("searchbox", { name: "Search" }).fill("aeroway");
      await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringMatching(/^ARW\tAeroway Logistics/)]);
      await rows.getByRole("link", { name: "ARW" }).click();
      const { asset, dataQuality, rebalances } = await api(
        `{ asset(symbol: "ARW") { id priceSeries { dates } weights { date weight } }
           dataQuality(symbols: ["ARW"], first: 500) { rows { date } } rebalances { date } }`,
      );
      expect(asset.weights.length).toBeGreaterThan(0);
      expect(dataQuality.rows.length).toBeGreaterThan(0);
      expect(await points(page, "asset-price")).toBe(asset.priceSeries.dates.length + dataQuality.rows.length);
      expect(await points(page, "asset-weight")).toBe(rebalances.length);
      await page.locator("#asset-detail").getByRole("button", { name: "1Y" }).click();
      // The range asked of the API: 2024-12-31 (a year before the latest close) to the latest close.
      await expect
        .poll(() => page.locator("#asset-detail figcaption").first().innerText())
        .toMatch(/2024-12-31 to 2025-12-31/);
      const yearPoints = await points(page, "asset-price");
      expect(yearPoints).toBeGreaterThan(240);
      expect(yearPoints).toBeLessThan(300);

      await points(page, "compare");
      graphql.length = 0;
      await page.getByLabel(/Symbols/).fill("ARW, BRNS, CSL, HLXD, KVR");
      await page.getByRole("button", { name: "Compare" }).click();
      await expect.poll(() => page.locator("#compare figcaption").innerText()).toMatch(/^ARW, BRNS, CSL, HLXD, KVR:/);
      const compare = await points(page, "compare");
      expect(compare).toBeGreaterThan(5 * 240);
      // One GraphQL request for all five assets (a GET with the persisted query's hash).
      expect(graphql).toHaveLength(1);
      const url = new URL(graphql[0].url);
      expect(url.searchParams.get("operationName")).toBe("CompareAssets");
      expect(JSON.parse(url.searchParams.get("variables")!).symbols).toEqual(["ARW", "BRNS", "CSL", "HLXD", "KVR"]);
      // Their whole history, still one request within the cost limit (five years of the demo data each).
      await page.getByRole("group", { name: "Comparison range" }).getByRole("button", { name: "ALL" }).click();
      await expect.poll(() => page.locator("#compare figcaption").innerText()).toMatch(/^ARW, BRNS, CSL, HLXD, KVR:/);
      await expect.poll(() => points(page, "compare")).toBeGreaterThan(5 * 1200);
      expect(await page.locator("#compare [role=alert]").count()).toBe(0);
      expect(problems).toEqual([]);
      await page.close();
    });

    it("data: the data-quality summary and the flagged prices", async () => {
      const { page, problems } = await open();
      await page.goto(`${s.url}/dashboard#/data`);
      const { dataQuality } = await api("{ dataQuality(first: 1) { summary { rows outlier } } }");
      await expect.poll(() => page.locator("#dq-summary").innerText()).toContain(String(dataQuality.summary.rows));
      await expect.poll(() => page.locator('[data-testid="dq-table"] tbody tr').count()).toBe(200);
      await page.getByRole("checkbox", { name: "outlier" }).check();
      await expect
        .poll(async () => new Set(await page.locator('[data-testid="dq-table"] tbody td:nth-child(4)').allInnerTexts()))
        .toEqual(new Set(["outlier"]));
      expect(problems).toEqual([]);
      await page.close();
    });

    async function signIn(page: Page, email: string) {
      await page.goto(`${s.url}/dashboard#/strategy`);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByText(`Signed in as ${email}`).waitFor({ timeout: 30_000 });
    }

    it("strategy (admin): sign in, edit, preview against the current index, apply with a reason, history", async () => {
      const { page, problems } = await open();
      const before = await api("{ strategyConfig { version momentumWeight } indexSeries { values } }");
      await signIn(page, "admin@example.com");
      const form = page.getByRole("form", { name: "Edit the strategy" });
      await form.waitFor();
      await page.getByLabel("Momentum weight").fill("0.6");
      await page.getByLabel("Market-cap weight").fill("0.1");
      await page.getByRole("button", { name: "Preview" }).click();
      expect(await points(page, "preview-levels")).toBeGreaterThan(2 * 1000);
      const preview = page.getByTestId("preview");
      await expect
        .poll(() => preview.locator("table.compare").innerText())
        .toMatch(/Total return\t-?\d+\.\d{2}%\t-?\d+\.\d{2}%/);
      const apply = page.getByRole("button", { name: `Apply as version ${before.strategyConfig.version + 1}` });
      expect(await apply.isDisabled()).toBe(true); // a reason is required
      await page.getByLabel(/Reason for the change/).fill("more momentum, less market cap");
      await apply.click();
      await page.getByText(`Applied as version ${before.strategyConfig.version + 1}`).waitFor({ timeout: 60_000 });
      await expect.poll(() => page.getByTestId("history").innerText()).toContain("more momentum, less market cap");
      const after = await api("{ strategyConfig { version momentumWeight marketCapWeight } indexSeries { values } }");
      expect(after.strategyConfig).toEqual({
        version: before.strategyConfig.version + 1,
        momentumWeight: 0.6,
        marketCapWeight: 0.1,
      });
      expect(after.indexSeries.values).not.toEqual(before.indexSeries.values); // recomputed
      expect(await page.getByTestId("strategy-version").innerText()).toBe(String(after.strategyConfig.version));

      // A stale version: another admin changes the strategy meanwhile; the apply is refused and explained.
      await page.getByLabel("Transaction cost").fill("5");
      await page.getByRole("button", { name: "Preview" }).click();
      await preview.waitFor();
      await api(
        UPDATE,
        { input: { transactionCostBps: 2 }, reason: "someone else", v: after.strategyConfig.version },
        admin.headers,
      );
      await page.getByLabel(/Reason for the change/).fill("costs");
      await page.getByRole("button", { name: /Apply as version/ }).click();
      const conflict = page.getByTestId("conflict");
      await expect.poll(() => conflict.innerText()).toMatch(/changed the strategy after you loaded version \d+/);
      await conflict.getByRole("button", { name: "Reload the current version" }).click();
      await expect
        .poll(() => page.getByTestId("strategy-version").innerText())
        .toBe(String(after.strategyConfig.version + 1));
      expect(problems).toEqual([]);
      await page.close();
    });

    it("strategy (non-admin): read-only, told why, and the API refuses a change", async () => {
      const { page, problems } = await open();
      await signIn(page, "reader@example.com");
      await expect.poll(() => page.getByTestId("read-only").innerText()).toMatch(/only admins may change the strategy/);
      expect(await page.getByRole("form", { name: "Edit the strategy" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: /Apply|Preview/ }).count()).toBe(0);
      expect(await page.getByTestId("strategy-config").innerText()).toContain("Momentum weight");
      await page.getByTestId("history").waitFor(); // any signed-in user reads the audit trail
      // Even sent by hand with the reader's token, a change is FORBIDDEN.
      const refused = await page.evaluate(async () => {
        const session = JSON.parse((globalThis as any).sessionStorage.getItem("autoindex.session"));
        const res = await fetch("/graphql", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${session.accessToken}` },
          body: JSON.stringify({
            query: `mutation { updateStrategyConfig(input: { momentumWeight: 0.5, marketCapWeight: 0.2 },
              reason: "x", expectedVersion: 1) { config { version } } }`,
          }),
        });
        const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
        return body.errors?.[0]?.extensions?.code;
      });
      expect(refused).toBe("FORBIDDEN");
      expect(problems).toEqual([]);
      await page.close();
    });

    it("is usable at 390 px: no view is wider than the screen, and its controls are labelled", async () => {
      const { page, problems } = await open(390);
      for (const [view, chart] of [
        ["overview", "overview-level"],
        ["assets/ARW", "asset-price"],
        ["data", null],
        ["strategy", null],
      ] as const) {
        await page.goto(`${s.url}/dashboard#/${view}`);
        await page.locator(`[data-view]`).first().waitFor();
        if (chart) expect(await points(page, chart)).toBeGreaterThan(0);
        else await page.waitForLoadState("networkidle");
        expect(
          await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number),
          view,
        ).toBeLessThanOrEqual(390);
        // Every form control has an accessible name (a label or aria-label).
        const unlabelled = await page.$$eval(
          "input, select, textarea, button",
          (els) =>
            els.filter(
              (e) =>
                !(e as { labels?: unknown[] }).labels?.length &&
                !e.getAttribute("aria-label") &&
                !e.textContent?.trim(),
            ).length,
        );
        expect(unlabelled, view).toBe(0);
      }
      // The views are reachable from the keyboard: Tab reaches the navigation links.
      await page.goto(`${s.url}/dashboard`);
      await page.locator("[data-view]").waitFor();
      const focused: string[] = [];
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press("Tab");
        focused.push(
          await page.evaluate(() => ((globalThis as any).document.activeElement?.textContent?.trim() ?? "") as string),
        );
      }
      expect(focused).toEqual(expect.arrayContaining(["Overview", "Assets", "Strategy", "Data"]));
      expect(problems).toEqual([]);
      await page.close();
    });
  });
});
