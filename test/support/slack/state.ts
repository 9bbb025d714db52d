import { randomBytes } from 'node:crypto';
import type { RecordedFile, RecordedMessage, RecordedRequest, SlackEmulatorOptions } from './types.js';

export interface Channel {
  id: string;
  name: string;
}

/** A file announced by files.getUploadURLExternal and not yet completed. */
export interface PendingUpload {
  id: string;
  filename: string;
  length: number;
  content?: Buffer;
}

export const TEAM = { id: 'T000', name: 'Emulated Team', domain: 'emulated' };
export const BOT = { user: 'sfaudit', user_id: 'U000BOT', bot_id: 'B000BOT' };

const DEFAULT_TOKENS = ['xoxb-test-token'];
const DEFAULT_CHANNELS: Channel[] = [{ id: 'C0000000001', name: 'general' }];

// First ts handed out; later ones add 100µs each so they sort like Slack's.
const TS_BASE_MICROS = 1_700_000_000_000_100n;

/** Everything the emulator knows and has recorded; shared by all handlers. */
export class EmulatorState {
  readonly tokens: Set<string>;
  readonly channels: Channel[];
  readonly messages: RecordedMessage[] = [];
  readonly files: RecordedFile[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly uploads = new Map<string, PendingUpload>();
  /** Path part after /upload/v1/ → file id; unguessable, like Slack's signed URLs. */
  readonly uploadPaths = new Map<string, string>();
  readonly webhookSecret = randomBytes(12).toString('hex');
  private tsCount = 0n;
  private fileCount = 0;

  constructor(options: SlackEmulatorOptions) {
    this.tokens = new Set(options.tokens ?? DEFAULT_TOKENS);
    this.channels = options.channels ? [...options.channels] : [...DEFAULT_CHANNELS];
  }

  /** Slack accepts a channel id, or a name with or without '#'. */
  findChannel(ref: unknown): Channel | undefined {
    if (typeof ref !== 'string' || ref === '') return undefined;
    const name = ref.replace(/^#/, '');
    return this.channels.find((c) => c.id === ref || c.name === name);
  }

  nextTs(): string {
    const micros = TS_BASE_MICROS + this.tsCount++ * 100n;
    return `${micros / 1_000_000n}.${(micros % 1_000_000n).toString().padStart(6, '0')}`;
  }

  nextFileId(): string {
    this.fileCount++;
    return `F${String(this.fileCount).padStart(10, '0')}`;
  }
}
