// The GraphQL half of the fuzzer: documents and variables generated from the built schema (valid
// ones, with arguments of the right types), and mutations of them (wrong types, huge and
// non-finite numbers, deep nesting, thousands of aliases, odd Unicode, batches, fragment cycles,
// directive abuse, variables of the wrong shape, broken syntax). Everything comes from one
// seeded PRNG: a (seed, index) pair names a case, so a failure reproduces.
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { mulberry32 } from "../src/shared/prng.js";

export type Role = "anonymous" | "user" | "admin";

/** One generated request: what is sent, and how it was made (for the report and for shrinking). */
export interface FuzzCase {
  /** "valid" or the name of the mutation applied. */
  kind: string;
  role: Role;
  method: "POST" | "GET";
  /** The JSON body (POST) or the URL parameters (GET). */
  payload: unknown;
  /** A body sent as is instead of JSON.stringify(payload): non-finite numbers, raw bytes. */
  rawBody?: Buffer;
}

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function rngOf(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** The PRNG seed of case `index` of a run seeded with `seed`: each case is reproducible on its own. */
export const caseSeed = (seed: number, index: number) => (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + index) >>> 0;

// ---------- values of the right type ----------

const SYMBOLS = ["AAPL", "MSFT", "NVDA", "XOM", "JPM", "SPY", "BRK.B", "ZZZZ", "aapl", ""];
const SECTORS = ["Information Technology", "Energy", "Utilities", "Financials", "Health Care", "Nope"];
const WORDS = ["apple", "index", "a", "", "tech", "%", "_", "o'brien", "\\", "ü"];

function randomDate(rng: Rng): string {
  const y = rng.int(2012, 2027);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function scalarValue(name: string, argName: string, rng: Rng): unknown {
  switch (name) {
    case "Int":
      if (/^(first|last|limit)$/i.test(argName)) return rng.pick([0, 1, 2, 5, 10, 50, 200, 500, 501, -1]);
      if (/version/i.test(argName)) return rng.int(0, 5);
      if (/periods/i.test(argName)) return rng.pick([1, 12, 52, 252, 365]);
      return rng.int(-5, 100);
    case "Float":
      if (/weight|confidence|float|rate/i.test(argName)) return Math.round(rng.next() * 1000) / 1000;
      if (/close|amount|cap|volume|shares/i.test(argName)) return Math.round(rng.next() * 1e6) / 100;
      return (rng.next() - 0.5) * rng.pick([0.02, 1, 100]);
    case "String":
      if (/symbol/i.test(argName)) return rng.pick(SYMBOLS);
      if (/sector/i.test(argName)) return rng.pick(SECTORS);
      if (/email/i.test(argName)) return rng.pick(["fuzz@example.org", "nobody@example.org", "not-an-email"]);
      if (/password/i.test(argName)) return rng.pick(["a perfectly fine passphrase", "short", ""]);
      if (/after|cursor|token/i.test(argName)) return rng.pick(["", "YXJyYXljb25uZWN0aW9uOjA=", "MQ", "abc"]);
      return rng.pick(WORDS);
    case "Boolean":
      // The recompute flags cost a recompute each: mostly false.
      return /recompute|force/i.test(argName) ? rng.chance(0.03) : rng.chance(0.5);
    case "ID":
      return String(rng.pick([1, 2, 3, 5, 10, 40, 999_999]));
    case "Date":
      return randomDate(rng);
    case "DateTimeISO":
      return `${randomDate(rng)}T12:00:00Z`;
    case "JSON":
      return rng.pick([null, 1, "x", [1, 2], { a: { b: [true] } }]);
    default:
      return null;
  }
}

/** A value of `type` as JSON (for variables). */
export function inputValue(type: GraphQLInputType, argName: string, rng: Rng, depth = 0): unknown {
  if (!isNonNullType(type) && rng.chance(0.05)) return null;
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) {
    const n = /returns/i.test(argName) ? rng.pick([0, 1, 2, 10, 100, 260]) : rng.int(0, depth > 1 ? 1 : 4);
    return Array.from({ length: n }, () => inputValue(t.ofType, argName, rng, depth + 1));
  }
  if (isEnumType(t)) return rng.pick(t.getValues()).name;
  if (isInputObjectType(t)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(t.getFields())) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (required || rng.chance(0.4)) out[field.name] = inputValue(field.type, field.name, rng, depth + 1);
    }
    return out;
  }
  if (isScalarType(t)) return scalarValue(t.name, argName, rng);
  return null;
}

/** A JSON value written as a GraphQL literal of `type` (enums bare, objects as { k: v }). */
export function literalOf(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return "null";
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t))
    return Array.isArray(value)
      ? `[${value.map((v) => literalOf(v, t.ofType)).join(", ")}]`
      : literalOf(value, t.ofType);
  if (isEnumType(t)) return String(value);
  if (isInputObjectType(t) && typeof value === "object") {
    const fields = t.getFields();
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${fields[k] ? literalOf(v, fields[k].type) : JSON.stringify(v)}`)
      .join(", ")} }`;
  }
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "1e999";
  if (typeof value === "object") return JSON.stringify(JSON.stringify(value));
  return JSON.stringify(value);
}

// ---------- documents ----------

interface Built {
  text: string;
  varDefs: string[];
  variables: Record<string, unknown>;
}

interface GenContext {
  schema: GraphQLSchema;
  rng: Rng;
  varDefs: string[];
  variables: Record<string, unknown>;
  fragments: Map<string, string>;
  counter: number;
}

function argumentsOf(field: GraphQLField<unknown, unknown>, g: GenContext): string {
  const parts: string[] = [];
  for (const arg of field.args as readonly GraphQLArgument[]) {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (!required && !g.rng.chance(0.45)) continue;
    const value = inputValue(arg.type, arg.name, g.rng);
    if (g.rng.chance(0.5)) {
      const name = `v${g.counter++}`;
      g.varDefs.push(`$${name}: ${String(arg.type)}`);
      g.variables[name] = value;
      parts.push(`${arg.name}: $${name}`);
    } else parts.push(`${arg.name}: ${literalOf(value, arg.type)}`);
  }
  return parts.length ? `(${parts.join(", ")})` : "";
}

function selectionOf(type: GraphQLNamedType, g: GenContext, depth: number): string {
  if (isObjectType(type)) return `{ ${fieldsOf(type, g, depth)} }`;
  if (isInterfaceType(type) || isUnionType(type)) {
    const possible = g.schema.getPossibleTypes(type);
    const parts = ["__typename"];
    for (const p of possible) if (g.rng.chance(0.6)) parts.push(`... on ${p.name} { ${fieldsOf(p, g, depth)} }`);
    return `{ ${parts.join(" ")} }`;
  }
  return "";
}

function fieldsOf(type: GraphQLObjectType, g: GenContext, depth: number): string {
  const all = Object.values(type.getFields());
  const leaves = all.filter((f) => {
    const n = getNamedType(f.type);
    return (isScalarType(n) || isEnumType(n)) && !f.args.some((a) => isNonNullType(a.type));
  });
  // Deep levels select leaves only, so documents stay within the depth limit most of the time.
  const pool = depth >= 4 && leaves.length ? leaves : all;
  const n = g.rng.int(1, Math.min(pool.length, depth === 0 ? 3 : 5));
  const chosen = new Set<GraphQLField<unknown, unknown>>();
  for (let i = 0; i < n * 2 && chosen.size < n; i++) chosen.add(g.rng.pick(pool));
  const parts: string[] = [];
  for (const field of chosen) {
    const named = getNamedType(field.type);
    const alias = g.rng.chance(0.1) ? `a${g.counter++}: ` : "";
    const sub = isScalarType(named) || isEnumType(named) ? "" : selectionOf(named, g, depth + 1);
    const directive = g.rng.chance(0.05) ? ` @include(if: ${g.rng.chance(0.7)})` : "";
    parts.push(`${alias}${field.name}${argumentsOf(field, g)}${directive} ${sub}`.trim());
  }
  if (depth > 0 && g.rng.chance(0.08)) {
    // The same selection through a named fragment.
    const name = `F${g.counter++}`;
    g.fragments.set(name, `fragment ${name} on ${type.name} { ${parts.join(" ")} }`);
    return `...${name}`;
  }
  if (g.rng.chance(0.05)) parts.push("__typename");
  return parts.join(" ");
}

/** A valid operation of the schema (query or mutation) with its variables. */
export function validOperation(schema: GraphQLSchema, rng: Rng): Built & { operation: "query" | "mutation" } {
  const g: GenContext = { schema, rng, varDefs: [], variables: {}, fragments: new Map(), counter: 0 };
  const mutationType = schema.getMutationType();
  const operation = mutationType && rng.chance(0.2) ? "mutation" : "query";
  const root = operation === "mutation" ? mutationType! : schema.getQueryType()!;
  const body = fieldsOf(root, g, 0);
  const name = rng.chance(0.5) ? ` Fuzz${rng.int(0, 999)}` : "";
  const defs = g.varDefs.length ? `(${g.varDefs.join(", ")})` : "";
  const head = name || defs ? `${operation}${name}${defs} ` : operation === "mutation" ? "mutation " : "";
  const text = [`${head}{ ${body} }`, ...g.fragments.values()].join("\n");
  return { text, varDefs: g.varDefs, variables: g.variables, operation };
}

// ---------- mutations ----------

const LONE_SURROGATES = ["\ud800", "\udfff", "a\ud83d", "\ude00b"];
const ODD_STRINGS = [
  "\u0000",
  "nul\u0000inside",
  "\u202eRTL override\u202c",
  "\u200f\u05e9\u05dc\u05d5\u05dd",
  "e\u0301\u0301\u0301\u0301\u0301\u0301\u0301",
  "Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319",
  "\ud83d\ude00\ud83c\udff3\ufe0f\u200d\ud83c\udf08",
  "\ufeffBOM",
  "\u2028\u2029",
  "\uffff\ufffe",
  "\u0007\u001b[31m",
  "'; drop table assets; --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection probe, sent as it is
  "${jndi:ldap://x}",
  "../../../../etc/passwd",
];

function oddString(rng: Rng): string {
  const r = rng.int(0, 9);
  if (r === 0) return "x".repeat(rng.pick([1 << 16, 1 << 20]));
  if (r === 1) return "\u00e9".repeat(rng.pick([1000, 100_000]));
  if (r === 2) return "\ud83d\ude00".repeat(rng.pick([1000, 200_000]));
  if (r <= 4) return rng.pick(LONE_SURROGATES);
  return rng.pick(ODD_STRINGS);
}

const HUGE_NUMBERS = [2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e308, -1e308, 5e-324, -0, 1e21, 123456789012345680000];

function wrongValue(rng: Rng): unknown {
  return rng.pick<unknown>([
    "not a number",
    12.5,
    -1,
    true,
    [],
    [[1]],
    {},
    { nested: { deeper: [null] } },
    "2024-02-30",
    "2024-13-01",
    "0000-00-00",
    "99999-01-01",
    "",
    null,
    rng.pick(HUGE_NUMBERS),
  ]);
}

/** Replaces one leaf of a JSON value (chosen at random) by `make()`. */
function replaceLeaf(value: unknown, rng: Rng, make: () => unknown): unknown {
  if (Array.isArray(value) && value.length && rng.chance(0.8)) {
    const copy = [...value];
    const i = rng.int(0, copy.length - 1);
    copy[i] = replaceLeaf(copy[i], rng, make);
    return copy;
  }
  if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length && rng.chance(0.8)) {
    const copy = { ...(value as Record<string, unknown>) };
    const k = rng.pick(Object.keys(copy));
    copy[k] = replaceLeaf(copy[k], rng, make);
    return copy;
  }
  return make();
}

function nested(depth: number, open: string, close: string, inner: string): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

/** A document's string literals or a variable value replaced by something odd. */
function withOddStrings(text: string, variables: Record<string, unknown>, rng: Rng) {
  const s = oddString(rng);
  const keys = Object.keys(variables);
  if (keys.length && rng.chance(0.6)) {
    const k = rng.pick(keys);
    return { text, variables: { ...variables, [k]: replaceLeaf(variables[k], rng, () => s) } };
  }
  const literals = [...text.matchAll(/"(?:[^"\\]|\\.)*"/g)];
  if (literals.length) {
    const m = rng.pick(literals);
    const quoted = JSON.stringify(s.length > 70_000 ? s.slice(0, 70_000) : s);
    return { text: text.slice(0, m.index) + quoted + text.slice(m.index! + m[0].length), variables };
  }
  return { text: `query($s: String) { asset(symbol: $s) { id } }`, variables: { s } };
}

type Mutator = (op: Built, rng: Rng, schema: GraphQLSchema) => Omit<FuzzCase, "role" | "method" | "kind">;

const body = (query: unknown, variables?: unknown, extra: Record<string, unknown> = {}) => ({
  payload: { query, ...(variables === undefined ? {} : { variables }), ...extra },
});

export const MUTATORS: Record<string, Mutator> = {
  wrongType(op, rng) {
    const keys = Object.keys(op.variables);
    if (!keys.length) return body(op.text.replace(/\(([a-zA-Z]+): [^,)]+/, `($1: ${JSON.stringify(wrongValue(rng))}`));
    const k = rng.pick(keys);
    return body(op.text, { ...op.variables, [k]: replaceLeaf(op.variables[k], rng, () => wrongValue(rng)) });
  },
  hugeNumber(op, rng) {
    const keys = Object.keys(op.variables);
    const n = rng.pick(HUGE_NUMBERS);
    if (keys.length && rng.chance(0.5)) {
      const k = rng.pick(keys);
      return body(op.text, { ...op.variables, [k]: replaceLeaf(op.variables[k], rng, () => n) });
    }
    // Literals JSON cannot carry: out-of-range ints and floats that parse to Infinity.
    const lit = rng.pick(["99999999999999999999999", "-2147483649", "1e999", "-1e999", "1.7976931348623159e308"]);
    const text = /\d/.test(op.text) ? op.text.replace(/(?<=[:[ ,])-?\d+(\.\d+)?(e-?\d+)?(?=[\s,\])}])/, lit) : op.text;
    return body(
      text === op.text
        ? `{ analyzeReturns(returns: [0.01, ${lit}, -0.02], riskFreeRate: ${lit}) { volatility } }`
        : text,
      op.variables,
    );
  },
  nonFiniteJson(op, rng) {
    // JSON.parse reads 1e999 as Infinity: the only way a non-finite number reaches variables.
    const lit = rng.pick(["1e999", "-1e999", "1e400"]);
    const keys = Object.keys(op.variables);
    const marker = "__NONFINITE__";
    const vars = keys.length
      ? { ...op.variables, [rng.pick(keys)]: marker }
      : { r: [0.01, marker], rf: marker, n: marker };
    const text = keys.length
      ? op.text
      : `query($r: [Float]!, $rf: Float!, $n: Int!) { analyzeReturns(returns: $r, riskFreeRate: $rf, ` +
        `periodsPerYear: $n) { volatility } }`;
    const raw = JSON.stringify({ query: text, variables: vars }).replaceAll(`"${marker}"`, lit);
    return { payload: { query: text, variables: vars }, rawBody: Buffer.from(raw) };
  },
  deepNesting(op, rng) {
    const depth = rng.pick([20, 200, 2000, 20_000]);
    // Deep JSON goes as raw bytes: JSON.stringify itself overflows the stack on a few thousand levels.
    const raw = (query: string, variablesJson: string) => ({
      payload: { query, variables: `<${depth} levels>` },
      rawBody: Buffer.from(`{"query":${JSON.stringify(query)},"variables":${variablesJson}}`),
    });
    switch (rng.int(0, 4)) {
      case 0:
        return body(`{ ${nested(depth, "... on Query { ", " }", "__typename")} }`);
      case 1:
        return body(`{ analyzeReturns(returns: ${nested(depth, "[", "]", "0.1")}) { volatility } }`);
      case 2:
        return raw(
          `query($r: [Float]!) { analyzeReturns(returns: $r) { volatility } }`,
          `{"r":${nested(depth, "[", "]", "0.1")}}`,
        );
      case 3:
        return body(`{ ${nested(depth, "assets { edges { node { ", " } } }", "id")} }`);
      default:
        return raw(
          op.text,
          JSON.stringify(op.variables)
            .replace(/^\{/, `{"deep":${nested(depth, '{"a":', "}", "1")},`)
            .replace(",}", "}"),
        );
    }
  },
  manyAliases(_op, rng) {
    const n = rng.pick([500, 1000, 3000, 6000]);
    const field = rng.pick([
      "__typename",
      "strategyConfig { version }",
      "me { id }",
      'asset(symbol: "AAPL") { id }',
      'indexValues(from: "2024-01-01", to: "2024-01-05") { value }',
    ]);
    return body(`{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(" ")} }`);
  },
  oddStrings(op, rng) {
    const { text, variables } = withOddStrings(op.text, op.variables, rng);
    return body(text, variables);
  },
  oddDocumentText(op, rng) {
    // Odd characters in the document itself: names, comments, string literals.
    const s = oddString(rng);
    const cut = s.length > 50_000 ? s.slice(0, 50_000) : s;
    return body(
      rng.pick([
        `# ${cut}\n${op.text}`,
        `${op.text} ${cut}`,
        `{ ${cut} }`,
        `query ${cut} { __typename }`,
        `{ asset(symbol: "${cut.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}") { id } }`,
        `{ asset(symbol: """${cut.replaceAll('"""', '\\"""')}""") { id } }`,
      ]),
      op.variables,
    );
  },
  batch(op, rng) {
    const n = rng.pick([2, 10, 1000]);
    return { payload: Array.from({ length: n }, () => ({ query: op.text, variables: op.variables })) };
  },
  fragmentCycle(_op, rng) {
    return body(
      rng.pick([
        `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`,
        `{ ...A } fragment A on Query { __typename ...A }`,
        `{ assets { edges { node { ...N } } } } fragment N on Asset { id latestPrice { ...P } } ` +
          `fragment P on Price { date ...P }`,
        `{ ...A } fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { ...A __typename }`,
        `query { __typename } fragment Unused on Query { ...Unused }`,
      ]),
    );
  },
  directiveAbuse(op, rng) {
    const forms = [
      () => `{ __typename ${Array.from({ length: rng.pick([100, 3000]) }, () => "@include(if: true)").join(" ")} }`,
      () => `{ __typename @skip(if: "yes") }`,
      () => `query($x: Int) { __typename @include(if: $x) }`,
      () => `{ __typename @nope }`,
      () => `{ __typename @deprecated(reason: "x") }`,
      () => `query @skip(if: true) { __typename }`,
      () => `{ __typename @specifiedBy(url: "x") }`,
      () => `{ __typename @include }`,
      () => `{ __typename @include(if: true, if: false) }`,
      () => `query($b: Boolean!) { strategyConfig @skip(if: $b) @include(if: $b) { version } }`,
      () => op.text.replace(/\{/, `@include(if: true) {`),
    ];
    return body(rng.pick(forms)(), rng.chance(0.5) ? { b: rng.pick([true, "true", null, 1]) } : op.variables);
  },
  wrongShapeVariables(op, rng) {
    const shape = rng.pick<unknown>([
      "a string",
      42,
      [op.variables],
      [],
      true,
      JSON.stringify(op.variables),
      { ...op.variables, unknown: 1 },
      Object.fromEntries(Object.keys(op.variables).map((k) => [k, null])),
      {},
    ]);
    return body(op.text, shape);
  },
  wrongShapeRequest(op, rng) {
    return rng.pick<ReturnType<Mutator>>([
      { payload: { query: 123 } },
      { payload: { query: null } },
      { payload: { query: { text: op.text } } },
      { payload: { query: [op.text] } },
      { payload: { variables: op.variables } },
      { payload: {} },
      { payload: null },
      { payload: "a string" },
      { payload: 42 },
      { payload: { query: op.text, operationName: 42 } },
      { payload: { query: op.text, operationName: "NotThere" } },
      { payload: { query: `query A { __typename } query B { __typename }` } },
      { payload: { query: op.text, extensions: "x" } },
      { payload: { query: op.text, extensions: { persistedQuery: { version: 1, sha256Hash: "00" } } } },
      { payload: { extensions: { persistedQuery: { version: 1, sha256Hash: "ab".repeat(32) } } } },
      { payload: { extensions: { persistedQuery: { version: 2, sha256Hash: 5 } } } },
      { payload: { query: op.text, variables: op.variables, extra: { deep: [1, 2, 3] } } },
    ]);
  },
  brokenSyntax(op, rng) {
    const t = op.text;
    const i = rng.int(0, Math.max(0, t.length - 1));
    return body(
      rng.pick([
        t.slice(0, i),
        t.slice(0, i) +
          rng.pick(["{", "}", "(", ")", "$", "@", '"', "...", ":", "!", "\\u", "#", "\u0000"]) +
          t.slice(i),
        t.replaceAll("{", "("),
        `${t}}`,
        `{${t}`,
        "",
        " ",
        "{}",
        "query",
        "subscription { __typename }",
        "{ __schema { types { name } } }",
        '{ __type(name: "Asset") { fields { name } } }',
      ]),
      op.variables,
    );
  },
  unknownNames(op, rng) {
    return body(
      rng.pick([
        `${op.text.replace(/\{ (\w+)/, "{ $1Nope")}`,
        `{ assets(nope: 1) { totalCount } }`,
        `{ asset(id: 1, symbol: "A", extra: true) { id } }`,
        `{ strategyConfig { version nope } }`,
        `{ indexValues { date { year } } }`,
        `{ assets }`,
        `mutation { nope }`,
      ]),
      op.variables,
    );
  },
  missingVariables(op, rng) {
    const keys = Object.keys(op.variables);
    if (!keys.length) return body(`query($x: Int!, $y: Date) { assets(first: $x) { totalCount } }`, { y: 5 });
    const copy = { ...op.variables };
    delete copy[rng.pick(keys)];
    return body(op.text, copy);
  },
};

export const MUTATOR_NAMES = Object.keys(MUTATORS);

/** Case `index` of a run: mostly valid documents, the rest mutated; some over GET; a role each. */
export function generateCase(schema: GraphQLSchema, seed: number, index: number, mutatedShare = 0.5): FuzzCase {
  const rng = rngOf(caseSeed(seed, index));
  const role = rng.pick<Role>(["anonymous", "anonymous", "user", "admin"]);
  const op = validOperation(schema, rng);
  const method: "POST" | "GET" = op.operation === "query" && rng.chance(0.15) ? "GET" : "POST";
  if (!rng.chance(mutatedShare))
    return { kind: "valid", role, method, payload: { query: op.text, variables: op.variables } };
  const kind = rng.pick(MUTATOR_NAMES);
  const made = MUTATORS[kind](op, rng, schema);
  // A mutated case over GET only when its payload is a plain request object without raw bytes.
  const getOk = method === "GET" && !made.rawBody && isPlainRequest(made.payload);
  return { kind, role, method: getOk ? "GET" : "POST", ...made };
}

function isPlainRequest(payload: unknown): boolean {
  return !!payload && typeof payload === "object" && !Array.isArray(payload);
}
