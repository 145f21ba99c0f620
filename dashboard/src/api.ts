import operations from "virtual:operations";
import type * as G from "./generated/graphql";

/**
 * Every operation the dashboard sends, by name: [result, variables], from the types GraphQL
 * Code Generator derives from dashboard/operations against schema/schema.graphql. An operation
 * that no longer fits the schema changes these types (or fails codegen), and `npm run
 * typecheck` fails where the views use them.
 */
export interface Operations {
  Overview: [G.OverviewQuery, G.OverviewQueryVariables];
  AssetList: [G.AssetListQuery, G.AssetListQueryVariables];
  AssetDetail: [G.AssetDetailQuery, G.AssetDetailQueryVariables];
  CompareAssets: [G.CompareAssetsQuery, G.CompareAssetsQueryVariables];
  DataQuality: [G.DataQualityQuery, G.DataQualityQueryVariables];
  Strategy: [G.StrategyQuery, G.StrategyQueryVariables];
  Me: [G.MeQuery, G.MeQueryVariables];
  StrategyHistory: [G.StrategyHistoryQuery, G.StrategyHistoryQueryVariables];
  PreviewStrategy: [G.PreviewStrategyQuery, G.PreviewStrategyQueryVariables];
  Login: [G.LoginMutation, G.LoginMutationVariables];
  RefreshSession: [G.RefreshSessionMutation, G.RefreshSessionMutationVariables];
  Logout: [G.LogoutMutation, G.LogoutMutationVariables];
  ApplyStrategy: [G.ApplyStrategyMutation, G.ApplyStrategyMutationVariables];
}
export type OperationName = keyof Operations;
export type Result<N extends OperationName> = Operations[N][0];
export type Variables<N extends OperationName> = Operations[N][1];

/** Public reads: a GET with the persisted query's hash, which the browser and the API's response cache answer. */
const PUBLIC_READS = new Set<OperationName>([
  "Overview",
  "AssetList",
  "AssetDetail",
  "CompareAssets",
  "DataQuality",
  "Strategy",
]);

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

/** A GraphQL error answer: the first error's message and code (BAD_USER_INPUT, CONFLICT, FORBIDDEN, …). */
export class ApiError extends Error {
  readonly code: string;
  readonly errors: GraphQLErrorShape[];
  constructor(errors: GraphQLErrorShape[]) {
    super(errors.map((e) => e.message).join("; "));
    this.errors = errors;
    this.code = errors[0]?.extensions?.code ?? "UNKNOWN";
  }
}

const ENDPOINT = "/graphql";
// application/json only: request errors then come back as 200 with an errors array, which the
// page reads, instead of a 4xx the browser would also report in its console.
const ACCEPT = "application/json";

async function answer<T>(res: Response): Promise<{ data?: T; errors?: GraphQLErrorShape[] }> {
  const type = res.headers.get("content-type") ?? "";
  if (!type.includes("json")) throw new ApiError([{ message: `HTTP ${res.status} from ${ENDPOINT}` }]);
  return res.json();
}

function operation(name: OperationName) {
  const op = operations[name];
  if (!op) throw new Error(`operation ${name} is not in dashboard/operations`);
  return op;
}

async function post<T>(
  name: OperationName,
  variables: unknown,
  token?: string,
): Promise<{ data?: T; errors?: GraphQLErrorShape[] }> {
  const op = operation(name);
  const headers: Record<string, string> = { "content-type": "application/json", accept: ACCEPT };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(ENDPOINT, {
    method: "POST",
    headers,
    body: JSON.stringify({
      query: op.body,
      operationName: name,
      variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: op.id } },
    }),
  });
  return answer<T>(res);
}

/**
 * GET /graphql with only the operation's SHA-256 (automatic persisted queries): a short URL the
 * browser revalidates with its ETag (304 when the data did not change). When the API does not
 * know the hash yet it answers PERSISTED_QUERY_NOT_FOUND: the document is then POSTed once
 * with its hash, which registers it, and later GETs find it.
 */
async function getPersisted<T>(
  name: OperationName,
  variables: unknown,
): Promise<{ data?: T; errors?: GraphQLErrorShape[] }> {
  const op = operation(name);
  const params = new URLSearchParams({
    operationName: name,
    variables: JSON.stringify(variables ?? {}),
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: op.id } }),
  });
  const res = await fetch(`${ENDPOINT}?${params}`, {
    headers: { accept: ACCEPT, "apollo-require-preflight": "true" },
  });
  const body = await answer<T>(res);
  if (body.errors?.some((e) => e.extensions?.code === "PERSISTED_QUERY_NOT_FOUND")) return post<T>(name, variables);
  return body;
}

/** Runs one operation; throws ApiError on GraphQL errors (a partial answer is an error too). */
export async function request<N extends OperationName>(
  name: N,
  variables: Variables<N>,
  token?: string,
): Promise<Result<N>> {
  const body =
    PUBLIC_READS.has(name) && !token
      ? await getPersisted<Result<N>>(name, variables)
      : await post<Result<N>>(name, variables, token);
  if (body.errors?.length) throw new ApiError(body.errors);
  if (!body.data) throw new ApiError([{ message: "the API answered without data" }]);
  return body.data;
}
