import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "What a bulk upsert did: re-sending the same rows reports them all unchanged." })
export class UpsertResult {
  @Field(() => Int, { description: "Rows whose (symbol, date) key was new." }) inserted!: number;
  @Field(() => Int, { description: "Existing rows whose values changed." }) updated!: number;
  @Field(() => Int, { description: "Existing rows sent again with the same values (not rewritten)." })
  unchanged!: number;
}
