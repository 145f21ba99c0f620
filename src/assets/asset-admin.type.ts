import { Field, ID, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "What deleteAsset removed." })
export class DeleteAssetPayload {
  @Field(() => ID, { description: "The deleted asset's id (no longer found by asset(id))." }) id!: number;
  @Field(() => Int, { description: "Its daily prices deleted (0 unless force)." }) deletedPrices!: number;
  @Field(() => Int, { description: "Allocations that referenced it, deleted (0 unless force)." })
  deletedAllocations!: number;
  @Field(() => Int, { description: "Its market-cap records deleted." }) deletedMarketCaps!: number;
}
