import { Field, Float, ID, ObjectType } from "type-graphql";
import { DateScalar } from "../graphql/date-scalar.js";
import { PublicData } from "../graphql/cache-scope.js";

// simpleResolvers: prices come back by the hundred thousand; their fields are plain
// properties, so skip type-graphql's per-field resolver wrapping.
@PublicData()
@ObjectType({ simpleResolvers: true, description: "A daily adjusted closing price." })
export class Price {
  @Field(() => ID, { description: "The priced asset's id (Asset.id)." }) assetId!: number;
  @Field(() => DateScalar, { description: "The date of the close." }) date!: string;
  @Field(() => Float, { description: "Adjusted close (split- and dividend-adjusted, in the asset's currency), > 0." })
  close!: number;
}
