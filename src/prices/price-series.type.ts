import { Field, Float, ObjectType } from "type-graphql";
import { SERIES_COLUMN_COST } from "../graphql/complexity.js";
import { DateScalar } from "../graphql/date-scalar.js";
import { PublicData } from "../graphql/cache-scope.js";

// Two lists of leaves instead of one object per day: the fast path for charts (a fraction
// of the bytes and of the executor's work of `prices { date close }`).
@PublicData()
@ObjectType({
  simpleResolvers: true,
  description: "Daily closes as two aligned columns, for charts: closes[i] is the close on dates[i], dates ascending.",
})
export class PriceSeries {
  @Field(() => [DateScalar], {
    description: "Dates with a stored close, ascending; as long as closes.",
    complexity: SERIES_COLUMN_COST,
  })
  dates!: string[];
  @Field(() => [Float], { description: "Adjusted closes, > 0.", complexity: SERIES_COLUMN_COST }) closes!: number[];
}
