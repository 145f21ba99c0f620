import { createHash, randomBytes, randomUUID } from "node:crypto";
import jwt from "jsonwebtoken";
import type { AppConfig } from "../config.js";
import { AppError, ErrorCode } from "../errors.js";

/** The only algorithm ever accepted: pinned when verifying (no "none", no RS/HS confusion). */
const ALGORITHM = "HS256" as const;

export interface AccessClaims {
  userId: number;
  /** Informational only: authorization reads the role from the database. */
  role: "user" | "admin";
  jti: string;
  /** Expiry, seconds since the epoch (a WebSocket connection is closed then). */
  expiresAt: number;
}

/** One generic error for every bad token: the client learns nothing but the code. */
export const invalidToken = () =>
  new AppError(ErrorCode.UNAUTHENTICATED, "invalid or expired token", { http: { status: 401 } });

/** A short-lived access JWT: iss, aud, sub (user id), role, iat, exp, jti. */
export function signAccessToken(config: AppConfig, user: { id: number; role: "user" | "admin" }): string {
  const a = config.auth;
  return jwt.sign({ role: user.role }, a.jwtSecret, {
    algorithm: ALGORITHM,
    issuer: a.issuer,
    audience: a.audience,
    subject: String(user.id),
    expiresIn: a.accessTokenTtlSeconds,
    jwtid: randomUUID(),
  });
}

/** Verifies signature (HS256 only), issuer, audience and expiry; throws invalidToken() otherwise. */
export function verifyAccessToken(config: AppConfig, token: string): AccessClaims {
  const a = config.auth;
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, a.jwtSecret, {
      algorithms: [ALGORITHM],
      issuer: a.issuer,
      audience: a.audience,
      complete: false,
    });
  } catch {
    throw invalidToken();
  }
  if (typeof payload === "string" || typeof payload.sub !== "string" || !/^[1-9]\d{0,9}$/.test(payload.sub))
    throw invalidToken();
  if (typeof payload.jti !== "string" || typeof payload.exp !== "number") throw invalidToken();
  const role = payload.role === "admin" ? "admin" : "user";
  return { userId: Number(payload.sub), role, jti: payload.jti, expiresAt: payload.exp };
}

/** An opaque refresh token (256 random bits) and the SHA-256 the database keeps. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
