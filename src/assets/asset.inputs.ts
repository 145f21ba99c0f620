import { Field, InputType } from "type-graphql";
import { badInput, type FieldProblem } from "../errors.js";
import type { AssetChanges } from "./asset.repo.js";
import { SYMBOL_PATTERN } from "../shared/symbols.js";

export const ASSET_NAME_MAX = 200;
export const ASSET_SECTOR_MAX = 100;

@InputType({ description: "A new asset. The symbol is trimmed and upper-cased." })
export class CreateAssetInput {
  @Field(() => String, { description: "A-Z, 0-9, '.', '-'; at most 16 characters." }) symbol!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) sector?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Default true." }) investable?: boolean | null;
}

@InputType({ description: "Changes to an asset; omitted or null keeps a value; an empty name or sector clears it." })
export class UpdateAssetInput {
  @Field(() => String, { nullable: true }) symbol?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) sector?: string | null;
  @Field(() => Boolean, { nullable: true }) investable?: boolean | null;
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
