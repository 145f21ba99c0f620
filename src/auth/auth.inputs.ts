import { Field, InputType } from "type-graphql";
import { badInput } from "../errors.js";
import { EMAIL_MAX_LENGTH } from "./email.js";
import { PASSWORD_MAX_LENGTH } from "./password.js";

@InputType({ description: "An email and a password: to sign up (register) or to sign in (login)." })
export class CredentialsInput {
  @Field(() => String, {
    description:
      "The email, trimmed and lower-cased before use. register: BAD_USER_INPUT (field email) when it is not a " +
      "plausible address or too long.",
  })
  email!: string;
  @Field(() => String, {
    description:
      "register: 12 to 256 characters and hard to guess (a zxcvbn-ts strength of at least 3 of 4); a refusal is " +
      "BAD_USER_INPUT (field password) saying what makes it guessable. login: any string; a wrong pair is " +
      "UNAUTHENTICATED.",
  })
  password!: string;
}

/** Refuses oversized strings before any hashing or counting (they would only cost CPU and rows). */
export function assertCredentialSizes(input: CredentialsInput): void {
  if (input.email.length > EMAIL_MAX_LENGTH + 64)
    throw badInput("email is too long", [{ field: "email", message: `at most ${EMAIL_MAX_LENGTH} characters` }]);
  if (input.password.length > PASSWORD_MAX_LENGTH * 4)
    throw badInput("password is too long", [
      { field: "password", message: `at most ${PASSWORD_MAX_LENGTH} characters` },
    ]);
}

/** Refresh tokens are 43 base64url characters; anything much longer is not one. */
export function assertTokenSize(token: string, field = "refreshToken"): void {
  if (token.length > 200) throw badInput(`${field} is too long`, [{ field, message: "too long" }]);
}
