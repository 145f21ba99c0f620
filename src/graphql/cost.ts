import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getVariableValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { ARG_ITEM_COST, DEFAULT_LIST_ITEMS } from "./cost-units.js";
import type { TableStats } from "./table-stats.repo.js";

/**
 * The estimated cost of an operation, in cost units (docs/security.md "Query cost"): a walk of
 * the operation as it will execute — every alias, every fragment spread expanded, @skip and
 * @include applied, variables substituted at every place they are used.
 *
 * A field costs what its `complexity` extension says (a number, or an estimator called with
 * its arguments, its children's cost and its parent field's arguments, so a connection's
 * `edges` can read the page size given to the connection), else 1 plus its children, times
 * DEFAULT_LIST_ITEMS when it returns a list. On top of that every field pays ARG_ITEM_COST for
 * each item of each list in its arguments: a 100,000-entry variable used by 5,000 aliases
 * weighs 500 million items, because each alias makes the server walk the whole list again.
 */
export interface CostEstimatorArgs {
  args: Record<string, unknown>;
  childComplexity: number;
  /**
   * Arguments of the enclosing field (empty at the root); optional only so that type-graphql's `complexity` option
   * accepts these estimators.
   */
  parentArgs?: Record<string, unknown>;
  /** Current table sizes, when known: estimators take the smaller of their guess and what is stored. */
  stats?: TableStats;
}
export type CostEstimator = (a: CostEstimatorArgs) => number;

export class TooManyNodesError extends Error {
  constructor(readonly maxNodes: number) {
    super(`query expands to more than ${maxNodes} fields`);
  }
}

export interface CostOptions {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  /** Coerced variable values (getVariableValues). */
  variables: Record<string, unknown>;
  /** Most fields evaluated, fragment spreads expanded (fragment "bombs" stop here). */
  maxNodes: number;
  stats?: TableStats;
}

/** Items of every list inside a value (nested lists and input objects included). Cached per object. */
const itemCounts = new WeakMap<object, number>();
export function listItems(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  const cached = itemCounts.get(value);
  if (cached !== undefined) return cached;
  let n = Array.isArray(value) ? value.length : 0;
  for (const v of Array.isArray(value) ? value : Object.values(value))
    if (v !== null && typeof v === "object") n += listItems(v);
  itemCounts.set(value, n);
  return n;
}

const returnsList = (type: GraphQLOutputType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

export function measureCost(o: CostOptions): number {
  let nodes = 0;
  const root =
    o.operation.operation === "mutation"
      ? o.schema.getMutationType()
      : o.operation.operation === "subscription"
        ? o.schema.getSubscriptionType()
        : o.schema.getQueryType();
  if (!root) return 0;

  const included = (node: { directives?: readonly unknown[] } & Parameters<typeof getDirectiveValues>[1]): boolean => {
    if (!node.directives?.length) return true;
    if (getDirectiveValues(GraphQLSkipDirective, node, o.variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, o.variables)?.if !== false;
  };

  const selectionCost = (
    set: SelectionSetNode,
    type: GraphQLCompositeType,
    parentArgs: Record<string, unknown>,
  ): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (++nodes > o.maxNodes) throw new TooManyNodesError(o.maxNodes);
      if (!included(sel)) continue;
      if (sel.kind === Kind.FIELD) total += fieldCost(sel, type, parentArgs);
      else {
        const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : o.fragments[sel.name.value];
        if (!fragment) continue; // validation reports unknown fragments
        const cond = fragment.typeCondition ? o.schema.getType(fragment.typeCondition.name.value) : type;
        total += selectionCost(fragment.selectionSet, cond && isCompositeType(cond) ? cond : type, parentArgs);
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType, parentArgs: Record<string, unknown>): number => {
    if (node.name.value === "__typename") return 0;
    // Interfaces and unions: the schema has none yet; a field unknown on the parent is a validation error.
    const field = isObjectType(parent)
      ? (parent.getFields()[node.name.value] as GraphQLField<unknown, unknown> | undefined)
      : undefined;
    if (!field) return 1;
    const args = getArgumentValues(field, node, o.variables);
    const named = getNamedType(field.type);
    const childComplexity =
      node.selectionSet && isCompositeType(named) ? selectionCost(node.selectionSet, named, args) : 0;
    const ext = field.extensions?.complexity as number | CostEstimator | undefined;
    let cost: number;
    if (typeof ext === "number") cost = ext + childComplexity;
    else if (typeof ext === "function") cost = ext({ args, childComplexity, parentArgs, stats: o.stats });
    else cost = returnsList(field.type) ? 1 + DEFAULT_LIST_ITEMS * Math.max(1, childComplexity) : 1 + childComplexity;
    let items = 0;
    for (const v of Object.values(args)) items += listItems(v);
    return cost + items * ARG_ITEM_COST;
  };

  return selectionCost(o.operation.selectionSet, root, {});
}

/**
 * The cost of the operation `operationName` (or the only one) of a document with raw request
 * variables; null when the variables do not coerce (the request fails on them anyway).
 */
export function documentCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown>,
  maxNodes: number,
  stats?: TableStats,
): number | null {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (coerced.errors) return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return Math.ceil(measureCost({ schema, operation, fragments, variables: coerced.coerced, maxNodes, stats }));
}
