/**
 * mulberry32 (Tommy Ettinger): a seeded PRNG uniform in [0, 1) with 32-bit state (period 2^32).
 * Only 32-bit integer operations feed it, so a seed gives the same sequence on every platform.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
