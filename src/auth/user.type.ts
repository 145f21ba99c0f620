import { Field, GraphQLISODateTime, ID, ObjectType } from "type-graphql";

/** An account. The password hash never leaves the repository layer. */
@ObjectType({ description: "A user account." })
export class User {
  @Field(() => ID) id!: number;
  @Field(() => String, { description: "Normalised (trimmed, lower-case) email." }) email!: string;
  @Field(() => String, { description: "user | admin" }) role!: "user" | "admin";
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}
