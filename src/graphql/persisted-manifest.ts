import { createHash } from "node:crypto";
import {
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
} from "graphql";

/**
 * The registered operations, in Apollo's persisted query manifest format
 * (https://www.apollographql.com/docs/graphos/routing/security/persisted-queries): each
 * operation's body is the printed document a client sends (the operation, then the fragments
 * it uses), its id the SHA-256 of that body, as automatic persisted queries hash it.
 */
export interface PersistedQueryManifest {
  format: "apollo-persisted-query-manifest";
  version: 1;
  operations: { id: string; name: string; type: "query" | "mutation" | "subscription"; body: string }[];
}

export const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");

/** The fragments an operation uses, transitively, in first-use order. */
function usedFragments(root: DefinitionNode, fragments: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const out: FragmentDefinitionNode[] = [];
  const seen = new Set<string>();
  const walk = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (seen.has(name) || !fragment) return;
        seen.add(name);
        out.push(fragment);
        walk(fragment);
      },
    });
  walk(root);
  return out;
}

/** One manifest entry per named operation of the given GraphQL sources, sorted by name. */
export function buildManifest(sources: string[]): PersistedQueryManifest {
  const documents = sources.map((s) => parse(s));
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of documents.flatMap((doc) => doc.definitions))
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operations: PersistedQueryManifest["operations"] = [];
  for (const d of documents.flatMap((doc) => doc.definitions)) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    if (!d.name) throw new Error("persisted operations must be named");
    const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [d, ...usedFragments(d, fragments)] };
    const body = print(document);
    operations.push({ id: sha256Hex(body), name: d.name.value, type: d.operation, body });
  }
  operations.sort((a, b) => a.name.localeCompare(b.name));
  const names = operations.map((o) => o.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`operation ${duplicate} is defined twice`);
  return { format: "apollo-persisted-query-manifest", version: 1, operations };
}

/** The manifest's operations by id; throws on a malformed manifest or an id that is not its body's hash. */
export function manifestOperations(manifest: unknown): Map<string, string> {
  const m = manifest as Partial<PersistedQueryManifest> | null;
  if (m?.format !== "apollo-persisted-query-manifest" || m.version !== 1 || !Array.isArray(m.operations))
    throw new Error("not an apollo-persisted-query-manifest, version 1");
  const byId = new Map<string, string>();
  for (const op of m.operations) {
    if (typeof op?.body !== "string" || op.id !== sha256Hex(op.body))
      throw new Error(`operation ${op?.name}: id is not the SHA-256 of its body`);
    byId.set(op.id, op.body);
  }
  return byId;
}
