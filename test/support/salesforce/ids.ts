/**
 * Salesforce-shaped identifiers: 18-character record ids (with the real
 * case-safety checksum, so ids survive code that validates them) and opaque
 * session ids.
 */
import { createHash, randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Appends Salesforce's 3-character checksum: one char per 5-char chunk, encoding which chars are upper case. */
export function toId18(id15: string): string {
  if (id15.length !== 15) throw new Error(`not a 15-character id: ${id15}`);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET.charAt(bits);
  }
  return id15 + suffix;
}

function base62(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62.charAt((bytes[i] ?? 0) % 62);
  return out;
}

/** Stable id for `seed`: `<keyPrefix>5g0000<6 hashed chars>` + checksum, like `00h5g0000012AbC`. */
export function deterministicId(keyPrefix: string, seed: string): string {
  if (keyPrefix.length !== 3) throw new Error(`key prefix must have 3 chars: ${keyPrefix}`);
  const hash = createHash('sha256').update(seed).digest();
  return toId18(`${keyPrefix}5g0000${base62(hash, 6)}`);
}

/** Unsigned 32-bit hash of `seed`, for deriving stable dates and the like. */
export function hash32(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0);
}

/**
 * A session id as Salesforce issues them: `<15-char org id>!AQ<base62>`. It has
 * no dots, so jsforce's JWT detection (three dot-separated parts) never fires;
 * jsforce's SOAP client refuses JWT-shaped tokens.
 */
export function newSessionId(orgId: string): string {
  return `${orgId.slice(0, 15)}!AQ${base62(randomBytes(96), 96)}`;
}
