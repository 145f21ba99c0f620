import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../graphql/date-time-scalar.js";
import { connectionTypes } from "../graphql/pagination.js";
import { PublicData } from "../graphql/cache-scope.js";

@PublicData()
@ObjectType({ description: "A financial instrument: a stock, an ETF, a commodity." })
export class Asset {
  @Field(() => ID, { description: "Stable id (a positive integer as a string); see asset(id)." }) id!: number;
  @Field(() => String, {
    description: 'Ticker symbol, unique, upper-case: A-Z, 0-9, "." and "-", at most 16 characters (e.g. "BRK.B").',
  })
  symbol!: string;
  @Field(() => String, { nullable: true, description: "Display name, at most 200 characters; null when unknown." })
  name!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "Sector classification as loaded (free text, e.g. GICS 'Information Technology'; at most 100 characters); " +
      "null when unknown. Filter with assets(sector).",
  })
  sector!: string | null;
  @Field(() => Boolean, {
    description: "False keeps the asset out of the index universe (its prices are still stored and served).",
  })
  investable!: boolean;
  @Field(() => DateTimeScalar, { description: "When the asset was created." }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: "When the asset row last changed (not its prices)." }) updatedAt!: Date;
}

/** Page size of `assets` without `first`. */
export const ASSET_PAGE_DEFAULT = 50;

export const { EdgeType: AssetEdge, ConnectionType: AssetConnection } = connectionTypes(
  "Asset",
  () => Asset,
  ASSET_PAGE_DEFAULT,
  { publicData: true, boundedBy: "symbols" },
);
