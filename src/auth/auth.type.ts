import { Field, Int, ObjectType } from "type-graphql";
import { User } from "./user.type.js";

@ObjectType({ description: "A signed-in session: a short-lived access token and a rotating refresh token." })
export class AuthPayload {
  @Field(() => String, { description: "HS256 JWT; send it as `Authorization: Bearer <token>`." }) accessToken!: string;
  @Field(() => Int, { description: "Lifetime of the access token, in seconds." }) accessTokenExpiresIn!: number;
  @Field(() => String, {
    description: "Opaque, single use: `refreshToken` returns a new one. Presenting a used one ends the whole session.",
  })
  refreshToken!: string;
  @Field(() => User, { description: "The signed-in account." }) user!: User;
}

@ObjectType({
  description:
    "The answer of register, the same whether the email was free or taken (it does not say whether an account " +
    "exists): if the email was free, the account now exists; sign in with login.",
})
export class Registration {
  @Field(() => String, { description: "The email as stored (trimmed, lower-cased): sign in with it." }) email!: string;
  @Field(() => String, { description: "A sentence for the user saying the above; the same for every call." })
  message!: string;
}
