// Runs fuzz cases against a server (a real process for resilience/fuzz.ts, a test server for
// test/e2e/fuzz.test.ts), counts the outcomes, and shrinks the failing cases to small ones
// that still fail the same way.
import { Kind, parse, print, visit, type ASTNode, type DocumentNode, type GraphQLSchema } from "graphql";
import { GraphQLClient, judge, rawExchange, type Answer, type Credentials, type Verdict } from "./fuzz-client.js";
import { generateCase, type FuzzCase } from "./fuzz-generate.js";
import { httpCases, type HttpCaseContext } from "./fuzz-http.js";

export interface Failure {
  /** The case's index in the run: `--seed S --only-index I` replays it. */
  index?: number;
  name: string;
  problem: string;
  outcome: string;
  /** The failing case, shrunk when shrinking was on. */
  case?: FuzzCase;
  /** What the server answered (first 500 characters). */
  answer: string;
  shrunkFrom?: number;
}

export interface Tally {
  total: number;
  byOutcome: Record<string, number>;
  byKind: Record<string, Record<string, number>>;
  fiveXx: number;
  failures: number;
  /** The first failures of each (kind, problem), shrunk. */
  examples: Failure[];
  durationMs: number;
  maxMs: number;
}

const newTally = (): Tally => ({
  total: 0,
  byOutcome: {},
  byKind: {},
  fiveXx: 0,
  failures: 0,
  examples: [],
  durationMs: 0,
  maxMs: 0,
});

function count(t: Tally, kind: string, verdict: Verdict, answer: Answer): void {
  t.total++;
  t.byOutcome[verdict.outcome] = (t.byOutcome[verdict.outcome] ?? 0) + 1;
  t.byKind[kind] ??= {};
  const k = t.byKind[kind];
  k[verdict.outcome] = (k[verdict.outcome] ?? 0) + 1;
  if (answer.status >= 500) t.fiveXx++;
  if (verdict.problem) t.failures++;
  t.maxMs = Math.max(t.maxMs, answer.ms);
}

export interface DocumentRunOptions {
  schema: GraphQLSchema;
  base: string;
  creds: Credentials;
  seed: number;
  count: number;
  /** First index (a replay of one case: its index and count 1). */
  from?: number;
  concurrency: number;
  mutatedShare?: number;
  /** Shrink the first failing case of each (kind, problem). Default true. */
  shrink?: boolean;
  /** At most this many examples kept. */
  maxExamples?: number;
  onProgress?: (done: number, tally: Tally) => void | Promise<void>;
  /** Between cases: a hook that may throw to stop the run (the server died). */
  check?: () => void;
}

/** Generates and sends `count` documents, `concurrency` at a time, and tallies the verdicts. */
export async function runDocuments(o: DocumentRunOptions): Promise<Tally> {
  const client = new GraphQLClient(o.base, o.creds, o.concurrency);
  const tally = newTally();
  const t0 = performance.now();
  const from = o.from ?? 0;
  let next = from;
  const failing: { index: number; c: FuzzCase; verdict: Verdict; answer: Answer }[] = [];
  const seen = new Set<string>();
  const worker = async () => {
    while (next < from + o.count) {
      o.check?.();
      const index = next++;
      const c = generateCase(o.schema, o.seed, index, o.mutatedShare);
      const answer = await client.send(c, index);
      const verdict = judge(answer);
      count(tally, c.kind, verdict, answer);
      if (verdict.problem) {
        const key = `${c.kind}|${verdict.problem}`;
        if (!seen.has(key)) {
          seen.add(key);
          failing.push({ index, c, verdict, answer });
        }
      }
      if (o.onProgress && (index - from + 1) % 500 === 0) await o.onProgress(index - from + 1, tally);
    }
  };
  try {
    await Promise.all(Array.from({ length: o.concurrency }, worker));
    for (const f of failing.slice(0, o.maxExamples ?? 20)) {
      const shrunk = o.shrink === false ? f.c : await shrinkCase(client, f.c, f.index, f.verdict.problem!);
      tally.examples.push({
        index: f.index,
        name: f.c.kind,
        problem: f.verdict.problem!,
        outcome: f.verdict.outcome,
        case: shrunk,
        answer: f.answer.body.slice(0, 500),
        shrunkFrom: payloadSize(f.c),
      });
    }
  } finally {
    client.close();
  }
  tally.durationMs = performance.now() - t0;
  return tally;
}

// ---------- malformed HTTP ----------

export interface HttpRunOptions extends HttpCaseContext {
  hostname: string;
  port: number;
  /** Cases run this many at a time (the slow ones wait for the server's timeouts). */
  concurrency?: number;
  /** Only the cases whose group or name matches. */
  filter?: RegExp;
}

/** Sends every malformed HTTP case (slow ones concurrently) and tallies the verdicts. */
export async function runHttpCases(
  o: HttpRunOptions,
): Promise<Tally & { verdicts: { name: string; outcome: string }[] }> {
  const cases = httpCases(o).filter((c) => !o.filter || o.filter.test(`${c.group}: ${c.name}`));
  const tally = { ...newTally(), verdicts: [] as { name: string; outcome: string }[] };
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++];
      const answer = await rawExchange(o.hostname, o.port, c.steps, c.timeoutMs ?? 20_000);
      const verdict = judge(answer, c);
      count(tally, c.group, verdict, answer);
      const name = `${c.group}: ${c.name}`;
      tally.verdicts.push({ name, outcome: verdict.outcome });
      if (verdict.problem)
        tally.examples.push({
          name,
          problem: verdict.problem,
          outcome: verdict.outcome,
          answer: answer.body.slice(0, 500),
        });
    }
  };
  await Promise.all(Array.from({ length: o.concurrency ?? 8 }, worker));
  tally.durationMs = performance.now() - t0;
  return tally;
}

// ---------- shrinking ----------

const payloadSize = (c: FuzzCase) => c.rawBody?.length ?? JSON.stringify(c.payload)?.length ?? 0;

/** The document without one node (a selection, an argument, a variable definition, a definition). */
function withoutNode(doc: DocumentNode, target: ASTNode): DocumentNode {
  return visit(doc, { enter: (node) => (node === target ? null : undefined) });
}

function removableNodes(doc: DocumentNode): ASTNode[] {
  const nodes: ASTNode[] = [];
  visit(doc, {
    enter(node) {
      if (
        node.kind === Kind.FIELD ||
        node.kind === Kind.INLINE_FRAGMENT ||
        node.kind === Kind.FRAGMENT_SPREAD ||
        node.kind === Kind.ARGUMENT ||
        node.kind === Kind.DIRECTIVE ||
        node.kind === Kind.VARIABLE_DEFINITION ||
        node.kind === Kind.OBJECT_FIELD ||
        node.kind === Kind.FRAGMENT_DEFINITION ||
        node.kind === Kind.OPERATION_DEFINITION
      )
        nodes.push(node);
      return undefined;
    },
  });
  return nodes;
}

/** Smaller variants of a JSON value: its entries removed one at a time, long strings and lists halved. */
function smallerValues(value: unknown): unknown[] {
  if (typeof value === "string" && value.length > 1) return [value.slice(0, Math.ceil(value.length / 2))];
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    if (value.length > 1) out.push(value.slice(0, Math.ceil(value.length / 2)));
    value.forEach((v, i) => {
      for (const s of smallerValues(v)) out.push(value.map((w, j) => (j === i ? s : w)));
    });
    return out;
  }
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const out: unknown[] = [];
    for (const k of Object.keys(obj)) {
      const { [k]: _, ...rest } = obj;
      out.push(rest);
      for (const s of smallerValues(obj[k])) out.push({ ...obj, [k]: s });
    }
    return out;
  }
  return [];
}

function* candidates(c: FuzzCase): Generator<FuzzCase> {
  if (c.rawBody) return; // raw bytes: kept as found
  const p = c.payload;
  if (Array.isArray(p)) {
    if (p.length > 1) yield { ...c, payload: p.slice(0, Math.ceil(p.length / 2)) };
    if (p.length > 1) yield { ...c, payload: [p[0]] };
    return;
  }
  if (!p || typeof p !== "object") return;
  const req = p as { query?: unknown; variables?: unknown };
  if (req.variables !== undefined) {
    for (const v of smallerValues(req.variables)) yield { ...c, payload: { ...req, variables: v } };
  }
  if (typeof req.query === "string") {
    let doc: DocumentNode | undefined;
    try {
      doc = parse(req.query, { noLocation: true });
    } catch {
      doc = undefined;
    }
    if (doc) {
      for (const node of removableNodes(doc)) {
        let text: string;
        try {
          text = print(withoutNode(doc, node));
        } catch {
          continue;
        }
        if (text !== req.query) yield { ...c, payload: { ...req, query: text } };
      }
    } else if (req.query.length > 1)
      yield { ...c, payload: { ...req, query: req.query.slice(0, Math.ceil(req.query.length / 2)) } };
  }
  if (c.role !== "anonymous") yield { ...c, role: "anonymous" };
  if (c.method === "GET") yield { ...c, method: "POST" };
}

/** Greedy shrinking: keeps any smaller variant that still fails with the same problem (at most `budget` tries). */
export async function shrinkCase(
  client: GraphQLClient,
  c: FuzzCase,
  index: number,
  problem: string,
  budget = 300,
): Promise<FuzzCase> {
  let current = c;
  let tries = 0;
  let improved = true;
  while (improved && tries < budget) {
    improved = false;
    for (const candidate of candidates(current)) {
      if (++tries > budget) break;
      const verdict = judge(await client.send(candidate, index));
      if (verdict.problem === problem) {
        current = candidate;
        improved = true;
        break;
      }
    }
  }
  return current;
}

/** A case as a line or two to paste into a report (long strings cut). */
export function describeCase(c: FuzzCase | undefined): string {
  if (!c) return "";
  const cut = (s: string) => (s.length > 600 ? `${s.slice(0, 600)}… (${s.length} chars)` : s);
  return `${c.method} as ${c.role}: ${cut(c.rawBody ? c.rawBody.toString("utf8") : JSON.stringify(c.payload))}`;
}
