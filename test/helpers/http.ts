import type { Logger } from "pino";
import type { Env } from "../../src/config.js";
import { startHttpServer, type RunningServer } from "../../src/http/server.js";
import { createTestApp, type TestApp } from "./db.js";

export interface HttpResult {
  status: number;
  headers: Headers;
  body: any;
}

export interface TestServer extends TestApp {
  url: string;
  /** POST /graphql with a JSON body; `headers` may carry authorization, accept, x-admin-token. */
  post(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<HttpResult>;
  get(path: string, headers?: Record<string, string>): Promise<HttpResult>;
}

async function toResult(res: Response): Promise<HttpResult> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, headers: res.headers, body };
}

/** The whole API on an ephemeral port, for end-to-end tests over real HTTP. */
export async function startTestServer(
  overrides: Partial<Env> = {},
  options: { log?: Logger } = {},
): Promise<TestServer> {
  const t = await createTestApp(overrides, options);
  let running: RunningServer;
  try {
    running = await startHttpServer(t.app, 0, "127.0.0.1");
  } catch (err) {
    await t.close();
    throw err;
  }
  const base = `${running.url}`;
  return {
    ...t,
    url: base,
    async post(query, variables = {}, headers = {}) {
      const res = await fetch(`${base}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json, application/json",
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return toResult(res);
    },
    async get(path, headers = {}) {
      return toResult(await fetch(`${base}${path}`, { headers }));
    },
    async close() {
      // running.close() stops the server, then the app (Apollo + database); then drop the test schema.
      await running.live?.close();
      running.server.close();
      running.server.closeAllConnections();
      await t.close();
    },
  };
}
