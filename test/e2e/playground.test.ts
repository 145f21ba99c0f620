import type { Browser } from "playwright-core";
import { parse, validate } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_QUERY } from "../../src/http/playground.js";
import { recomputeIndex } from "../helpers/services.js";
import { seedUniverse } from "../helpers/fixtures.js";
import { launchChromium, skipBrowser } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/http.js";

describe("playground", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await seedUniverse(s.db, 3, 5, "2024-05-01");
  });
  afterAll(() => s?.close());

  it("opens on a query that is valid against the schema", () => {
    expect(validate(s.app.schema, parse(DEFAULT_QUERY))).toEqual([]);
  });

  it("serves the page and its five assets itself, with a charset (no CDN)", async () => {
    const page = await fetch(`${s.url}/playground`);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await page.text();
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z]/i);
    for (const asset of [
      "react.production.min.js",
      "react-dom.production.min.js",
      "graphiql.min.js",
      "graphiql.min.css",
      "graphql-ws.min.js",
    ]) {
      const res = await fetch(`${s.url}/playground/${asset}`);
      expect(res.status, asset).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    const browserGet = await fetch(`${s.url}/graphql`, { headers: { accept: "text/html,application/xhtml+xml" } });
    expect(await browserGet.text()).toContain("AutoIndex GraphQL playground");
  });

  // Skipped without Chromium, except in CI (or AUTOINDEX_REQUIRE_BROWSER=1), where it fails.
  describe.skipIf(skipBrowser)("in headless Chromium", () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(() => browser?.close());

    /**
     * Opens the playground, replaces the editor's document with `document` and runs it with
     * Ctrl+Enter; collects failed requests and Content-Security-Policy refusals (the page runs
     * under its CSP: nothing it needs may be refused).
     */
    async function runInPlayground(document: string) {
      const page = await browser.newPage();
      const failed: string[] = [];
      page.on("requestfailed", (r) => failed.push(r.url()));
      const refused: string[] = [];
      page.on("console", (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
      });
      await page.goto(`${s.url}/playground`);
      const editor = page.locator(".graphiql-query-editor .CodeMirror").first();
      await editor.waitFor({ timeout: 30_000 });
      await editor.click();
      await page.keyboard.press("Control+A");
      await page.keyboard.press("Delete");
      await page.keyboard.insertText(document);
      await page.waitForTimeout(1000); // GraphiQL re-parses the operation name after a debounce
      await page.keyboard.press("Control+Enter");
      return { page, refused, failed };
    }

    it("runs a typed query with Ctrl+Enter and shows the result", async () => {
      const { page, refused, failed } = await runInPlayground(
        'query Typed { asset(symbol: "SYM001") { symbol prices(from: "2024-05-02", to: "2024-05-03") { date close ' +
          "} } }",
      );
      const result = page.locator(".graphiql-response");
      await expect.poll(async () => result.textContent(), { timeout: 30_000 }).toMatch(/2024-05-03|errors/);
      const text = await result.textContent();
      expect(text).toContain('"symbol": "SYM001"');
      expect(text).not.toContain("Â");
      expect(failed).toEqual([]);
      // A dialog makes GraphiQL inject its scroll-lock <style> (allowed by the page's nonce).
      await page.locator('button[aria-label="Open settings dialog"]').click();
      await page.getByRole("dialog").waitFor({ timeout: 10_000 });
      await page.keyboard.press("Escape");
      await page.waitForTimeout(300);
      expect(refused).toEqual([]);
      await page.close();
    });

    it("runs a subscription over WebSocket and shows its events", async () => {
      const { page, refused } = await runInPlayground("subscription Live { indexUpdated { eventId latestDate } }");
      await expect.poll(() => s.app.live.hub.subscriptions, { timeout: 30_000 }).toBeGreaterThan(0);
      await recomputeIndex(s.db);
      const result = page.locator(".graphiql-response");
      // Five days are too few for an index level: the event says so (latestDate null) and arrives.
      await expect.poll(async () => result.innerText(), { timeout: 30_000 }).toMatch(/"eventId": "\d+"/);
      expect(refused).toEqual([]);
      await page.close();
    });
  });
});
