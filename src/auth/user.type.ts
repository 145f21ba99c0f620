import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../graphql/date-time-scalar.js";
import { Role } from "./role.enum.js";

/** An account. The password hash never leaves the repository layer. */
@ObjectType({ description: "A user account." })
export class User {
  @Field(() => ID, { description: "The account's id (the userId of its audit entries)." }) id!: number;
  @Field(() => String, { description: "Normalised (trimmed, lower-case) email." }) email!: string;
  @Field(() => Role, { description: "What the account may do." }) role!: Role;
  @Field(() => DateTimeScalar, { description: "When the account was created (UTC)." }) createdAt!: Date;
}
