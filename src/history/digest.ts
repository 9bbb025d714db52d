import crypto from 'node:crypto';

/** Above this many characters a string is hashed through a Hash object: one-shot `crypto.hash` took twice as long on 3 MB. */
const ONE_SHOT_BELOW = 64 * 1024;

/**
 * The sha256 of `data` (a string as UTF-8) in hex: what the caches keep beside what they store (records,
 * listings, rule files), so that a file cut short, garbled or edited by hand is a miss. One-shot `crypto.hash`
 * (Node 20.12+) where there is one, for all but long strings: a warm cache checks thousands of records while
 * the reader waits on the org, and a Hash object per record costs about as much as hashing a small record.
 */
export function sha256(data: string | Uint8Array): string {
  if (typeof crypto.hash === 'function' && (typeof data !== 'string' || data.length < ONE_SHOT_BELOW)) return crypto.hash('sha256', data);
  return crypto.createHash('sha256').update(data).digest('hex');
}
