import { createHash } from "node:crypto";

/** The GraphQL-over-HTTP parameters of a request, as far as the cache key needs them. */
export interface GraphQLParams {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const parseJson = (text: string | null): unknown => {
  if (text === null || text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return Symbol.for("invalid");
  }
};

/** GET parameters come from the query string (variables and extensions as JSON), POST from the JSON body. */
export function readParams(method: string, search: string, body: unknown): GraphQLParams | null {
  if (method === "GET") {
    const p = new URLSearchParams(search);
    const params = {
      query: p.get("query") ?? undefined,
      operationName: p.get("operationName") ?? undefined,
      variables: parseJson(p.get("variables")),
      extensions: parseJson(p.get("extensions")),
    };
    return typeof params.variables === "symbol" || typeof params.extensions === "symbol" ? null : params;
  }
  if (method === "POST" && body && typeof body === "object" && !Array.isArray(body)) return body as GraphQLParams;
  return null;
}

/** The APQ hash a request names, if any. */
export function persistedHash(params: GraphQLParams): string | undefined {
  const pq = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return typeof pq?.sha256Hash === "string" ? pq.sha256Hash : undefined;
}

/**
 * The document's SHA-256 (hex, as APQ computes it): of the query text when there is one, else
 * the APQ hash named. Null when neither, or when both disagree (Apollo refuses the request).
 */
export function documentHash(params: GraphQLParams): string | null {
  const named = persistedHash(params);
  if (typeof params.query === "string") {
    const own = sha256(params.query);
    return named === undefined || named === own ? own : null;
  }
  return named !== undefined && /^[0-9a-f]{64}$/.test(named) ? named : null;
}

/** Variables nested deeper than this are no cache candidate (and canonicalJson's recursion stays shallow). */
export const MAX_KEY_DEPTH = 64;

/** JSON with object keys sorted at every level: equal values, equal text. Null past MAX_KEY_DEPTH levels. */
export function canonicalJson(value: unknown, depth = 0): string | null {
  if (depth > MAX_KEY_DEPTH) return null;
  const parts: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = canonicalJson(item, depth + 1);
      if (text === null) return null;
      parts.push(text);
    }
    return `[${parts.join(",")}]`;
  }
  if (value && typeof value === "object") {
    for (const k of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[k];
      if (item === undefined) continue;
      const text = canonicalJson(item, depth + 1);
      if (text === null) return null;
      parts.push(`${JSON.stringify(k)}:${text}`);
    }
    return `{${parts.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
const absent = (v: unknown) => v === undefined || v === null;

/**
 * The parameter shapes Apollo accepts. Anything else goes to Apollo, which refuses it: a
 * cached answer must never stand in for a request that would have been an error.
 */
function wellFormed(p: GraphQLParams): boolean {
  if (p.query !== undefined && typeof p.query !== "string") return false;
  if (!absent(p.operationName) && typeof p.operationName !== "string") return false;
  if (!absent(p.variables) && !isObject(p.variables)) return false;
  if (absent(p.extensions)) return true;
  if (!isObject(p.extensions)) return false;
  const pq = (p.extensions as { persistedQuery?: unknown }).persistedQuery;
  return pq === undefined || (isObject(pq) && (pq as { version?: unknown }).version === 1);
}

/**
 * What makes two requests the same read: the document (hash), the operation name, the
 * variables (canonical JSON), the viewer's role and the Accept header (it picks the response's
 * content type). Null when the request is not a well-formed candidate (or its variables nest
 * deeper than MAX_KEY_DEPTH).
 */
export function requestKey(params: GraphQLParams, role: string, accept: string): string | null {
  if (!wellFormed(params)) return null;
  const doc = documentHash(params);
  if (doc === null) return null;
  const variables = canonicalJson(params.variables ?? {});
  if (variables === null) return null;
  return sha256([doc, params.operationName ?? "", variables, role, accept].join("\n"));
}
