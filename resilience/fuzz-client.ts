// Sending fuzz cases and judging the answers. A GraphQL case goes over node:http (keep-alive);
// a malformed HTTP case over a raw TCP socket. Judging: no 5xx, a JSON body on every refusal,
// and a code from the stable set on every error (src/errors.ts plus GraphQL's standard ones);
// INTERNAL_SERVER_ERROR is a masked bug and fails the case like a 5xx.
import { Agent, request as httpRequest } from "node:http";
import { connect } from "node:net";
import { ErrorCode } from "../src/errors.js";
import type { FuzzCase, Role } from "./fuzz-generate.js";

/** Codes a refusal may carry: ours (src/errors.ts) and GraphQL over HTTP's standard ones, without the masked bug. */
export const ACCEPTED_CODES: ReadonlySet<string> = new Set(
  Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
);

export interface Answer {
  /** HTTP status; 0 when there was no answer (the connection closed or was reset). */
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The network error when there was no answer: ECONNRESET, EPIPE, CLIENT_TIMEOUT, … */
  net?: string;
  ms: number;
}

export interface Verdict {
  /** e.g. "200 OK", "400 GRAPHQL_VALIDATION_FAILED", "413 BAD_REQUEST", "no answer (ECONNRESET)". */
  outcome: string;
  /** Why the answer breaks a rule; undefined when it is fine. */
  problem?: string;
}

/** The error codes of a JSON body: errors[].extensions.code, or a top-level `code`. */
export function codesOf(body: unknown): string[] {
  if (!body || typeof body !== "object") return [];
  const b = body as { errors?: unknown; code?: unknown };
  if (Array.isArray(b.errors))
    return b.errors.map((e) => String((e as { extensions?: { code?: unknown } })?.extensions?.code ?? "<none>"));
  return typeof b.code === "string" ? [b.code] : [];
}

export interface JudgeOptions {
  /** The case may end without an answer (a stalled upload is reset, a client that hangs up gets nothing). */
  allowNoAnswer?: boolean;
  /** A GraphQL request: a 200 must carry data or errors. Other routes may answer 2xx with anything. */
  graphql?: boolean;
  /** A HEAD request: no body to read. */
  head?: boolean;
}

/** The rules every answer must keep: no 5xx, and every refusal (status ≥ 400) a JSON body with a stable code. */
export function judge(answer: Answer, options: JudgeOptions = {}): Verdict {
  const { allowNoAnswer = false, graphql = true, head = false } = options;
  if (answer.status === 0) {
    const outcome = `no answer (${answer.net ?? "closed"})`;
    return allowNoAnswer ? { outcome } : { outcome, problem: "no answer" };
  }
  if (answer.status >= 500) return { outcome: `${answer.status}`, problem: `HTTP ${answer.status}` };
  if (head || answer.status === 304 || answer.status === 204) return { outcome: `${answer.status}` };
  const type = String(answer.headers["content-type"] ?? "");
  if (!graphql && answer.status < 400 && !/json/i.test(type))
    return { outcome: `${answer.status} ${type.split(";")[0]}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return { outcome: `${answer.status} NOT_JSON`, problem: `${answer.status} body is not JSON` };
  }
  const codes = [...new Set(codesOf(parsed))].sort();
  const outcome = `${answer.status} ${codes.length ? codes.join("+") : "OK"}`;
  if (codes.includes(ErrorCode.INTERNAL_SERVER_ERROR)) return { outcome, problem: "INTERNAL_SERVER_ERROR" };
  const unknown = codes.filter((c) => !ACCEPTED_CODES.has(c));
  if (unknown.length) return { outcome, problem: `error code(s) outside the stable set: ${unknown.join(", ")}` };
  if (answer.status >= 400 && !codes.length) return { outcome, problem: `HTTP ${answer.status} without an error code` };
  if (graphql && answer.status === 200 && !codes.length && (parsed as { data?: unknown })?.data === undefined)
    return { outcome, problem: "200 without data or errors" };
  return { outcome };
}

export interface Credentials {
  user: string;
  admin: string;
  adminToken?: string;
}

/** The headers of a role: nothing, a user's bearer, or an admin's bearer (or x-admin-token, half the time). */
export function authHeaders(role: Role, creds: Credentials, pick: number): Record<string, string> {
  if (role === "user") return { authorization: `Bearer ${creds.user}` };
  if (role === "admin")
    return creds.adminToken && pick % 2
      ? { "x-admin-token": creds.adminToken }
      : { authorization: `Bearer ${creds.admin}` };
  return {};
}

const ACCEPTS = [
  "application/json",
  "application/graphql-response+json",
  "application/graphql-response+json, application/json;q=0.9",
  "*/*",
];

export class GraphQLClient {
  readonly agent: Agent;
  constructor(
    readonly base: string,
    readonly creds: Credentials,
    concurrency: number,
    readonly timeoutMs = 60_000,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  }

  /** Sends a case (index picks the Accept header and the admin credential) and returns the answer. */
  send(c: FuzzCase, index: number): Promise<Answer> {
    const headers: Record<string, string> = {
      accept: ACCEPTS[index % ACCEPTS.length],
      ...authHeaders(c.role, this.creds, index >> 2),
    };
    let path = "/graphql";
    let data: Buffer | undefined;
    if (c.method === "GET") {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(c.payload as Record<string, unknown>))
        if (v !== undefined) params.set(k, typeof v === "string" ? v : JSON.stringify(v));
      path += `?${params}`;
      headers["apollo-require-preflight"] = "true";
    } else {
      data = c.rawBody ?? Buffer.from(JSON.stringify(c.payload) ?? "null");
      headers["content-type"] = "application/json";
      headers["content-length"] = String(data.length);
    }
    return this.request(c.method, path, headers, data);
  }

  request(method: string, path: string, headers: Record<string, string>, data?: Buffer): Promise<Answer> {
    const t0 = performance.now();
    return new Promise((done) => {
      const req = httpRequest(`${this.base}${path}`, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          done({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - t0,
          }),
        );
        res.on("error", (err) =>
          done({ status: 0, headers: {}, body: "", net: netCode(err), ms: performance.now() - t0 }),
        );
      });
      req.setTimeout(this.timeoutMs, () =>
        req.destroy(Object.assign(new Error("client timeout"), { code: "CLIENT_TIMEOUT" })),
      );
      req.on("error", (err) =>
        done({ status: 0, headers: {}, body: "", net: netCode(err), ms: performance.now() - t0 }),
      );
      req.end(data);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

const netCode = (err: Error) => (err as NodeJS.ErrnoException).code ?? err.message;

// ---------- raw sockets ----------

export interface RawStep {
  /** Bytes to write. */
  write?: string | Buffer;
  /** Pause before the next step (ms). */
  pauseMs?: number;
  /** Half-close the connection (FIN) after this step. */
  end?: boolean;
}

/**
 * Writes `steps` to a fresh TCP connection and reads one HTTP response (status, headers,
 * body with chunked or Content-Length framing, or until the server closes). Writes that fail
 * because the server already answered or closed are not errors: the answer is what counts.
 */
export function rawExchange(host: string, port: number, steps: RawStep[], timeoutMs = 30_000): Promise<Answer> {
  const t0 = performance.now();
  return new Promise((done) => {
    const socket = connect(port, host);
    const received: Buffer[] = [];
    let finished = false;
    let netError: string | undefined;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      const answer = parseResponse(Buffer.concat(received));
      done({ ...answer, net: answer.status ? undefined : (netError ?? "closed"), ms: performance.now() - t0 });
    };
    const timer = setTimeout(() => {
      netError = "CLIENT_TIMEOUT";
      finish();
    }, timeoutMs);
    socket.on("data", (c: Buffer) => {
      received.push(c);
      if (responseComplete(Buffer.concat(received))) finish();
    });
    socket.on("error", (err) => {
      netError = netCode(err);
      finish();
    });
    socket.on("close", finish);
    socket.once("connect", async () => {
      for (const step of steps) {
        if (finished || socket.destroyed) return;
        if (step.write !== undefined) socket.write(step.write, () => {});
        if (step.end) socket.end();
        if (step.pauseMs) await new Promise((r) => setTimeout(r, step.pauseMs));
      }
    });
  });
}

function splitHead(buf: Buffer): { head: string; rest: Buffer } | null {
  const at = buf.indexOf("\r\n\r\n");
  if (at < 0) return null;
  return { head: buf.subarray(0, at).toString("latin1"), rest: buf.subarray(at + 4) };
}

function headersOf(head: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of head.split("\r\n").slice(1)) {
    const i = line.indexOf(":");
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

/** Decodes a chunked body; null while incomplete. */
function dechunk(buf: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = buf.indexOf("\r\n", at);
    if (eol < 0) return null;
    const size = Number.parseInt(buf.subarray(at, eol).toString("latin1"), 16);
    if (!Number.isFinite(size)) return Buffer.concat(parts);
    if (size === 0) return Buffer.concat(parts);
    if (buf.length < eol + 2 + size + 2) return null;
    parts.push(buf.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

/** The first response that is not an interim 100 Continue, split into head and rest. */
function finalHead(buf: Buffer): { head: string; rest: Buffer } | null {
  let split = splitHead(buf);
  while (split && /^HTTP\/1\.1 100/.test(split.head)) split = splitHead(split.rest);
  return split;
}

function responseComplete(buf: Buffer): boolean {
  const split = finalHead(buf);
  if (!split) return false;
  const headers = headersOf(split.head);
  if (/^HTTP\/1\.[01] (204|304)/.test(split.head)) return true;
  if (/chunked/i.test(headers["transfer-encoding"] ?? "")) return dechunk(split.rest) !== null;
  if (headers["content-length"] !== undefined) return split.rest.length >= Number(headers["content-length"]);
  return false;
}

function parseResponse(buf: Buffer): Omit<Answer, "ms" | "net"> {
  const split = finalHead(buf);
  if (!split) return { status: 0, headers: {}, body: "" };
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(split.head)?.[1] ?? 0);
  const headers = headersOf(split.head);
  const body = /chunked/i.test(headers["transfer-encoding"] ?? "")
    ? (dechunk(split.rest) ?? split.rest)
    : headers["content-length"] !== undefined
      ? split.rest.subarray(0, Number(headers["content-length"]))
      : split.rest;
  return { status, headers, body: body.toString("utf8") };
}
