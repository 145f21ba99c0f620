import {
  getNamedType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { Extensions } from "type-graphql";

/**
 * Which responses may be shared between viewers, declared on the schema itself:
 *
 * - `@PublicData()` on an object type: its fields return the same data to every viewer.
 * - `@PublicData()` on a root Query field: the field may be shared (root fields are never
 *   public by their type alone: the root field decides who may read).
 * - `@PrivateData()` on any field: never shared, whatever its type says (a viewer-dependent
 *   field on a public type must carry it).
 *
 * An operation is public when it is a query and every field it selects, through fragments,
 * is public: anything not marked is private, so a new type or root field is uncacheable until
 * someone decides otherwise. Introspection is public: it depends on the schema only.
 */
export type CacheScope = "public" | "private";

const KEY = "cacheScope";
export const PublicData = () => Extensions({ [KEY]: "public" });
export const PrivateData = () => Extensions({ [KEY]: "private" });

const scopeOf = (thing: { extensions?: Readonly<Record<string, unknown>> | null }): CacheScope | undefined =>
  thing.extensions?.[KEY] as CacheScope | undefined;

function fieldOf(type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

function selectionIsPublic(
  schema: GraphQLSchema,
  set: SelectionSetNode,
  parent: GraphQLCompositeType,
  isRoot: boolean,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string>,
): boolean {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const name = sel.name.value;
      if (name.startsWith("__")) continue; // __typename, __schema, __type
      const field = fieldOf(parent, name);
      if (!field) return false; // invalid; execution will say so
      const own = scopeOf(field);
      if (own === "private") return false;
      if (own !== "public" && (isRoot || scopeOf(parent) !== "public")) return false;
      const child = getNamedType(field.type);
      if (
        sel.selectionSet &&
        !selectionIsPublic(schema, sel.selectionSet, child as GraphQLCompositeType, false, fragments, seen)
      )
        return false;
    } else {
      let selections: SelectionSetNode;
      let condition: string | undefined;
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        selections = sel.selectionSet;
        condition = sel.typeCondition?.name.value;
      } else {
        if (seen.has(sel.name.value)) continue;
        seen.add(sel.name.value);
        const fragment = fragments.get(sel.name.value);
        if (!fragment) return false;
        selections = fragment.selectionSet;
        condition = fragment.typeCondition.name.value;
      }
      const type = condition ? schema.getType(condition) : parent;
      if (!type || !selectionIsPublic(schema, selections, type as GraphQLCompositeType, isRoot, fragments, seen))
        return false;
    }
  }
  return true;
}

/** The scope of one operation of a document (a mutation or subscription is always private). */
export function operationScope(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): CacheScope {
  const root = schema.getQueryType();
  if (operation.operation !== "query" || !root) return "private";
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return selectionIsPublic(schema, operation.selectionSet, root, true, fragments, new Set()) ? "public" : "private";
}
