/** Result of checking one URL. `url` is always the string the caller passed in. */
export type LinkOutcome =
  | { status: 'ok'; url: string; finalUrl: string; httpStatus: number; redirects: number }
  | { status: 'broken'; url: string; reason: string; httpStatus?: number }
  | { status: 'unverifiable'; url: string; reason: string; httpStatus?: number }
  | { status: 'not-checked'; url: string; reason: string };

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface LinkCheckOptions {
  /** Per request (one hop), from connect until response headers. Default 10000. */
  timeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** URLs checked at once across the batch. Default 8. */
  concurrency?: number;
  /** Requests in flight to one host (www. folded in). Default 2. */
  perHostConcurrency?: number;
  /** Default false: loopback, private, link-local, CGNAT, multicast, ... are refused on every hop. */
  allowPrivateAddresses?: boolean;
  /** Default: dns.promises.lookup(hostname, { all: true }). Injectable for tests. */
  resolver?: Resolver;
  /** Default 'sfaudit-link-check/<version>'. */
  userAgent?: string;
  /** Default true. false marks every URL not-checked without any DNS or HTTP (the CLI's --no-network). */
  network?: boolean;
}

/** Outcome before the caller's original string is attached (one probe may serve several inputs). */
type WithoutUrl<T> = T extends unknown ? Omit<T, 'url'> : never;
export type ProbeOutcome = WithoutUrl<LinkOutcome>;
