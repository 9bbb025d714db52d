import crypto from 'node:crypto';

/**
 * The sha256 of `text` in hex: what the caches keep beside what they store (records, listings, rule files),
 * so that a file cut short, garbled or edited by hand is a miss. One-shot `crypto.hash` (Node 20.12+) where
 * there is one: a warm cache checks thousands of records while the reader waits on the org, and a Hash object
 * per record costs about as much as hashing a small record.
 */
export const sha256: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text) : (text) => crypto.createHash('sha256').update(text).digest('hex');
