import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Asset } from "../assets/asset.type.js";
import { dataQualitySummaryCost, pageOfParent } from "../graphql/complexity.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { PublicData } from "../graphql/cache-scope.js";

/** Rows of `dataQuality` without `first`. */
export const DATA_QUALITY_ROWS_DEFAULT = 100;

@PublicData()
@ObjectType({ description: "The flags of one asset on one trading date (at least one is set)." })
export class DataQualityRow {
  @Field(() => ID, { description: "The flagged asset's id (Asset.id)." }) assetId!: number;
  @Field(() => Asset, { description: "The flagged asset." }) asset?: Asset;
  @Field(() => DateScalar, { description: "The trading date." }) date!: string;
  @Field(() => Boolean, { description: "Flag BELOW_MIN_PRICE (see DataQualityFlagKind)." }) belowMinPrice!: boolean;
  @Field(() => Boolean, { description: "Flag STALE (see DataQualityFlagKind)." }) stale!: boolean;
  @Field(() => Boolean, { description: "Flag CLIPPED (see DataQualityFlagKind)." }) clipped!: boolean;
  @Field(() => Boolean, { description: "Flag OUTLIER (see DataQualityFlagKind)." }) outlier!: boolean;
  @Field(() => Float, {
    nullable: true,
    description: "The unclipped return r(t) = P(t)/P(t−1) − 1 (decimal); null when undefined.",
  })
  return!: number | null;
}

@PublicData()
@ObjectType({ simpleResolvers: true, description: "Counts over every matching row (not only the returned page)." })
export class DataQualitySummary {
  @Field(() => Int, { description: "Matching rows with BELOW_MIN_PRICE set." }) belowMinPrice!: number;
  @Field(() => Int, { description: "Matching rows with STALE set." }) stale!: number;
  @Field(() => Int, { description: "Matching rows with CLIPPED set." }) clipped!: number;
  @Field(() => Int, { description: "Matching rows with OUTLIER set." }) outlier!: number;
  @Field(() => Int, { description: "Distinct assets with at least one matching row." }) assetsAffected!: number;
  @Field(() => Int, { description: "Matching (asset, date) rows." }) rows!: number;
}

@PublicData()
@ObjectType({
  description: "Data-quality flags of the last computation (DOMAIN §2), for every asset including the benchmark.",
})
export class DataQualityReport {
  /** null only when the operation does not select it (see selectsField): never computed then. */
  @Field(() => DataQualitySummary, {
    description: "Counts over every matching row, not only rows (a scan of all matches: select it when needed).",
    complexity: dataQualitySummaryCost,
  })
  summary!: DataQualitySummary | null;
  @Field(() => [DataQualityRow], {
    description: "Matching rows by date then symbol, at most `first`.",
    complexity: pageOfParent(DATA_QUALITY_ROWS_DEFAULT),
  })
  rows!: DataQualityRow[];
  @Field(() => Boolean, { description: "True when more rows matched than were returned (raise `first` to see them)." })
  truncated!: boolean;
}
