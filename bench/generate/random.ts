/**
 * A small seeded PRNG (mulberry32): the same seed gives the same org on every
 * machine and Node version, which Math.random cannot promise.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** `n` distinct items, in a random order. */
  sample<T>(items: readonly T[], n: number): T[];
  chance(p: number): boolean;
}

export function seeded(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    sample(items, n) {
      const copy = items.slice();
      const count = Math.min(n, copy.length);
      // Partial Fisher–Yates: only the first `count` slots are shuffled.
      for (let i = 0; i < count; i++) {
        const j = i + Math.floor(next() * (copy.length - i));
        [copy[i], copy[j]] = [copy[j] as (typeof copy)[number], copy[i] as (typeof copy)[number]];
      }
      return copy.slice(0, count);
    },
    chance: (p) => next() < p,
  };
}

/** A child generator whose stream does not depend on how much the parent drew: adding a type does not reshuffle the others. */
export function derive(seed: number, label: string): Random {
  let h = seed >>> 0 ^ 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return seeded(h);
}
