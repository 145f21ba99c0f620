import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { assertCredentialSizes, assertTokenSize, CredentialsInput } from "./auth.inputs.js";
import { login, register } from "./auth.service.js";
import { AuthPayload, Registration } from "./auth.type.js";
import { endSession, rotateRefreshToken, sessionOf, type Session } from "./session.service.js";

const REFRESH_TOKEN_ARG =
  "The refreshToken of an AuthPayload (43 characters); a much longer string is BAD_USER_INPUT (field refreshToken).";

@Resolver()
export class AuthResolver {
  @Mutation(() => Registration, {
    description:
      "Creates an account (role USER) if the email is free; the same answer either way (sign in with login " +
      "next). BAD_USER_INPUT (field email or password) for invalid credentials. Throttled per client address " +
      "and in total (RATE_LIMITED with retryAfterSeconds).",
  })
  register(
    @Ctx() ctx: Context,
    @Arg("input", () => CredentialsInput, { description: "The new account's email and password." })
    input: CredentialsInput,
  ): Promise<Registration> {
    assertCredentialSizes(input);
    return register(ctx.db, ctx.config, input.email, input.password, ctx.clientAddress);
  }

  @Mutation(() => AuthPayload, {
    description:
      "Signs in: UNAUTHENTICATED for an unknown email or a wrong password (the same message). Throttled per " +
      "client address, per (email, address) and per email (RATE_LIMITED with retryAfterSeconds).",
  })
  login(
    @Ctx() ctx: Context,
    @Arg("input", () => CredentialsInput, { description: "The account's email and password." })
    input: CredentialsInput,
  ): Promise<Session> {
    assertCredentialSizes(input);
    return login(ctx.db, ctx.config, input.email, input.password, ctx.clientAddress);
  }

  @Mutation(() => AuthPayload, {
    description:
      "Exchanges a refresh token for a new session (rotation). UNAUTHENTICATED for an unknown, expired or " +
      "revoked token; a reused token also revokes its whole family (sign in again).",
  })
  async refreshToken(
    @Ctx() ctx: Context,
    @Arg("refreshToken", () => String, { description: REFRESH_TOKEN_ARG }) token: string,
  ): Promise<Session> {
    assertTokenSize(token);
    // Committed whatever the outcome (a reused token's family revocation must stick), then answered.
    return sessionOf(await ctx.db.transaction().execute((trx) => rotateRefreshToken(trx, ctx.config, token)));
  }

  @Mutation(() => Boolean, {
    description:
      "Ends the session of a refresh token (revokes its family). Always true; access tokens expire on their own.",
  })
  async logout(
    @Ctx() ctx: Context,
    @Arg("refreshToken", () => String, { description: REFRESH_TOKEN_ARG }) token: string,
  ): Promise<boolean> {
    assertTokenSize(token);
    await ctx.db.transaction().execute((trx) => endSession(trx, token));
    return true;
  }
}
