import { type ClassType, Field, Int, ObjectType } from "type-graphql";
import { badInput } from "../errors.js";
import { countScanCost, pageOfParent } from "./complexity.js";
import { PublicData } from "./cache-scope.js";
import { stringProblem } from "../shared/strings.js";

/** Description of the `after` argument of every connection field. */
export const AFTER_ARG =
  "Start after this cursor (an endCursor or edge cursor of the same list); null = from the start. " +
  "BAD_USER_INPUT (field after) for anything else.";

@PublicData()
@ObjectType({ description: "Relay page information: how to ask for the next page." })
export class PageInfo {
  @Field(() => Boolean, { description: "True when more items follow: pass endCursor as after to get them." })
  hasNextPage!: boolean;
  @Field(() => Boolean, { description: "True when this page was asked for with after (items precede it)." })
  hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true, description: "The cursor of the first edge; null for an empty page." })
  startCursor!: string | null;
  @Field(() => String, { nullable: true, description: "The cursor of the last edge; null for an empty page." })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** null only when the operation does not select it (see selectsField): never counted then. */
  totalCount: number | null;
}

/**
 * Builds the Edge and Connection object types of a node type (Relay cursor connections spec).
 * `defaultPage` is the page size the connection's field uses without `first`: the edges weigh
 * that many items in the query cost, and totalCount weighs a scan of the whole table.
 * `publicData`: the connection of a public node type is public too (src/graphql/cache-scope.ts).
 * `boundedBy`: a list argument of the connection's field that names its items (at most that many edges).
 */
export function connectionTypes<T extends object>(
  name: string,
  node: () => ClassType<T>,
  defaultPage: number,
  options: { publicData?: boolean; boundedBy?: string } = {},
) {
  const scope: ClassDecorator = options.publicData ? PublicData() : () => {};
  @scope
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: "Opaque cursor of this item: pass it as after to continue behind it." })
    cursor!: string;
    @Field(node, { description: `The ${name}.` }) node!: T;
  }
  @scope
  @ObjectType(`${name}Connection`, { description: `A page of ${name} items (Relay cursor connection).` })
  class ConnectionType {
    @Field(() => [EdgeType], {
      description: "The items of this page, in list order (at most first).",
      complexity: pageOfParent(defaultPage, options.boundedBy),
    })
    edges!: EdgeType[];
    @Field(() => PageInfo, { description: "Whether more pages follow, and the cursors to reach them." })
    pageInfo!: PageInfo;
    @Field(() => Int, { description: "Matching items across all pages.", complexity: countScanCost })
    totalCount!: number;
  }
  return { EdgeType, ConnectionType };
}

/** Cursors are opaque to clients: base64url of "<kind>:<key>". */
export function encodeCursor(kind: string, key: string): string {
  return Buffer.from(`${kind}:${key}`, "utf8").toString("base64url");
}

export function decodeCursor(kind: string, cursor: string): string {
  const raw = Buffer.from(cursor, "base64url").toString("utf8");
  // A forged cursor can decode to anything: the key goes to SQL, so it gets the checks of a client string.
  if (!raw.startsWith(`${kind}:`) || stringProblem(raw))
    throw badInput("invalid cursor", [{ field: "after", message: "not a cursor of this list" }]);
  return raw.slice(kind.length + 1);
}

/** Validates `first` against the page-size limit (DoS protection). */
export function pageSize(first: number | null | undefined, defaultSize: number, max: number): number {
  const n = first ?? defaultSize;
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw badInput(`first must be between 0 and ${max}`, [{ field: "first", message: `must be between 0 and ${max}` }]);
  return n;
}

/** Slices one extra row off a fetched page (fetch size + 1) to answer hasNextPage. */
export function toConnection<T>(
  rows: T[],
  size: number,
  cursorOf: (row: T) => string,
  totalCount: number | null,
  hasPrevious: boolean,
): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
