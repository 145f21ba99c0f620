import { Field, Float, ObjectType } from "type-graphql";
import { SERIES_COLUMN_COST } from "../graphql/complexity.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { PublicData } from "../graphql/cache-scope.js";

// The columnar twin of [IndexValue], the fast path for charts (see PriceSeries).
@PublicData()
@ObjectType({
  simpleResolvers: true,
  description:
    "Index levels as two aligned columns, for charts: values[i] is the level at dates[i]'s close, dates ascending.",
})
export class IndexValueSeries {
  @Field(() => [DateScalar], {
    description: "Trading dates, ascending; as long as values.",
    complexity: SERIES_COLUMN_COST,
  })
  dates!: string[];
  @Field(() => [Float], { description: "Index levels (100 at inception).", complexity: SERIES_COLUMN_COST })
  values!: number[];
}
