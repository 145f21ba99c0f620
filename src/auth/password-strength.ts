import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as enDictionary, translations } from "@zxcvbn-ts/language-en";

export interface PasswordStrength {
  /** 0 (too guessable) … 4 (very unguessable), zxcvbn's scale. */
  score: number;
  /** What makes it guessable, in English; null when nothing stands out. */
  warning: string | null;
  suggestions: string[];
}

/**
 * Characters estimated. The matching grows fast with length (random 256-character passwords
 * took seconds of CPU each, a denial of service on register; 32 take tens of milliseconds).
 * More characters only add guesses, so the score of the first 32 is a lower bound of the
 * whole password's: a password is strong enough when its first 32 characters are.
 */
export const CHECKED_LENGTH = 32;

// Built on first use: loading the dictionaries takes ~0.5 s, which a process that never
// registers anyone (the CLI's imports, a recompute) should not pay.
let factory: ZxcvbnFactory | null = null;

/**
 * zxcvbn-ts's estimate with the common-password, name, Wikipedia and English dictionaries and
 * the keyboard graphs. `userInputs` (e.g. the email) count as known words.
 */
export function passwordStrength(password: string, userInputs: string[] = []): PasswordStrength {
  factory ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...enDictionary },
    maxLength: CHECKED_LENGTH,
  });
  const { score, feedback } = factory.check(password, userInputs);
  return { score, warning: feedback.warning ?? null, suggestions: feedback.suggestions };
}
