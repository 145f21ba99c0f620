/**
 * Seeded pseudo-random numbers for the demo data. Only 32-bit integer operations feed the
 * uniform stream, so the same seed yields the same sequence on every engine and platform;
 * normals use Box–Muller (Math.log/sqrt/cos), whose last-bit variation is absorbed by rounding
 * closes to 4 decimals downstream.
 */
import { mulberry32 } from "../shared/prng.js";

export interface DemoRng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number;
  /** Standard normal N(0, 1). */
  normal(): number;
}

/**
 * Derives an independent 32-bit seed per (seed, stream) with the murmur3 finaliser. Separate
 * streams keep, e.g., market-cap draws from shifting the price path when one of them changes.
 */
export function deriveSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function createRng(seed: number, stream: number): DemoRng {
  const next = mulberry32(deriveSeed(seed, stream));
  let spare: number | null = null;
  return {
    uniform: next,
    between: (lo, hi) => lo + (hi - lo) * next(),
    normal: () => {
      if (spare !== null) {
        const z = spare;
        spare = null;
        return z;
      }
      // 1 - u lies in (0, 1], so the log is finite.
      const radius = Math.sqrt(-2 * Math.log(1 - next()));
      const angle = 2 * Math.PI * next();
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}
