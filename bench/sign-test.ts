/**
 * How likely a split at least this lopsided is if neither side is faster: the two-sided sign test over the pairs
 * of `npm run bench:ab`, where each pair's faster side is a coin toss when A and B cost the same. "B faster in 13
 * of 20" reads like a result; p = 0.26 says a fair coin does that one time in four.
 */
export function signTestP(faster: number, pairs: number): number {
  if (!Number.isInteger(pairs) || pairs < 1 || !Number.isInteger(faster) || faster < 0 || faster > pairs) {
    throw new RangeError(`a sign test needs 0 ≤ faster ≤ pairs, whole numbers, got ${faster} of ${pairs}`);
  }
  const far = Math.max(faster, pairs - faster);
  // P(X ≥ far) for X ~ Binomial(pairs, 1/2), summed from the tail: C(n, k) / 2^n, each term from the last.
  let term = 0.5 ** pairs;
  let tail = 0;
  for (let k = 0; k <= pairs; k++) {
    if (k >= far) tail += term;
    term = (term * (pairs - k)) / (k + 1);
  }
  return Math.min(1, 2 * tail);
}
