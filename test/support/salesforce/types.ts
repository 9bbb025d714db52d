/**
 * Public types of the local Salesforce API emulator used by the tests.
 * Everything a test touches is declared here; the implementation lives in the
 * sibling modules.
 */

export type ApiKind = 'soap-login' | 'oauth' | 'metadata' | 'rest';

export interface EmulatorUser {
  username: string;
  password: string;
  /** When set, logins must send `password + securityToken` (as from an untrusted IP). */
  securityToken?: string;
}

export interface EmulatorClient {
  clientId: string;
  clientSecret?: string;
  /** PEM public key (SPKI or certificate) that jwt-bearer assertions are verified against (RS256). */
  jwtPublicKeyPem?: string;
}

export interface EmulatorOptions {
  /** Salesforce DX source-format folder; every `*-meta.xml` below it is served. Records come from `<orgDir>/data`. */
  orgDir: string;
  /**
   * Read every metadata file at start (and on reload) instead of on first use, as a real org answers from
   * its database: the bench measures the client, not the emulator's first reads of the disk.
   */
  preload?: boolean;
  users?: EmulatorUser[];
  clients?: EmulatorClient[];
  /** Refresh tokens the token endpoint accepts (they log in as the first user). */
  refreshTokens?: string[];
  /** Session ids accepted as-is, e.g. for SF_ACCESS_TOKEN style auth. */
  accessTokens?: string[];
  /** Version advertised in login replies; any version is accepted in URLs. Default "62.0". */
  apiVersion?: string;
  /** Starting point of the daily API counter reported in `Sforce-Limit-Info`. Default 0 / 15000. */
  apiUsage?: { used: number; max: number };
  /** Records per query page (Salesforce: 2000). Lower it to exercise paging. */
  queryBatchSize?: number;
}

export interface CallLog {
  api: ApiKind;
  /** Operation: 'login', 'token', 'readMetadata', 'listMetadata', 'describeMetadata', 'query', 'queryMore', 'describe', ... */
  method: string;
  /** Metadata type for readMetadata; sObject for query/describe. */
  type?: string;
  /** Full names asked for by readMetadata. */
  names?: string[];
  /** Queries of a listMetadata call. */
  queries?: Array<{ type: string; folder?: string }>;
  /** OAuth grant_type of a token request. */
  grantType?: string;
  /** SOQL text of a query call. */
  soql?: string;
  path: string;
  /** HTTP status sent back; 0 when the connection was reset instead. */
  status: number;
  /** How long the request held one of the `maxConcurrent` slots: latency plus the emulator's own work. */
  heldMs?: number;
  /** The client's port: calls made on one connection (keep-alive) share it. */
  clientPort?: number;
  /** When the request arrived and when its reply was sent (epoch ms, sub-millisecond): a run's timeline. */
  receivedAt?: number;
  repliedAt?: number;
}

/** Ways an injected failure can break a request. */
export type FaultMode =
  /** Answer with this HTTP status. 500 gets the API's own UNKNOWN_EXCEPTION shape; other statuses an HTML error page unless `body` is given. */
  | { status: number; body?: string; contentType?: string }
  /** Answer with the API's error shape for this code (SOAP fault `sf:CODE`, REST `[{errorCode}]`, OAuth `{error}`). */
  | { faultCode: string; message?: string }
  /** HTTP 200 with a truncated body of the right content type. */
  | { malformedXml: true }
  /** Hold the request this long, then answer normally (clients with a shorter timeout give up first). */
  | { hangMs: number }
  /** Destroy the socket without answering. */
  | { resetConnection: true };

export interface FaultFilter {
  /** Matches CallLog.method, e.g. 'readMetadata' or 'query'. */
  method?: string;
  /** Matches CallLog.type: the metadata type a readMetadata call asks for. */
  type?: string;
  api?: ApiKind;
  /** Lets this many matching calls through first (e.g. the login, before the refreshes fail). */
  after?: number;
}

export interface FaultControl {
  /** Added to every request before it is handled. */
  latencyMs: number;
  /**
   * What opening a connection costs over the internet (a TCP and a TLS handshake), which a connection to 127.0.0.1
   * does not: a connection's requests are taken this long after the client connected. 0 by default.
   */
  connectLatencyMs: number;
  /**
   * Replies compressed as the request accepts (gzip, else deflate), as Salesforce compresses them. Off by default:
   * on one machine compressing only costs CPU on both sides.
   */
  compress: boolean;
  /** Cap on requests handled at once; extra requests wait in a queue (or get 503 with `overflow: 'reject'`). */
  maxConcurrent: number | undefined;
  overflow: 'queue' | 'reject';
  /** The next `n` requests that match `filter` fail with `mode`. Rules queue up in call order. */
  failNext(n: number, mode: FaultMode, filter?: FaultFilter): void;
  /** Let `nCalls` more authenticated API calls through, then expire every session. */
  expireSessionAfter(nCalls: number): void;
  /** Back to no faults, no latency, no cap; also zeroes `peakConcurrency`. */
  reset(): void;
}

export interface SalesforceEmulator {
  /** `http://127.0.0.1:<port>`: both login URL and instance URL. */
  url: string;
  orgId: string;
  calls: CallLog[];
  /** The client port of each connection made to it, in order, requests or not (see CallLog.clientPort). */
  connections: readonly number[];
  count(method: string): number;
  faults: FaultControl;
  /**
   * Most API requests that were open (received, not yet answered, queued included) at one time. The public list
   * of API versions is not counted: it needs no session (see isApiCall).
   */
  readonly peakConcurrency: number;
  /** The API counter as reported in `Sforce-Limit-Info`. */
  readonly apiUsage: { used: number; max: number };
  /** Mint a valid session id for the first user (`00D...!AQ...`, never JWT-shaped). */
  issueAccessToken(): string;
  /** Invalidate every session id issued or configured so far. */
  expireSessions(): void;
  /** Re-scan orgDir and data/ after a test changed files on disk. */
  reload(): Promise<void>;
  close(): Promise<void>;
}
