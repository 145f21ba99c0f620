import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The offline GraphiQL playground: the page and its UMD files are served by the API itself
 * (no CDN). Subscriptions run over WebSocket with graphql-ws's client; the headers editor's
 * `authorization` / `x-admin-token` go in connection_init. `npm run build` copies the files to
 * dist/playground; from sources they are read from node_modules (graphiql and react are
 * devDependencies).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const PLAYGROUND_ASSETS: Record<string, { module: string; file: string; type: string }> = {
  "react.production.min.js": {
    module: "react",
    file: "umd/react.production.min.js",
    type: "text/javascript; charset=utf-8",
  },
  "react-dom.production.min.js": {
    module: "react-dom",
    file: "umd/react-dom.production.min.js",
    type: "text/javascript; charset=utf-8",
  },
  "graphiql.min.js": { module: "graphiql", file: "graphiql.min.js", type: "text/javascript; charset=utf-8" },
  "graphiql.min.css": { module: "graphiql", file: "graphiql.min.css", type: "text/css; charset=utf-8" },
  // Subscriptions from the playground (graphql-ws is a dependency of the server anyway).
  "graphql-ws.min.js": { module: "graphql-ws", file: "umd/graphql-ws.min.js", type: "text/javascript; charset=utf-8" },
};

function assetPath(name: string): string | null {
  const spec = PLAYGROUND_ASSETS[name];
  if (!spec) return null;
  const copied = path.resolve(here, "../../playground", name);
  if (existsSync(copied)) return copied;
  try {
    return path.join(path.dirname(require.resolve(`${spec.module}/package.json`)), spec.file);
  } catch {
    return null;
  }
}

const cache = new Map<string, Buffer>();

/** The bytes and content type of a playground asset, or null when unknown or not installed. */
export async function readPlaygroundAsset(name: string): Promise<{ body: Buffer; type: string } | null> {
  const file = assetPath(name);
  if (!file) return null;
  let body = cache.get(name);
  if (!body) {
    try {
      body = await readFile(file);
    } catch {
      return null;
    }
    cache.set(name, body);
  }
  return { body, type: PLAYGROUND_ASSETS[name].type };
}

export const DEFAULT_QUERY = `# Welcome to AutoIndex. Press Ctrl+Enter to run.
query Dashboard {
  strategyConfig { rebalanceFrequency momentumWeight marketCapWeight riskParityWeight lastRebalance }
  indexValues(from: "2025-12-01") { date value }
  riskMetrics(window: ONE_YEAR) { startDate endDate totalReturn volatility sharpeRatio maxDrawdown }
  allocations { date weight asset { symbol sector } }
  assets(first: 3) {
    totalCount
    edges { node { symbol name sector prices(from: "2025-12-22", to: "2025-12-31") { date close } } }
  }
}
`;

/** The page; `nonce` (see pageCsp in security-headers.ts) lets its inline script and style run under the CSP. */
export function playgroundHtml(endpoint: string, nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>AutoIndex GraphQL playground</title>
  <link rel="stylesheet" href="/playground/graphiql.min.css">
  <style nonce="${nonce}">html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading the playground…</div>
  <script src="/playground/react.production.min.js"></script>
  <script src="/playground/react-dom.production.min.js"></script>
  <script src="/playground/graphiql.min.js"></script>
  <script src="/playground/graphql-ws.min.js"></script>
  <script nonce="${nonce}">
    // GraphiQL's scroll lock injects a <style> and tags it with this nonce (the CSP allows no other inline style).
    window.__webpack_nonce__ = ${JSON.stringify(nonce)};
    const wsUrl = new URL(${JSON.stringify(endpoint)}, location.href);
    wsUrl.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    // The operation GraphiQL runs is a subscription: comments stripped, named or the only one.
    const isSubscription = (params) => {
      const text = (params.query || "").replace(/#.*$/gm, "");
      const words = text.split(/[^A-Za-z0-9_]+/).filter(Boolean);
      const name = params.operationName;
      return name ? words.some((w, i) => w === "subscription" && words[i + 1] === name) : words[0] === "subscription";
    };
    const subscribe = (params, headers) => {
      const client = graphqlWs.createClient({ url: wsUrl.href, connectionParams: headers || {}, retryAttempts: 0 });
      const results = client.iterate(params);
      return {
        [Symbol.asyncIterator]() {
          return {
            next: () => results.next(),
            async return() {
              await results.return?.();
              await client.dispose();
              return { done: true, value: undefined };
            },
          };
        },
      };
    };
    const fetcher = async (params, options) => {
      if (isSubscription(params)) return subscribe(params, options && options.headers);
      const res = await fetch(${JSON.stringify(endpoint)}, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json, application/json",
          ...(options && options.headers),
        },
        body: JSON.stringify(params),
      });
      return res.json();
    };
    ReactDOM.createRoot(document.getElementById("graphiql")).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
        defaultEditorToolsVisibility: true,
      }),
    );
  </script>
</body>
</html>`;
}
