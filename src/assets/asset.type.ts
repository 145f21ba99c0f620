import { Field, GraphQLISODateTime, ID, ObjectType } from "type-graphql";
import { connectionTypes } from "../graphql/pagination.js";
import { PublicData } from "../graphql/cache-scope.js";

@PublicData()
@ObjectType({ description: "A financial instrument: a stock, an ETF, a commodity." })
export class Asset {
  @Field(() => ID) id!: number;
  @Field(() => String, { description: 'Ticker symbol, e.g. "AAPL".' }) symbol!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true, description: "Sector classification." }) sector!: string | null;
  @Field(() => Boolean, { description: "False keeps the asset out of the index universe." }) investable!: boolean;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

/** Page size of `assets` without `first`. */
export const ASSET_PAGE_DEFAULT = 50;

export const { EdgeType: AssetEdge, ConnectionType: AssetConnection } = connectionTypes(
  "Asset",
  () => Asset,
  ASSET_PAGE_DEFAULT,
  { publicData: true, boundedBy: "symbols" },
);
