import { validateBlocks } from './block-limits.js';
import { charLength } from './http-util.js';

/** Slack's ceiling for a message's top-level `text`. */
export const MAX_TEXT = 40000;

export type MessageCheck =
  | { ok: true; text?: string; blocks?: unknown[] }
  | { ok: false; error: string; errors?: string[] };

/**
 * Rules shared by chat.postMessage and incoming webhooks. `blocks`/`attachments`
 * arrive either parsed (JSON bodies) or as JSON strings (form bodies, which is what
 * WebClient sends), so both are accepted here.
 */
export function checkMessage(input: { text?: unknown; blocks?: unknown; attachments?: unknown }): MessageCheck {
  const blocks = parseJsonArray(input.blocks);
  if (blocks === 'invalid') return { ok: false, error: 'invalid_blocks_format' };
  const attachments = parseJsonArray(input.attachments);
  if (attachments === 'invalid') return { ok: false, error: 'invalid_attachments' };

  const text = input.text === undefined || input.text === null ? undefined : String(input.text);
  const hasContent = (text !== undefined && text.trim() !== '') || (blocks?.length ?? 0) > 0 || (attachments?.length ?? 0) > 0;
  if (!hasContent) return { ok: false, error: 'no_text' };

  if (blocks && blocks.length > 0) {
    const errors = validateBlocks(blocks);
    if (errors.length > 0) return { ok: false, error: 'invalid_blocks', errors };
  }
  if (text !== undefined && charLength(text) > MAX_TEXT) return { ok: false, error: 'msg_too_long' };
  return { ok: true, text, blocks: blocks && blocks.length > 0 ? blocks : undefined };
}

function parseJsonArray(value: unknown): unknown[] | undefined | 'invalid' {
  if (value === undefined || value === null || value === '') return undefined;
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return 'invalid';
    }
  }
  return Array.isArray(parsed) ? parsed : 'invalid';
}
