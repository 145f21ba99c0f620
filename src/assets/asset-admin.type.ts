import { Field, ID, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "What deleteAsset removed." })
export class DeleteAssetPayload {
  @Field(() => ID) id!: number;
  @Field(() => Int) deletedPrices!: number;
  @Field(() => Int) deletedAllocations!: number;
  @Field(() => Int) deletedMarketCaps!: number;
}
