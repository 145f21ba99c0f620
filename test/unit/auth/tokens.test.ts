import { generateKeyPairSync } from "node:crypto";
import jwt from "jsonwebtoken";
import { describe, expect, it } from "vitest";
import { hashRefreshToken, newRefreshToken, signAccessToken, verifyAccessToken } from "../../../src/auth/tokens.js";
import { testConfig } from "../../helpers/db.js";

const config = testConfig({ JWT_SECRET: "8vTk5KbTMz2472qQ8yJKEmqBZ6UnoHFHGKewbUas5BgeoK1g" });
const other = testConfig({ JWT_SECRET: "/AXZLgPiDwhPVzrDQzm6IJH4y2BR1+1px8hByYepQXCq3gGS" });
const claims = { sub: "7", role: "admin" };
const opts = { issuer: config.auth.issuer, audience: config.auth.audience, expiresIn: 60 } as const;

const rejected = (token: string) => {
  try {
    verifyAccessToken(config, token);
  } catch (err) {
    return (err as { extensions: { code: string } }).extensions.code;
  }
  return "accepted";
};

describe("access tokens", () => {
  it("carry iss, aud, sub, role, iat, exp, jti and verify", () => {
    const token = signAccessToken(config, { id: 7, role: "user" });
    const decoded = jwt.decode(token, { complete: true })!;
    expect(decoded.header.alg).toBe("HS256");
    expect(decoded.payload).toMatchObject({ iss: "autoindex", aud: "autoindex-api", sub: "7", role: "user" });
    const p = decoded.payload as jwt.JwtPayload;
    expect(p.exp! - p.iat!).toBe(config.auth.accessTokenTtlSeconds);
    expect(p.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(verifyAccessToken(config, token)).toMatchObject({ userId: 7, role: "user" });
  });

  it("reject alg none, another key, RS256, HS256 keyed with the public key, expiry, tampering, wrong iss/aud", () => {
    const none = jwt.sign(claims, "", { ...opts, algorithm: "none" });
    const otherKey = signAccessToken(other, { id: 7, role: "admin" });
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const rs256 = jwt.sign(claims, privateKey, { ...opts, algorithm: "RS256" });
    const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
    const confused = jwt.sign(claims, pem, { ...opts, algorithm: "HS256" });
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, config.auth.jwtSecret, {
      issuer: opts.issuer,
      audience: opts.audience,
    });
    const [h, , s] = signAccessToken(config, { id: 7, role: "user" }).split(".");
    const forged = { ...claims, iss: opts.issuer, aud: opts.audience, exp: 9e9, jti: "x" };
    const tampered = `${h}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${s}`;
    const wrongIss = jwt.sign(claims, config.auth.jwtSecret, { ...opts, issuer: "evil" });
    const wrongAud = jwt.sign(claims, config.auth.jwtSecret, { ...opts, audience: "evil" });
    for (const t of [none, otherKey, rs256, confused, expired, tampered, wrongIss, wrongAud, "garbage"])
      expect(rejected(t)).toBe("UNAUTHENTICATED");
    // The control: the same claims signed properly are accepted (so the rejections above mean something).
    expect(rejected(jwt.sign({ ...claims, jti: "j" }, config.auth.jwtSecret, { ...opts, algorithm: "HS256" }))).toBe(
      "accepted",
    );
  });
});

describe("refresh tokens", () => {
  it("are 256-bit random and stored as their SHA-256 only", () => {
    const a = newRefreshToken();
    const b = newRefreshToken();
    expect(a.token).not.toBe(b.token);
    expect(Buffer.from(a.token, "base64url")).toHaveLength(32);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken(a.token)).toBe(a.hash);
  });
});
