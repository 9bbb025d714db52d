/** Public shapes of the Slack emulator; see index.ts for the entry point. */

export interface SlackEmulatorOptions {
  /** Tokens the Web API accepts (Bearer header or `token` form field). */
  tokens?: string[];
  /** Channels that exist; chat.postMessage accepts the id or the name (with or without '#'). */
  channels?: Array<{ id: string; name: string }>;
}

export interface RecordedMessage {
  via: 'webhook' | 'api';
  channel?: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
}

export interface RecordedFile {
  id: string;
  filename: string;
  title?: string;
  content: string;
  channel?: string;
  thread_ts?: string;
  initial_comment?: string;
}

export interface RecordedRequest {
  path: string;
  method: string;
  status: number;
}

export interface SlackFaults {
  /** The next n requests (any endpoint) get HTTP 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitNext(n: number, retryAfterSeconds: number): void;
  /** While on, every request gets HTTP 503, as during a Slack incident. */
  outage(on: boolean): void;
  reset(): void;
}

export interface SlackEmulator {
  /** Base URL for WebClient's `slackApiUrl`, ending in "/api/". */
  apiUrl: string;
  /** A valid incoming webhook URL for IncomingWebhook. */
  webhookUrl: string;
  messages: RecordedMessage[];
  files: RecordedFile[];
  requests: RecordedRequest[];
  faults: SlackFaults;
  close(): Promise<void>;
}
