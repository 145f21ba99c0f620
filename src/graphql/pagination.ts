import { ClassType, Field, Int, ObjectType } from "type-graphql";
import { badInput } from "../errors.js";
import { countScanCost, pageOfParent } from "./complexity.js";
import { PublicData } from "./cache-scope.js";
import { stringProblem } from "../shared/strings.js";

@PublicData()
@ObjectType({ description: "Relay page information." })
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
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
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String) cursor!: string;
    @Field(node) node!: T;
  }
  @scope
  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType], { complexity: pageOfParent(defaultPage, options.boundedBy) }) edges!: EdgeType[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
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
