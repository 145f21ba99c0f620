// The HTTP half of the fuzzer: malformed requests written byte by byte on raw sockets (bad
// JSON, wrong content types, oversized headers and bodies, slow and truncated bodies, bad
// methods, huge query strings, bad percent-encoding, duplicate headers, chunked encoding
// errors, request-line garbage). Each case names what it sends and whether "no answer" is an
// acceptable end (a stalled upload is reset by design; a client that hangs up gets nothing).
import type { JudgeOptions, RawStep } from "./fuzz-client.js";

export interface HttpCase extends JudgeOptions {
  name: string;
  group: string;
  steps: RawStep[];
  /** Longest this case may take (slow cases wait for the server's timeouts). */
  timeoutMs?: number;
}

export interface HttpCaseContext {
  /** host:port, for the Host header. */
  host: string;
  maxBodyBytes: number;
  /** The server's timeouts, so the slow cases outlast them. */
  headersTimeoutMs: number;
  bodyIdleTimeoutMs: number;
  requestTimeoutMs: number;
  userBearer: string;
  adminToken?: string;
}

const Q = JSON.stringify({ query: "{ __typename }" });

function req(
  method: string,
  path: string,
  headers: [string, string][],
  body?: string | Buffer,
  version = "HTTP/1.1",
): Buffer {
  const head = `${method} ${path} ${version}\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`;
  return Buffer.concat([
    Buffer.from(head, "latin1"),
    typeof body === "string" ? Buffer.from(body) : (body ?? Buffer.alloc(0)),
  ]);
}

/** A complete POST /graphql with a body and its Content-Length. */
function post(ctx: HttpCaseContext, body: string | Buffer, headers: [string, string][] = [], path = "/graphql") {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  return req(
    "POST",
    path,
    [["Host", ctx.host], ["Content-Type", "application/json"], ["Content-Length", String(bytes.length)], ...headers],
    bytes,
  );
}

const get = (ctx: HttpCaseContext, path: string, headers: [string, string][] = []) =>
  req("GET", path, [["Host", ctx.host], ["Accept", "application/json"], ["apollo-require-preflight", "1"], ...headers]);

const once = (bytes: Buffer): RawStep[] => [{ write: bytes }];

export function httpCases(ctx: HttpCaseContext): HttpCase[] {
  const cases: HttpCase[] = [];
  const add = (
    group: string,
    name: string,
    steps: RawStep[],
    options: Omit<HttpCase, "name" | "group" | "steps"> = {},
  ) => cases.push({ group, name, steps, ...options });

  // ---- bad JSON ----
  const badJson: [string, string | Buffer][] = [
    ["unterminated object", "{"],
    ["unterminated string", '{"query": "{ __typename }'],
    ["bare word", "nul"],
    ["trailing garbage", `${Q} trailing`],
    ["two objects", `${Q}${Q}`],
    ["byte order mark", `\ufeff${Q}`],
    ["invalid UTF-8", Buffer.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0xc3, 0x28, 0x7d])],
    [
      "invalid UTF-8 inside the query",
      Buffer.concat([Buffer.from('{"query":"{ a'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(' }"}')]),
    ],
    ["NUL bytes", Buffer.from(`{"query":"\u0000{ __typename }"}\u0000`)],
    ["single quotes", "{'query': '{ __typename }'}"],
    [
      "NaN literal",
      '{"query":"query($f: Float!) { analyzeReturns(returns: [$f]) { volatility } }","variables":{"f":NaN}}',
    ],
    ["Infinity literal", '{"query":"{ __typename }","variables":{"f":Infinity}}'],
    [
      "1e999 number",
      '{"query":"query($f: Float!) { analyzeReturns(returns: [0.1], riskFreeRate: $f) { volatility } }",' +
        '"variables":{"f":1e999}}',
    ],
    ["duplicate keys", '{"query":"{ __typename }","query":"{ me { id } }"}'],
    ["__proto__ key", '{"query":"{ __typename }","__proto__":{"polluted":true},"variables":{"__proto__":{"x":1}}}'],
    ["100,000 nested arrays", "[".repeat(100_000)],
    ["100,000 nested objects closed", `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`],
    ["whitespace only", " \n\t "],
    ["empty body with length 0", ""],
    ["JSON string", JSON.stringify("{ __typename }")],
    ["JSON number", "12345678901234567890e500"],
  ];
  for (const [name, body] of badJson) add("bad JSON", name, once(post(ctx, body)));

  // ---- wrong content types ----
  const types = [
    "text/plain",
    "text/plain; charset=utf-8",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=xyz",
    "application/xml",
    "application/graphql",
    "application/graphql-response+json",
    "application/json; charset=utf-16",
    "application/json; charset=latin1",
    "APPLICATION/JSON",
    "application/jsonx",
    "application/json, text/plain",
    "*/*",
    ";;;",
    "\u00e9/\u00e9",
  ];
  for (const type of types)
    add(
      "content type",
      type,
      once(
        req(
          "POST",
          "/graphql",
          [
            ["Host", ctx.host],
            ["Content-Type", type],
            ["Content-Length", String(Q.length)],
          ],
          Q,
        ),
      ),
    );
  add(
    "content type",
    "none",
    once(
      req(
        "POST",
        "/graphql",
        [
          ["Host", ctx.host],
          ["Content-Length", String(Q.length)],
        ],
        Q,
      ),
    ),
  );
  add(
    "content type",
    "form-encoded query",
    once(
      req(
        "POST",
        "/graphql",
        [
          ["Host", ctx.host],
          ["Content-Type", "application/x-www-form-urlencoded"],
          ["Content-Length", "22"],
        ],
        "query=%7B__typename%7D",
      ),
    ),
  );
  add("content type", "gzip content-encoding, plain body", once(post(ctx, Q, [["Content-Encoding", "gzip"]])));

  // ---- oversized headers ----
  add(
    "oversized headers",
    "one 20 KiB header",
    once(get(ctx, "/graphql?query=%7B__typename%7D", [["X-Big", "a".repeat(20_000)]])),
  );
  add(
    "oversized headers",
    "3,000 small headers",
    once(
      get(
        ctx,
        "/graphql?query=%7B__typename%7D",
        Array.from({ length: 3000 }, (_, i) => [`X-H${i}`, "v"]),
      ),
    ),
  );
  add(
    "oversized headers",
    "1,500 headers within the size limit",
    once(
      get(
        ctx,
        "/graphql?query=%7B__typename%7D",
        Array.from({ length: 1500 }, () => ["X", "v"]),
      ),
    ),
  );
  add("oversized headers", "8 KiB bearer token", once(post(ctx, Q, [["Authorization", `Bearer ${"a".repeat(8000)}`]])));
  add("oversized headers", "8 KiB x-admin-token", once(post(ctx, Q, [["X-Admin-Token", "b".repeat(8000)]])));
  add(
    "oversized headers",
    "8 KiB if-none-match",
    once(get(ctx, "/graphql?query=%7B__typename%7D", [["If-None-Match", `W/"${"c".repeat(8000)}"`]])),
  );
  add("oversized headers", "8 KiB x-request-id", once(post(ctx, Q, [["X-Request-Id", "d".repeat(8000)]])));
  add("oversized headers", "8 KiB x-forwarded-for", once(post(ctx, Q, [["X-Forwarded-For", "1.2.3.4, ".repeat(800)]])));
  add("oversized headers", "8 KiB accept", once(post(ctx, Q, [["Accept", "application/json;q=0.5, ".repeat(300)]])));
  add(
    "oversized headers",
    "8 KiB accept-encoding",
    once(post(ctx, Q, [["Accept-Encoding", "gzip;q=0.1, br;q=NaN, ".repeat(300)]])),
  );

  // ---- odd header values ----
  const oddHeaders: [string, [string, string][]][] = [
    ["authorization Basic", [["Authorization", "Basic dXNlcjpwYXNz"]]],
    ["authorization Bearer empty", [["Authorization", "Bearer "]]],
    ["authorization alg none JWT", [["Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."]]],
    ["authorization three dots", [["Authorization", "Bearer a.b.c"]]],
    ["authorization latin1 bytes", [["Authorization", "Bearer \u00ff\u00fe"]]],
    ["x-admin-token wrong", [["X-Admin-Token", "wrong"]]],
    ["x-request-id odd", [["X-Request-Id", "../../\u00e9 ;drop"]]],
    ["x-forwarded-for garbage", [["X-Forwarded-For", "not an address, ::ffff:999.1.1.1, [::1]:80"]]],
    ["accept nonsense", [["Accept", ";q=;q=,,,*/*;q=abc"]]],
    ["accept-encoding nonsense", [["Accept-Encoding", "br;q=-1, gzip;q=2, *;q=NaN, deflate"]]],
    ["if-none-match star", [["If-None-Match", "*"]]],
    ["origin null", [["Origin", "null"]]],
    ["expect 100-continue", [["Expect", "100-continue"]]],
    ["expect unknown", [["Expect", "something-else"]]],
    [
      "connection upgrade websocket",
      [
        ["Connection", "Upgrade"],
        ["Upgrade", "websocket"],
      ],
    ],
    [
      "upgrade h2c",
      [
        ["Connection", "Upgrade, HTTP2-Settings"],
        ["Upgrade", "h2c"],
        ["HTTP2-Settings", "AAMAAABkAAQCAAAAAAIAAAAA"],
      ],
    ],
    ["range header", [["Range", "bytes=0-1,5-3"]]],
  ];
  for (const [name, headers] of oddHeaders) add("odd headers", name, once(post(ctx, Q, headers)));
  add(
    "odd headers",
    "OPTIONS preflight with huge request headers list",
    once(
      req("OPTIONS", "/graphql", [
        ["Host", ctx.host],
        ["Origin", "https://evil.example"],
        ["Access-Control-Request-Method", "POST"],
        ["Access-Control-Request-Headers", "x-a,".repeat(2000)],
      ]),
    ),
  );
  add(
    "odd headers",
    "NUL in a header value",
    once(
      Buffer.from(
        `POST /graphql HTTP/1.1\r\nHost: ${ctx.host}\r\nX-A: a\0b\r\nContent-Length: ${Q.length}\r\n` +
          `Content-Type: application/json\r\n\r\n${Q}`,
        "latin1",
      ),
    ),
  );
  add(
    "odd headers",
    "space in a header name",
    once(Buffer.from(`POST /graphql HTTP/1.1\r\nHost: ${ctx.host}\r\nX A: b\r\nContent-Length: 2\r\n\r\n{}`)),
  );
  add(
    "odd headers",
    "header without colon",
    once(Buffer.from(`GET /healthz HTTP/1.1\r\nHost: ${ctx.host}\r\nnocolon\r\n\r\n`)),
  );
  add(
    "odd headers",
    "obsolete line folding",
    once(Buffer.from(`GET /healthz HTTP/1.1\r\nHost: ${ctx.host}\r\nX-A: a\r\n  folded\r\n\r\n`)),
  );
  add("odd headers", "bare LF line endings", once(Buffer.from(`GET /healthz HTTP/1.1\nHost: ${ctx.host}\n\n`)), {
    graphql: false,
  });

  // ---- oversized bodies ----
  add(
    "oversized body",
    "announced 100 MB",
    once(
      req(
        "POST",
        "/graphql",
        [
          ["Host", ctx.host],
          ["Content-Type", "application/json"],
          ["Content-Length", "100000000"],
        ],
        "{",
      ),
    ),
  );
  add(
    "oversized body",
    "announced limit + 1, sent whole",
    once(post(ctx, `{"query":"{ __typename }","x":"${"a".repeat(ctx.maxBodyBytes)}"}`)),
  );
  const chunk = `${(64 * 1024).toString(16)}\r\n${"a".repeat(64 * 1024)}\r\n`;
  add("oversized body", "chunked, unannounced, past the limit", [
    {
      write: req("POST", "/graphql", [
        ["Host", ctx.host],
        ["Content-Type", "application/json"],
        ["Transfer-Encoding", "chunked"],
      ]),
    },
    ...Array.from({ length: Math.ceil(ctx.maxBodyBytes / (64 * 1024)) + 4 }, () => ({ write: chunk })),
    { write: "0\r\n\r\n" },
  ]);
  add(
    "oversized body",
    "Content-Length larger than 2^53",
    once(
      req(
        "POST",
        "/graphql",
        [
          ["Host", ctx.host],
          ["Content-Type", "application/json"],
          ["Content-Length", "99999999999999999999"],
        ],
        Q,
      ),
    ),
  );
  add(
    "oversized body",
    "negative Content-Length",
    once(
      req(
        "POST",
        "/graphql",
        [
          ["Host", ctx.host],
          ["Content-Type", "application/json"],
          ["Content-Length", "-5"],
        ],
        Q,
      ),
    ),
  );
  add(
    "oversized body",
    "Content-Length not a number",
    once(
      req(
        "POST",
        "/graphql",
        [
          ["Host", ctx.host],
          ["Content-Type", "application/json"],
          ["Content-Length", "12abc"],
        ],
        Q,
      ),
    ),
  );

  // ---- slow and truncated bodies ----
  const slowTimeout = Math.max(ctx.requestTimeoutMs, ctx.headersTimeoutMs, ctx.bodyIdleTimeoutMs) + 15_000;
  add(
    "slow",
    "body stalls half way (reset by design)",
    [
      {
        write: req(
          "POST",
          "/graphql",
          [
            ["Host", ctx.host],
            ["Content-Type", "application/json"],
            ["Content-Length", "100"],
          ],
          '{"query":',
        ),
      },
    ],
    { allowNoAnswer: true, timeoutMs: slowTimeout },
  );
  add(
    "slow",
    "slowloris headers (a byte at a time past the headers timeout)",
    [
      { write: `POST /graphql HTTP/1.1\r\nHost: ${ctx.host}\r\n` },
      ...Array.from({ length: Math.ceil((ctx.headersTimeoutMs + 3000) / 500) }, () => ({ write: "X", pauseMs: 500 })),
    ],
    { allowNoAnswer: true, timeoutMs: slowTimeout },
  );
  add(
    "slow",
    "body trickles a byte per 40% of the idle timeout past the request timeout",
    [
      {
        write: req(
          "POST",
          "/graphql",
          [
            ["Host", ctx.host],
            ["Content-Type", "application/json"],
            ["Content-Length", "10000"],
          ],
          "{",
        ),
      },
      ...Array.from({ length: Math.ceil(ctx.requestTimeoutMs / (ctx.bodyIdleTimeoutMs * 0.4)) + 3 }, () => ({
        write: " ",
        pauseMs: Math.floor(ctx.bodyIdleTimeoutMs * 0.4),
      })),
    ],
    { allowNoAnswer: true, timeoutMs: ctx.requestTimeoutMs + slowTimeout },
  );
  add(
    "slow",
    "headers never finished, then silence",
    [{ write: `GET /graphql HTTP/1.1\r\nHost: ${ctx.host}\r\n`, pauseMs: ctx.headersTimeoutMs + 3000 }],
    { allowNoAnswer: true, timeoutMs: slowTimeout },
  );
  add(
    "truncated",
    "half the announced body, then FIN",
    [
      {
        write: req(
          "POST",
          "/graphql",
          [
            ["Host", ctx.host],
            ["Content-Type", "application/json"],
            ["Content-Length", "100"],
          ],
          '{"query":"{',
        ),
        end: true,
      },
    ],
    { allowNoAnswer: true, timeoutMs: slowTimeout },
  );
  add(
    "truncated",
    "one chunk then FIN",
    [
      {
        write: req("POST", "/graphql", [
          ["Host", ctx.host],
          ["Content-Type", "application/json"],
          ["Transfer-Encoding", "chunked"],
        ]),
      },
      { write: '5\r\n{"que\r\n', end: true },
    ],
    { allowNoAnswer: true, timeoutMs: slowTimeout },
  );
  add("truncated", "request line only, then FIN", [{ write: "POST /graphql HTTP/1.1\r\n", end: true }], {
    allowNoAnswer: true,
  });
  add("truncated", "connect and close", [{ end: true }], { allowNoAnswer: true });

  // ---- methods ----
  for (const method of ["PUT", "DELETE", "PATCH", "TRACE", "PROPFIND", "LOCK", "PURGE", "SEARCH"])
    add(
      "method",
      `${method} /graphql`,
      once(Buffer.from(post(ctx, Q).toString("latin1").replace(/^POST/, method), "latin1")),
    );
  add(
    "method",
    "HEAD /graphql",
    once(
      req("HEAD", "/graphql?query=%7B__typename%7D", [
        ["Host", ctx.host],
        ["apollo-require-preflight", "1"],
      ]),
    ),
    { head: true },
  );
  add("method", "HEAD /healthz", once(req("HEAD", "/healthz", [["Host", ctx.host]])), { head: true });
  add("method", "OPTIONS /graphql bare", once(req("OPTIONS", "/graphql", [["Host", ctx.host]])), { graphql: false });
  add("method", "OPTIONS *", once(req("OPTIONS", "*", [["Host", ctx.host]])), { graphql: false });
  add("method", "CONNECT", once(req("CONNECT", "example.com:443", [["Host", "example.com:443"]])), {
    allowNoAnswer: true,
  });
  add("method", "unknown token FOO", once(req("FOO", "/graphql", [["Host", ctx.host]])));
  add("method", "lowercase get", once(req("get", "/healthz", [["Host", ctx.host]])));
  add("method", "DELETE /healthz", once(req("DELETE", "/healthz", [["Host", ctx.host]])), { graphql: false });
  add("method", "POST /metrics", once(post(ctx, Q, [], "/metrics")), { graphql: false });
  add(
    "method",
    "mutation over GET",
    once(get(ctx, `/graphql?query=${encodeURIComponent("mutation { recomputeIndex { tradingDays } }")}`)),
  );

  // ---- query strings ----
  const typename = encodeURIComponent("{ __typename }");
  add(
    "query string",
    "10 KB query on GET",
    once(get(ctx, `/graphql?query=${encodeURIComponent(`{ ${"__typename ".repeat(900)}}`)}`)),
  );
  add("query string", "64 KB query on GET", once(get(ctx, `/graphql?query=${"a".repeat(64 * 1024)}`)));
  add("query string", "1 MB query on GET", once(get(ctx, `/graphql?query=${"a".repeat(1 << 20)}`)), {
    allowNoAnswer: true,
  });
  add("query string", "query string on POST", once(post(ctx, Q, [], `/graphql?query=${typename}&variables=%7B`)));
  const encodings = [
    `/graphql?query=%E0%A4%A`,
    `/graphql?query=%ZZ%__typename`,
    `/graphql?query=%7B%00__typename%7D`,
    `/graphql?query=%ED%A0%80`,
    `/graphql?query=%C0%AF`,
    `/graphql?query=${typename}&variables=%7B`,
    `/graphql?query=${typename}&variables=%5B1%5D`,
    `/graphql?query=${typename}&variables=null`,
    `/graphql?query=${typename}&extensions=%7B%22persistedQuery%22%3A1%7D`,
    `/graphql?query=${typename}&query=${encodeURIComponent("{ me { id } }")}`,
    `/graphql?query=${typename}&operationName=%FF`,
    `/graphql?&&&=&=&query`,
    `/graphql?query[]=x&query[a]=y`,
    `/graphql?${"a=b&".repeat(2000)}query=${typename}`,
    `/graphql/../graphql?query=${typename}`,
    `/graphql%00?query=${typename}`,
    `/%ZZ`,
    `/%`,
    `//graphql`,
    `/playground/%2e%2e/%2e%2e/package.json`,
    `/playground/..%2f..%2fpackage.json`,
    `/playground/%00`,
    `/playground/${"a".repeat(4000)}`,
    `http://evil.example/graphql?query=${typename}`,
    `/graphql#frag`,
    `/metrics?x=%`,
    `/readyz?%E0`,
  ];
  for (const path of encodings)
    add("query string", path.slice(0, 80), once(get(ctx, path)), { graphql: path.startsWith("/graphql?") });

  // ---- duplicate headers ----
  const dup: [string, [string, string][]][] = [
    [
      "two Content-Length, different",
      [
        ["Content-Length", String(Q.length)],
        ["Content-Length", "3"],
      ],
    ],
    [
      "two Content-Length, same",
      [
        ["Content-Length", String(Q.length)],
        ["Content-Length", String(Q.length)],
      ],
    ],
    [
      "two Content-Type",
      [
        ["Content-Length", String(Q.length)],
        ["Content-Type", "application/json"],
        ["Content-Type", "text/plain"],
      ],
    ],
    [
      "two Authorization",
      [
        ["Content-Length", String(Q.length)],
        ["Content-Type", "application/json"],
        ["Authorization", `Bearer ${ctx.userBearer}`],
        ["Authorization", "Bearer junk"],
      ],
    ],
    [
      "two x-admin-token",
      [
        ["Content-Length", String(Q.length)],
        ["Content-Type", "application/json"],
        ["X-Admin-Token", ctx.adminToken ?? "x"],
        ["X-Admin-Token", "y"],
      ],
    ],
    [
      "two Host",
      [
        ["Content-Length", String(Q.length)],
        ["Content-Type", "application/json"],
        ["Host", "other.example"],
      ],
    ],
    [
      "two Accept",
      [
        ["Content-Length", String(Q.length)],
        ["Content-Type", "application/json"],
        ["Accept", "application/json"],
        ["Accept", "text/html"],
      ],
    ],
    [
      "two x-request-id",
      [
        ["Content-Length", String(Q.length)],
        ["Content-Type", "application/json"],
        ["X-Request-Id", "a"],
        ["X-Request-Id", "b"],
      ],
    ],
    [
      "two Transfer-Encoding",
      [
        ["Content-Type", "application/json"],
        ["Transfer-Encoding", "chunked"],
        ["Transfer-Encoding", "chunked"],
      ],
    ],
    [
      "Content-Length and Transfer-Encoding",
      [
        ["Content-Type", "application/json"],
        ["Content-Length", "5"],
        ["Transfer-Encoding", "chunked"],
      ],
    ],
  ];
  for (const [name, headers] of dup) {
    const chunked = headers.some(([k]) => k === "Transfer-Encoding");
    const body = chunked ? `${Q.length.toString(16)}\r\n${Q}\r\n0\r\n\r\n` : Q;
    add("duplicate headers", name, once(req("POST", "/graphql", [["Host", ctx.host], ...headers], body)));
  }

  // ---- chunked encoding errors ----
  const chunkedHead = req("POST", "/graphql", [
    ["Host", ctx.host],
    ["Content-Type", "application/json"],
    ["Transfer-Encoding", "chunked"],
  ]);
  const chunkedBodies: [string, string][] = [
    ["non-hex size", `zz\r\n${Q}\r\n0\r\n\r\n`],
    ["size larger than data, then end", `ff\r\n${Q}\r\n0\r\n\r\n`],
    ["size 2^64", `ffffffffffffffffff\r\n${Q}\r\n0\r\n\r\n`],
    ["negative size", `-5\r\n{}\r\n0\r\n\r\n`],
    ["missing CRLF after data", `${Q.length.toString(16)}\r\n${Q}0\r\n\r\n`],
    ["chunk extension overflow", `1;${"a=b;".repeat(5000)}\r\n{\r\n0\r\n\r\n`],
    ["valid chunks with extensions", `${Q.length.toString(16)};x=y\r\n${Q}\r\n0\r\n\r\n`],
    ["trailer headers", `${Q.length.toString(16)}\r\n${Q}\r\n0\r\nX-Trailer: 1\r\n\r\n`],
    ["empty chunked body", `0\r\n\r\n`],
  ];
  for (const [name, body] of chunkedBodies)
    add("chunked", name, [{ write: Buffer.concat([chunkedHead, Buffer.from(body)]) }], {
      allowNoAnswer: name === "size larger than data, then end",
      timeoutMs: slowTimeout,
    });
  add(
    "chunked",
    "Transfer-Encoding gzip, chunked",
    once(
      req(
        "POST",
        "/graphql",
        [
          ["Host", ctx.host],
          ["Content-Type", "application/json"],
          ["Transfer-Encoding", "gzip, chunked"],
        ],
        `${Q.length.toString(16)}\r\n${Q}\r\n0\r\n\r\n`,
      ),
    ),
  );
  add(
    "chunked",
    "Transfer-Encoding chunked, identity",
    once(
      req(
        "POST",
        "/graphql",
        [
          ["Host", ctx.host],
          ["Content-Type", "application/json"],
          ["Transfer-Encoding", "chunked, identity"],
        ],
        Q,
      ),
    ),
  );
  add(
    "chunked",
    "Transfer-Encoding bogus",
    once(
      req(
        "POST",
        "/graphql",
        [
          ["Host", ctx.host],
          ["Content-Type", "application/json"],
          ["Transfer-Encoding", "bogus"],
        ],
        Q,
      ),
    ),
  );

  // ---- request lines and framing ----
  const lines: [string, string | Buffer][] = [
    ["garbage line", "GARBAGE\r\n\r\n"],
    ["binary junk", Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 73 + 11) % 256))],
    ["TLS ClientHello", Buffer.from("16030100a5010000a10303", "hex")],
    ["HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"],
    ["HTTP/0.9", "GET /healthz\r\n\r\n"],
    ["HTTP/1.0 without Host", "GET /healthz HTTP/1.0\r\n\r\n"],
    ["HTTP/1.1 without Host", "GET /healthz HTTP/1.1\r\n\r\n"],
    ["HTTP/9.9", "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n"],
    ["space in the path", `GET /graph ql HTTP/1.1\r\nHost: ${ctx.host}\r\n\r\n`],
    ["control characters in the path", `GET /graphql\u0001\u0002 HTTP/1.1\r\nHost: ${ctx.host}\r\n\r\n`],
    ["only CRLFs", "\r\n\r\n\r\n\r\n"],
    ["pipelined good then bad", `GET /healthz HTTP/1.1\r\nHost: ${ctx.host}\r\n\r\nGARBAGE\r\n\r\n`],
  ];
  for (const [name, bytes] of lines)
    add("request line", name, once(typeof bytes === "string" ? Buffer.from(bytes, "latin1") : bytes), {
      allowNoAnswer: name === "only CRLFs",
      graphql: false,
    });
  add("request line", "pipelined POST then bad JSON", once(Buffer.concat([post(ctx, Q), post(ctx, "{")])));

  // ---- other routes with junk ----
  add(
    "routes",
    "metrics with a junk bearer",
    once(
      req("GET", "/metrics", [
        ["Host", ctx.host],
        ["Authorization", "Bearer junk"],
      ]),
    ),
    { graphql: false },
  );
  add(
    "routes",
    "metrics with a user bearer",
    once(
      req("GET", "/metrics", [
        ["Host", ctx.host],
        ["Authorization", `Bearer ${ctx.userBearer}`],
      ]),
    ),
    { graphql: false },
  );
  add("routes", "unknown path", once(req("GET", "/nope", [["Host", ctx.host]])), { graphql: false });
  add("routes", "playground missing asset", once(req("GET", "/playground/nope.js", [["Host", ctx.host]])), {
    graphql: false,
  });
  add(
    "routes",
    "GET /graphql without preflight header (CSRF)",
    once(req("GET", `/graphql?query=${typename}`, [["Host", ctx.host]])),
  );
  add("routes", "GET /graphql without a query", once(get(ctx, "/graphql")));
  return cases;
}
