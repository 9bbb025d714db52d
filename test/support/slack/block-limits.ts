import { charLength } from './http-util.js';

/**
 * Block Kit limits as Slack enforces them on messages. Each problem is reported the
 * way Slack words it in the `errors` array of an `invalid_blocks` answer:
 * "<reason> [json-pointer:/blocks/<i>/...]".
 */

export const MAX_BLOCKS = 50;
const MAX_HEADER_TEXT = 150;
const MAX_SECTION_TEXT = 3000;
const MAX_SECTION_FIELDS = 10;
const MAX_FIELD_TEXT = 2000;
const MAX_CONTEXT_ELEMENTS = 10;
const MAX_ACTIONS_ELEMENTS = 25;
const MAX_MARKDOWN_TEXT = 12000;
const MAX_BLOCK_ID = 255;

// Block types Slack accepts in messages; anything else is "unsupported type".
const MESSAGE_BLOCK_TYPES = new Set([
  'actions', 'context', 'context_actions', 'divider', 'file', 'header', 'image',
  'input', 'markdown', 'rich_text', 'section', 'table', 'video',
]);

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (reason: string, pointer: string) => `${reason} [json-pointer:${pointer}]`;
const tooLong = (max: number, pointer: string) => at(`must be less than ${max + 1} characters`, pointer);

/** Returns Slack-style error strings; an empty array means the blocks are accepted. */
export function validateBlocks(blocks: unknown[]): string[] {
  if (blocks.length > MAX_BLOCKS) return [at(`no more than ${MAX_BLOCKS} items allowed`, '/blocks')];
  return blocks.flatMap((block, i) => validateBlock(block, `/blocks/${i}`));
}

function validateBlock(block: unknown, ptr: string): string[] {
  if (!isObj(block)) return [at('must provide an object', ptr)];
  if (typeof block.type !== 'string') return [at('missing required field: type', ptr)];
  if (!MESSAGE_BLOCK_TYPES.has(block.type)) return [at(`unsupported type: ${block.type}`, `${ptr}/type`)];

  const errors: string[] = [];
  if (typeof block.block_id === 'string' && charLength(block.block_id) > MAX_BLOCK_ID) {
    errors.push(tooLong(MAX_BLOCK_ID, `${ptr}/block_id`));
  }
  switch (block.type) {
    case 'header':
      errors.push(...validateTextObject(block.text, `${ptr}/text`, MAX_HEADER_TEXT, true));
      break;
    case 'section':
      errors.push(...validateSection(block, ptr));
      break;
    case 'context':
      errors.push(...validateElementCount(block.elements, `${ptr}/elements`, MAX_CONTEXT_ELEMENTS));
      break;
    case 'actions':
      errors.push(...validateElementCount(block.elements, `${ptr}/elements`, MAX_ACTIONS_ELEMENTS));
      break;
    case 'markdown':
      if (typeof block.text !== 'string') errors.push(at('missing required field: text', ptr));
      else if (charLength(block.text) > MAX_MARKDOWN_TEXT) errors.push(tooLong(MAX_MARKDOWN_TEXT, `${ptr}/text`));
      break;
  }
  return errors;
}

function validateSection(block: Obj, ptr: string): string[] {
  if (block.text === undefined && block.fields === undefined) {
    return [at('must define either `text` or `fields`', ptr)];
  }
  const errors: string[] = [];
  if (block.text !== undefined) errors.push(...validateTextObject(block.text, `${ptr}/text`, MAX_SECTION_TEXT, false));
  if (block.fields !== undefined) {
    if (!Array.isArray(block.fields)) return [...errors, at('must provide an array', `${ptr}/fields`)];
    if (block.fields.length > MAX_SECTION_FIELDS) {
      errors.push(at(`no more than ${MAX_SECTION_FIELDS} items allowed`, `${ptr}/fields`));
    }
    block.fields.forEach((field, j) => {
      errors.push(...validateTextObject(field, `${ptr}/fields/${j}`, MAX_FIELD_TEXT, false));
    });
  }
  return errors;
}

/** A composition text object: {type: plain_text|mrkdwn, text}. Headers allow plain_text only. */
function validateTextObject(value: unknown, ptr: string, max: number, plainOnly: boolean): string[] {
  if (value === undefined) return [at('missing required field: text', ptr.replace(/\/text$/, ''))];
  if (!isObj(value)) return [at('must provide an object', ptr)];
  const allowed = plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (typeof value.type !== 'string' || !allowed.includes(value.type)) {
    return [at(`must be one of: ${allowed.join(', ')}`, `${ptr}/type`)];
  }
  if (typeof value.text !== 'string') return [at('missing required field: text', ptr)];
  if (charLength(value.text) === 0) return [at('must be more than 0 characters', `${ptr}/text`)];
  if (charLength(value.text) > max) return [tooLong(max, `${ptr}/text`)];
  return [];
}

function validateElementCount(elements: unknown, ptr: string, max: number): string[] {
  if (!Array.isArray(elements)) return [at('must provide an array', ptr)];
  return elements.length > max ? [at(`no more than ${max} items allowed`, ptr)] : [];
}
