import { isIP } from 'node:net';

/**
 * Decides whether an address may be connected to when private addresses are not allowed.
 * Works on the literal address we are about to connect to (not on hostnames), so a DNS
 * answer cannot sneak an internal target past it.
 */

type Range = readonly [prefix: number[], bits: number, label: string];

// IPv4 ranges that must never be reached from an audit run: they point at the machine
// itself, the local network or cloud metadata services, or are not routable on the internet.
const IPV4_BLOCKED: Range[] = [
  [[0, 0, 0, 0], 8, 'this-network'],
  [[10, 0, 0, 0], 8, 'private'],
  [[100, 64, 0, 0], 10, 'carrier-grade NAT'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[169, 254, 0, 0], 16, 'link-local'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 0, 0, 0], 24, 'IETF protocol assignments'],
  [[192, 0, 2, 0], 24, 'documentation'],
  [[192, 168, 0, 0], 16, 'private'],
  [[198, 18, 0, 0], 15, 'benchmarking'],
  [[198, 51, 100, 0], 24, 'documentation'],
  [[203, 0, 113, 0], 24, 'documentation'],
  [[224, 0, 0, 0], 4, 'multicast'],
  [[240, 0, 0, 0], 4, 'reserved/broadcast'],
];

const IPV6_BLOCKED: Range[] = [
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 96, 'unspecified/loopback/IPv4-compatible'], // ::/96 covers :: and ::1
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, 'discard-only'],
  [[0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48, 'local-use NAT64'],
  [[0x20, 0x01, 0x00, 0x00], 32, 'Teredo'], // embeds an obfuscated IPv4 address we would have to trust
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'documentation'],
  [[0xfc], 7, 'unique-local'],
  [[0xfe, 0x80], 10, 'link-local'],
  [[0xfe, 0xc0], 10, 'site-local'],
  [[0xff], 8, 'multicast'],
];

function inRange(bytes: number[], [prefix, bits]: Range): boolean {
  for (let i = 0; i < bits; i += 8) {
    const remaining = Math.min(8, bits - i);
    const mask = (0xff << (8 - remaining)) & 0xff;
    if (((bytes[i / 8] ?? 0) & mask) !== ((prefix[i / 8] ?? 0) & mask)) return false;
  }
  return true;
}

function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/** Parses a valid IPv6 literal (zone id and brackets allowed) into 16 bytes. */
export function ipv6Bytes(input: string): number[] {
  let address = input.replace(/^\[|\]$/g, '');
  const zone = address.indexOf('%');
  if (zone >= 0) address = address.slice(0, zone);
  // A dotted IPv4 tail (e.g. ::ffff:127.0.0.1) becomes two hex groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = ipv4Bytes(dotted[1]);
    address = address.slice(0, dotted.index) + ((a << 8) | b).toString(16) + ':' + ((c << 8) | d).toString(16);
  }
  const [head = '', tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

/** IPv4 address carried inside an IPv6 one that would actually be reached (mapped, NAT64, 6to4). */
function embeddedIpv4(bytes: number[]): string | undefined {
  const isMapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  const isNat64 = [0x00, 0x64, 0xff, 0x9b].every((b, i) => bytes[i] === b) && bytes.slice(4, 12).every((b) => b === 0);
  if (isMapped || isNat64) return bytes.slice(12, 16).join('.');
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6).join('.'); // 6to4
  return undefined;
}

/**
 * Returns why `address` is refused (e.g. "loopback"), or undefined when it is a public address.
 * Anything that is not a valid IP literal is refused: we only ever connect to literals.
 */
export function blockedAddressReason(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '');
  const version = isIP(bare.split('%')[0] ?? '');
  if (version === 4) return IPV4_BLOCKED.find((r) => inRange(ipv4Bytes(bare), r))?.[2];
  if (version !== 6) return 'not an IP address';
  const bytes = ipv6Bytes(bare);
  const embedded = embeddedIpv4(bytes);
  if (embedded) {
    const inner = blockedAddressReason(embedded);
    return inner ? `${inner} (IPv4 embedded in IPv6)` : undefined;
  }
  return IPV6_BLOCKED.find((r) => inRange(bytes, r))?.[2];
}
