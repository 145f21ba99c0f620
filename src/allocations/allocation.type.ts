import { Field, Float, ID, ObjectType } from "type-graphql";
import { Asset } from "../assets/asset.type.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { PublicData } from "../graphql/cache-scope.js";

@PublicData()
@ObjectType({ description: "A target weight set at a rebalance date; a date's weights sum to 1." })
export class Allocation {
  @Field(() => DateScalar, { description: "The rebalance date." }) date!: string;
  @Field(() => ID, { description: "The weighted asset's id (Asset.id)." }) assetId!: number;
  @Field(() => Float, { description: "Target weight (decimal) in (0, 1]; a date's weights sum to 1." })
  weight!: number;
  @Field(() => Asset, { description: "The weighted asset." }) asset?: Asset;
}
