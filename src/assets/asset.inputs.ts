import { Field, InputType } from "type-graphql";
import { badInput, type FieldProblem } from "../errors.js";
import type { AssetChanges } from "./asset.repo.js";
import { SYMBOL_PATTERN } from "../shared/symbols.js";

export const ASSET_NAME_MAX = 200;
export const ASSET_SECTOR_MAX = 100;

const SYMBOL =
  "Trimmed and upper-cased, then A-Z, 0-9, '.', '-' (a letter or digit first), at most 16 characters; " +
  "BAD_USER_INPUT (field symbol) otherwise, CONFLICT when another asset has it.";
const NAME = `Display name, trimmed, at most ${ASSET_NAME_MAX} characters (BAD_USER_INPUT otherwise).`;
const SECTOR = `Sector (free text), trimmed, at most ${ASSET_SECTOR_MAX} characters (BAD_USER_INPUT otherwise).`;

@InputType({ description: "A new asset. Every invalid field is named in one BAD_USER_INPUT." })
export class CreateAssetInput {
  @Field(() => String, { description: SYMBOL }) symbol!: string;
  @Field(() => String, { nullable: true, description: `${NAME} Null or empty: none.` }) name?: string | null;
  @Field(() => String, { nullable: true, description: `${SECTOR} Null or empty: none.` }) sector?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "Whether the asset joins the index universe; null or omitted: true.",
  })
  investable?: boolean | null;
}

@InputType({
  description:
    "Changes to an asset: omitted or null keeps a value; an empty name or sector clears it. Every invalid field " +
    "is named in one BAD_USER_INPUT. The index is not recomputed (recomputeIndex).",
})
export class UpdateAssetInput {
  @Field(() => String, { nullable: true, description: `New symbol. ${SYMBOL}` }) symbol?: string | null;
  @Field(() => String, { nullable: true, description: `${NAME} Empty: clear it.` }) name?: string | null;
  @Field(() => String, { nullable: true, description: `${SECTOR} Empty: clear it.` }) sector?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "Whether the asset is in the index universe (as setAssetInvestable).",
  })
  investable?: boolean | null;
}

function text(field: string, value: string, max: number, problems: FieldProblem[]): string | null {
  const v = value.trim();
  if (v.length > max) problems.push({ field, message: `at most ${max} characters` });
  return v === "" ? null : v;
}

/** Parses and validates asset fields (symbol upper-cased, strings bounded); BAD_USER_INPUT naming each field. */
export function parseAssetChanges(input: UpdateAssetInput | CreateAssetInput): AssetChanges {
  const problems: FieldProblem[] = [];
  const out: AssetChanges = {};
  if (input.symbol != null) {
    out.symbol = input.symbol.trim().toUpperCase();
    if (!SYMBOL_PATTERN.test(out.symbol))
      problems.push({ field: "symbol", message: "must match ^[A-Z0-9][A-Z0-9.-]{0,15}$" });
  }
  if (input.name != null) out.name = text("name", input.name, ASSET_NAME_MAX, problems);
  if (input.sector != null) out.sector = text("sector", input.sector, ASSET_SECTOR_MAX, problems);
  if (input.investable != null) out.investable = input.investable;
  if (problems.length)
    throw badInput(`invalid asset: ${problems.map((p) => `${p.field} ${p.message}`).join("; ")}`, problems);
  return out;
}
