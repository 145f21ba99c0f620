import { Field, Float, ObjectType } from "type-graphql";
import { DateScalar } from "../graphql/date-scalar.js";
import { PublicData } from "../graphql/cache-scope.js";

@PublicData()
@ObjectType({ simpleResolvers: true, description: "The index level at a trading date's close (100 at inception)." })
export class IndexValue {
  @Field(() => DateScalar, { description: "A trading date." }) date!: string;
  @Field(() => Float, { description: "The index level at its close, in index points (> 0)." }) value!: number;
}
