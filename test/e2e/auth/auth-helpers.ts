import type { Kysely } from "kysely";
import { createUser } from "../../../src/auth/auth.service.js";
import { signAccessToken } from "../../../src/auth/tokens.js";
import type { AppConfig, Env } from "../../../src/config.js";
import type { Database } from "../../../src/db/schema.js";

/** Low argon2 cost keeps the suite fast; a fixed secret and admin token make tokens craftable. */
export const AUTH_ENV: Partial<Env> = {
  ARGON2_MEMORY_KIB: 1024,
  ARGON2_TIME_COST: 1,
  // Fixed values from `openssl rand -base64 36`: secrets are checked for strength in every environment.
  JWT_SECRET: "nk2lcN5RiXXlJ8sy4w66ETq7/W8b1mwG4AYyv+HE0IoYwIyA",
  ADMIN_TOKEN: "bXENHbRhSgYGVak0DvBw84GxTYSDDi81+OnwH6zWjij92Kds",
};

export const PASSWORD = "a perfectly fine passphrase";

export interface Signed {
  id: number;
  token: string;
  headers: Record<string, string>;
}

/** Creates a user of a role and signs an access token for it. */
export async function signedIn(
  db: Kysely<Database>,
  config: AppConfig,
  email: string,
  role: "user" | "admin",
): Promise<Signed> {
  const user = await createUser(db, config, { email, password: PASSWORD, role });
  const token = signAccessToken(config, user);
  return { id: user.id, token, headers: { authorization: `Bearer ${token}` } };
}

export const VERSION = `{ strategyConfig { version } }`;
export const HISTORY = `query H($first: Int, $after: String) { strategyHistory(first: $first, after: $after) {
  totalCount edges { cursor node { version kind userId actor reason timestamp changes { field from to } } } pageInfo {
    hasNextPage endCursor } } }`;
export const UPDATE = `mutation U($input: StrategyConfigInput!, $reason: String!, $v: Int!, $recompute: Boolean) {
  updateStrategyConfig(input: $input, reason: $reason, expectedVersion: $v, recompute: $recompute) {
    config { version momentumWeight marketCapWeight riskParityWeight } adjustment { version kind } recomputed } }`;
export const AI = `mutation A($input: StrategyConfigInput!, $reason: String!, $c: Float!, $v: Int!) {
  applyAiAdjustment(input: $input, reason: $reason, confidence: $c, expectedVersion: $v) { config { version aiAdjusted
    aiConfidenceScore aiAdjustmentReason } } }`;
export const FORCE = `mutation F($reason: String!, $v: Int) { forceRebalance(reason: $reason, expectedVersion: $v) {
  config { version forceRebalance } } }`;
export const CREATE_ASSET = `mutation C($input: CreateAssetInput!) { createAsset(input: $input) { id symbol name
  sector investable } }`;
export const UPDATE_ASSET = `mutation UA($id: ID!, $input: UpdateAssetInput!) { updateAsset(id: $id, input: $input) {
  id symbol name } }`;
export const SET_INVESTABLE = `mutation S($id: ID!, $investable: Boolean!) { setAssetInvestable(id: $id, investable:
  $investable) { id investable } }`;
export const DELETE_ASSET = `mutation D($id: ID!, $force: Boolean) { deleteAsset(id: $id, force: $force) { id
  deletedPrices deletedAllocations deletedMarketCaps } }`;
export const LOGIN = `mutation L($input: CredentialsInput!) { login(input: $input) { accessToken refreshToken
  accessTokenExpiresIn user { id email role } } }`;
export const REGISTER = `mutation R($input: CredentialsInput!) { register(input: $input) { email message } }`;
export const REFRESH = `mutation RT($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`;
export const LOGOUT = `mutation LO($t: String!) { logout(refreshToken: $t) }`;

/** The error code of the first error of a response body (or "OK"). */
export const codeOf = (body: any): string => body?.errors?.[0]?.extensions?.code ?? "OK";
