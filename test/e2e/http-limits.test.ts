import { execFile } from "node:child_process";
import { connect, type Socket } from "node:net";
import { Writable } from "node:stream";
import { promisify } from "node:util";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer, type RunningServer } from "../../src/http/server.js";
import { startTestServer, type TestServer } from "../helpers/http.js";
import { startServe } from "../helpers/serve-process.js";

/** What the server sent on a raw connection, and when it closed it (null: still open at the deadline). */
interface Outcome {
  received: string;
  closedAfterMs: number | null;
}

/** A raw connection; `allowHalfOpen` keeps it sending after the server's FIN (by default it would end too). */
function open(url: string, allowHalfOpen = false): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ port: Number(port), host: hostname, allowHalfOpen }, () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Watches a socket until the server closes it or `deadlineMs` passes (then the test side closes it). */
function watch(socket: Socket, deadlineMs: number): Promise<Outcome> {
  const started = Date.now();
  let received = "";
  socket.on("data", (d) => (received += d.toString("latin1")));
  socket.on("error", () => {});
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ received, closedAfterMs: null });
    }, deadlineMs);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve({ received, closedAfterMs: Date.now() - started });
    });
  });
}

const execFileAsync = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * POSTs `bytes` bytes through node:http (Content-Length announced, written whole) from a
 * separate process, as a real client would: in this process the server would read every byte
 * the client wrote before acting on any, and a reset would never race the answer.
 */
async function uploadWhole(url: string, bytes: number): Promise<{ status: number; connection?: string; body: string }> {
  const client = `
    const headers = { "content-type": "application/json" };
    const req = require("node:http").request(process.argv[1], { method: "POST", headers });
    req.on("response", (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      const { statusCode: status, headers: { connection } } = res;
      res.on("end", () => console.log(JSON.stringify({ status, connection, body })));
    });
    req.on("error", (err) => console.log(JSON.stringify({ status: 0, body: err.code || err.message })));
    req.end("x".repeat(Number(process.argv[2])));`;
  const { stdout } = await execFileAsync(process.execPath, ["-e", client, `${url}/graphql`, String(bytes)]);
  return JSON.parse(stdout);
}

const postHead = (length: number) =>
  `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

describe("slow and idle clients are bounded", () => {
  let s: TestServer;
  const logs: { level: number; msg: string }[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of chunk.toString().split("\n").filter(Boolean)) logs.push(JSON.parse(line));
        done();
      },
    });
    s = await startTestServer(
      {
        HTTP_HEADERS_TIMEOUT_MS: 400,
        HTTP_REQUEST_TIMEOUT_MS: 1500,
        HTTP_BODY_IDLE_TIMEOUT_MS: 300,
        HTTP_KEEP_ALIVE_TIMEOUT_MS: 400,
      },
      { log: pino({ level: "debug" }, sink) },
    );
  });
  afterAll(() => s?.close());

  it("still answers ordinary requests", async () => {
    const res = await s.post("{ assets(first: 1) { totalCount } }");
    expect(res.status).toBe(200);
    expect(res.body.data.assets.totalCount).toBe(0);
  });

  it(
    "refuses an announced oversized body (Content-Length) " + "before reading it: 413 and the connection closed",
    async () => {
      const socket = await open(s.url);
      socket.write(postHead(3 * 1024 * 1024));
      const out = await watch(socket, 2000);
      expect(out.received).toMatch(/^HTTP\/1\.1 413/);
      expect(out.received).toMatch(/"code":"BAD_REQUEST"/);
      expect(out.closedAfterMs).not.toBeNull();
    },
  );

  it("answers a client still uploading an oversized body with the 413, not a reset (lingering close)", async () => {
    // node:http sends the whole 7 MB body; the 413 is written after 2 MiB, while the rest is
    // still arriving. Closing at once would reset the connection and the client would lose the answer.
    for (let i = 0; i < 6; i++) {
      const answer = await uploadWhole(s.url, 7 * 1024 * 1024);
      expect(answer).toMatchObject({ status: 413, connection: "close" });
      expect(JSON.parse(answer.body).errors[0].extensions.code).toBe("BAD_REQUEST");
    }
    // Unannounced (chunked) past the limit: the raw client writes every chunk, reads the 413, sees a FIN.
    const socket = await open(s.url);
    const out = watch(socket, 5000);
    socket.write(
      "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
        "Transfer-Encoding: chunked\r\n\r\n",
    );
    const chunk = `${(64 * 1024).toString(16)}\r\n${"a".repeat(64 * 1024)}\r\n`;
    let resetWhileWriting = false;
    socket.on("error", () => (resetWhileWriting = true));
    for (let i = 0; i < 80 && !socket.destroyed; i++) socket.write(chunk);
    socket.end("0\r\n\r\n");
    const { received, closedAfterMs } = await out;
    expect(received).toMatch(/^HTTP\/1\.1 413/);
    expect(received).toMatch(/"code":"BAD_REQUEST"/);
    expect(closedAfterMs).not.toBeNull();
    expect(resetWhileWriting).toBe(false);
  });

  it("serves nothing pipelined behind a refused upload: its answer could not be delivered", async () => {
    logs.length = 0;
    const socket = await open(s.url);
    const out = watch(socket, 3000);
    const length = 3 * 1024 * 1024; // announced over the limit: refused before its body is read
    socket.write(postHead(length) + "x".repeat(length));
    socket.write("GET /pipelined-behind-a-refusal HTTP/1.1\r\nHost: localhost\r\n\r\n");
    const { received, closedAfterMs } = await out;
    expect(received).toMatch(/^HTTP\/1\.1 413/);
    expect(received).not.toMatch(/HTTP\/1\.1 404/);
    expect(closedAfterMs).not.toBeNull();
    await sleep(200); // an access log line is written when its response ends, even cut short
    expect(logs.some((l) => (l as { path?: string }).path === "/pipelined-behind-a-refusal")).toBe(false);
  });

  it("ends lingering connections at once on SIGTERM (a serving process)", async () => {
    // A process of its own: in this one the drain happened to find the socket idle; a server waited out the linger.
    const served = await startServe([], { NODE_ENV: "development", AUTOINDEX_DATA_DIR: "memory://", PORT: "0" });
    const socket = await open(served.url, true);
    const out = watch(socket, 15_000);
    socket.write(postHead(3 * 1024 * 1024));
    // A byte every 100 ms: within the idle bound, so only the 10 s total would end the linger.
    const trickle = setInterval(() => socket.write("x"), 100);
    try {
      await sleep(800);
      const started = Date.now();
      served.child.kill("SIGTERM");
      const { code } = await served.exited;
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(3000); // was 9.3 s
    } finally {
      clearInterval(trickle);
      socket.destroy();
      served.child.kill("SIGKILL");
    }
    expect((await out).received).toMatch(/^HTTP\/1\.1 413/);
  }, 60_000);

  it("answers Expect: 100-continue with 413 before the body when the announced length is over the limit", async () => {
    const socket = await open(s.url);
    const out = watch(socket, 3000);
    socket.write(postHead(3 * 1024 * 1024).replace("\r\n\r\n", "\r\nExpect: 100-continue\r\n\r\n"));
    const { received } = await out;
    expect(received).toMatch(/^HTTP\/1\.1 413/);
    expect(received).not.toMatch(/100 Continue/);
    // Within the limit the body is invited, then answered.
    const small = await open(s.url);
    const answer = watch(small, 3000);
    const body = JSON.stringify({ query: "{ __typename }" });
    small.write(postHead(body.length).replace("\r\n\r\n", "\r\nExpect: 100-continue\r\n\r\n"));
    await sleep(200);
    small.write(body);
    const invited = await answer;
    expect(invited.received).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200/);
  });

  it("resets a stalled body after the body idle timeout, even for a client that reads nothing", async () => {
    const socket = await open(s.url);
    socket.write(`${postHead(1000)}{"query":`);
    const out = await watch(socket, 2500);
    expect(out.closedAfterMs).not.toBeNull();
    expect(out.closedAfterMs!).toBeGreaterThanOrEqual(250);
    expect(out.received).toBe("");
    // An attacker's socket that never reads notices too (a reset, not a FIN behind unread data).
    const deaf = await open(s.url);
    deaf.on("error", () => {});
    deaf.write(postHead(2 * 1024 * 1024 - 1) + "x".repeat(1024 * 1024));
    const started = Date.now();
    while (!deaf.destroyed && Date.now() - started < 3000) await sleep(50);
    expect(deaf.destroyed).toBe(true);
  });

  it("bounds a body trickled byte by byte by the request timeout", async () => {
    const socket = await open(s.url);
    socket.write(postHead(1000));
    let stop = false;
    const trickle = (async () => {
      while (!stop && !socket.destroyed) {
        socket.write(" ");
        await sleep(100);
      }
    })();
    const out = await watch(socket, 4000);
    stop = true;
    await trickle;
    expect(out.closedAfterMs).not.toBeNull();
    expect(out.closedAfterMs!).toBeGreaterThanOrEqual(1400);
    expect(out.received).toMatch(/^HTTP\/1\.1 408/);
  });

  it("answers headers that never finish with 408 after the headers timeout, with the security headers", async () => {
    const socket = await open(s.url);
    socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n");
    const out = await watch(socket, 2500);
    expect(out.closedAfterMs).not.toBeNull();
    expect(out.received).toMatch(/^HTTP\/1\.1 408/);
    expect(out.received.toLowerCase()).toContain("x-content-type-options: nosniff");
  });

  it("closes an idle keep-alive connection after the keep-alive timeout", async () => {
    const socket = await open(s.url);
    socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n");
    const out = await watch(socket, 3000);
    expect(out.received).toMatch(/^HTTP\/1\.1 200/);
    expect(out.closedAfterMs).not.toBeNull();
  });

  it("logs a client that goes away mid-body at debug, not as an error", async () => {
    logs.length = 0;
    const socket = await open(s.url);
    socket.write(`${postHead(1000)}{"query":"{ assets`);
    await sleep(100);
    socket.destroy();
    await sleep(400);
    expect(logs.filter((l) => l.level >= 40)).toEqual([]);
    expect(logs.some((l) => l.level === 20 && /client/.test(l.msg))).toBe(true);
  });

  describe("the connection cap", () => {
    let capped: RunningServer;
    beforeAll(async () => {
      // The same application behind a second server whose only tight limit is the cap.
      const config = {
        ...s.app.config,
        http: {
          ...s.app.config.http,
          maxConnections: 3,
          headersTimeoutMs: 30_000,
          requestTimeoutMs: 60_000,
          keepAliveTimeoutMs: 60_000,
        },
      };
      capped = await startHttpServer({ ...s.app, config }, 0, "127.0.0.1");
    });
    afterAll(() => {
      capped?.server.close();
      capped?.server.closeAllConnections();
    });

    it(
      "at the cap with every connection busy, closes a " + "newcomer at once, and accepts again when one ends",
      async () => {
        const held = await Promise.all([open(capped.url), open(capped.url), open(capped.url)]);
        for (const h of held) h.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n"); // headers in progress: busy
        await sleep(150);
        const extra = await open(capped.url);
        const refused = await watch(extra, 2000);
        expect(refused.closedAfterMs).not.toBeNull();
        expect(refused.received).toBe("");
        expect(held.every((h) => !h.destroyed)).toBe(true);
        held[0].destroy();
        await sleep(200);
        const again = await open(capped.url);
        again.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        const answered = await watch(again, 2000);
        expect(answered.received).toMatch(/^HTTP\/1\.1 200/);
        for (const h of held) h.destroy();
        await sleep(100);
      },
    );

    it(
      "at the cap with idle connections, closes the oldest idle one for a newcomer: an idle flood cannot " +
        "lock clients out",
      async () => {
        const parked = await open(capped.url);
        parked.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"); // answered, then parked (keep-alive)
        const parkedOutcome = watch(parked, 3000);
        await sleep(150);
        const silent = await Promise.all([open(capped.url), open(capped.url)]); // connected, nothing sent
        await sleep(100);
        const newcomer = await open(capped.url);
        newcomer.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        const answered = await watch(newcomer, 2000);
        expect(answered.received).toMatch(/^HTTP\/1\.1 200/);
        const oldest = await parkedOutcome;
        expect(oldest.received).toMatch(/^HTTP\/1\.1 200/);
        expect(oldest.closedAfterMs).not.toBeNull(); // evicted, long before its keep-alive timeout
        expect(silent.every((s) => !s.destroyed)).toBe(true);
        for (const s of silent) s.destroy();
      },
    );
  });
});
