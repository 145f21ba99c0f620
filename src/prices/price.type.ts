import { Field, Float, ID, ObjectType } from "type-graphql";
import { DateScalar } from "../graphql/date-scalar.js";
import { PublicData } from "../graphql/cache-scope.js";

// simpleResolvers: prices come back by the hundred thousand; their fields are plain
// properties, so skip type-graphql's per-field resolver wrapping.
@PublicData()
@ObjectType({ simpleResolvers: true, description: "A daily adjusted closing price." })
export class Price {
  @Field(() => ID) assetId!: number;
  @Field(() => DateScalar) date!: string;
  @Field(() => Float, { description: "Adjusted close, > 0." }) close!: number;
}
