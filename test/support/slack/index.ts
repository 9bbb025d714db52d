/**
 * Local Slack emulator for tests: point WebClient's `slackApiUrl` at `apiUrl` and
 * IncomingWebhook at `webhookUrl`, then inspect `messages`, `files` and `requests`.
 */
export { startSlackEmulator } from './server.js';
export { MAX_BLOCKS, validateBlocks } from './block-limits.js';
export { MAX_TEXT } from './message-rules.js';
export type {
  RecordedFile,
  RecordedMessage,
  RecordedRequest,
  SlackEmulator,
  SlackEmulatorOptions,
  SlackFaults,
} from './types.js';
