/** The ticker format of assets.symbol (the migration's assets_symbol_format check): 1–16 of A-Z 0-9 . - */
export const SYMBOL_PATTERN = /^[A-Z0-9][A-Z0-9.-]{0,15}$/;

/** Null when `s` is a valid symbol, else the reason in words. */
export const symbolProblem = (s: string): string | null =>
  s === ""
    ? "symbol is empty"
    : SYMBOL_PATTERN.test(s)
      ? null
      : `invalid symbol ${JSON.stringify(s)} (1-16 of A-Z 0-9 . -)`;
