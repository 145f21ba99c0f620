/**
 * Strength of an operator-supplied secret (JWT_SECRET, ADMIN_TOKEN). Length alone accepts
 * "xxxx…" or "abcabc…"; these checks refuse what a human types instead of a generator:
 *
 * - at least SECRET_MIN_LENGTH characters;
 * - no short repeating pattern: the smallest period p (s[i] = s[i+p] for all i) must be more
 *   than half the length ("abcabcabc…" has p = 3);
 * - estimated entropy ≥ SECRET_MIN_BITS, where the estimate is n × the Shannon entropy of the
 *   characters' frequencies, and also (n−1) × that of the differences between neighbouring code
 *   points (which sees through runs such as "abcdef…" or "0123456789"); the lower one counts.
 *   E.g. 64 characters of `openssl rand -base64 48` estimate ~330 bits; "x" × 40 is 0 bits;
 *   "abcdefghijklmnopqrstuvwxyz0123456789" is 186 bits by characters but 7 by differences.
 *
 * An estimate cannot prove randomness (a long passphrase passes); it refuses the obvious.
 */
export const SECRET_MIN_LENGTH = 32;
export const SECRET_MIN_BITS = 128;
export const SECRET_ADVICE = "generate one with `openssl rand -base64 48`";

/** Shannon entropy (bits per symbol) of a sequence's symbol frequencies. */
function shannonBits(symbols: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const s of symbols) counts.set(s, (counts.get(s) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / symbols.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Estimated entropy of a string in bits (see above). */
export function estimatedBits(value: string): number {
  const cps = [...value].map((c) => c.codePointAt(0)!);
  const deltas = cps.slice(1).map((c, i) => c - cps[i]);
  return Math.min(shannonBits(cps) * cps.length, shannonBits(deltas) * deltas.length);
}

/** The smallest p ≥ 1 with s[i] = s[i+p] for every i (the length itself when none is shorter). */
export function smallestPeriod(value: string): number {
  const s = [...value];
  // Prefix function (KMP): the longest proper border b gives the period n − b.
  const pi = new Array<number>(s.length).fill(0);
  for (let i = 1; i < s.length; i++) {
    let k = pi[i - 1];
    while (k > 0 && s[i] !== s[k]) k = pi[k - 1];
    if (s[i] === s[k]) k++;
    pi[i] = k;
  }
  return s.length - (pi[s.length - 1] ?? 0);
}

/** Why `value` is too weak to be a secret, or null when it is acceptable. */
export function secretWeakness(value: string): string | null {
  const n = [...value].length;
  if (n < SECRET_MIN_LENGTH) return `must be at least ${SECRET_MIN_LENGTH} characters`;
  const period = smallestPeriod(value);
  if (period * 2 <= n) return `repeats a pattern of ${period} character${period === 1 ? "" : "s"}`;
  const bits = estimatedBits(value);
  if (bits < SECRET_MIN_BITS)
    return (
      `is too predictable (about ${Math.floor(bits)} bits of entropy estimated, ` +
      `at least ${SECRET_MIN_BITS} needed)`
    );
  return null;
}
