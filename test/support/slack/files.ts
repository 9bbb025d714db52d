import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { json, mediaType, parseMultipart, text, type Reply } from './http-util.js';
import { BOT } from './state.js';
import type { EmulatorState } from './state.js';
import type { ApiContext, Params } from './web-api.js';

/**
 * Slack's three-step upload (what WebClient.filesUploadV2 drives):
 *  1. files.getUploadURLExternal {filename, length} → {upload_url, file_id}
 *  2. POST the bytes to upload_url (raw, or multipart: WebClient sends a multipart
 *     field named "body"; Slack's docs use "filename") → 200 "OK - <bytes>"
 *  3. files.completeUploadExternal {files:[{id,title}], channel_id, thread_ts, initial_comment}
 */

export function getUploadURLExternal(params: Params, ctx: ApiContext): Reply {
  const missing = ['filename', 'length'].filter((k) => params[k] === undefined || params[k] === '');
  if (missing.length > 0) {
    const messages = missing.map((k) => `[ERROR] missing required field: ${k}`);
    return json(200, { ok: false, error: 'invalid_arguments', response_metadata: { messages } });
  }
  const length = Number(params.length);
  if (!Number.isInteger(length) || length < 0) {
    return json(200, { ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] invalid value for length'] } });
  }
  // Slack documents missing_argument for a zero length (an empty file).
  if (length === 0) return json(200, { ok: false, error: 'missing_argument' });

  const id = ctx.state.nextFileId();
  const key = `${id}-${randomBytes(8).toString('hex')}`;
  ctx.state.uploads.set(id, { id, filename: String(params.filename), length });
  ctx.state.uploadPaths.set(key, id);
  return json(200, { ok: true, upload_url: `${ctx.origin}/upload/v1/${key}`, file_id: id });
}

/** Step 2. Answers in plain text like files.slack.com does. */
export async function handleUpload(req: IncomingMessage, body: Buffer, key: string, state: EmulatorState): Promise<Reply> {
  const id = state.uploadPaths.get(key);
  const upload = id === undefined ? undefined : state.uploads.get(id);
  if (!upload) return text(404, 'Not Found');
  if (req.method !== 'POST') return text(405, 'Method Not Allowed');

  let content = body;
  if (mediaType(req) === 'multipart/form-data') {
    const form = await parseMultipart(req, body);
    const file = [...form.values()].find((v) => typeof v !== 'string');
    if (file === undefined || typeof file === 'string') return text(400, 'no file data');
    content = Buffer.from(await file.arrayBuffer());
  }
  upload.content = content;
  return text(200, `OK - ${content.length}`);
}

export function completeUploadExternal(params: Params, ctx: ApiContext): Reply {
  const entries = parseFiles(params.files);
  if (!entries) {
    return json(200, { ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] missing required field: files'] } });
  }

  const channelRef = params.channel_id ?? firstOfCsv(params.channels);
  const channel = channelRef === undefined ? undefined : ctx.state.findChannel(channelRef);
  if (channelRef !== undefined && !channel) return json(200, { ok: false, error: 'channel_not_found' });

  // Every file must have been announced and uploaded before Slack will complete it.
  const uploads = entries.map((e) => ctx.state.uploads.get(e.id));
  if (uploads.some((u) => u?.content === undefined)) return json(200, { ok: false, error: 'file_not_found' });

  const threadTs = typeof params.thread_ts === 'string' && params.thread_ts !== '' ? params.thread_ts : undefined;
  const initialComment = typeof params.initial_comment === 'string' ? params.initial_comment : undefined;
  const created = Math.floor(Date.now() / 1000);

  const files = entries.map((entry, i) => {
    const upload = uploads[i]!;
    const content = upload.content!;
    ctx.state.uploads.delete(upload.id);
    const title = entry.title ?? upload.filename;
    ctx.state.files.push({
      id: upload.id,
      filename: upload.filename,
      title,
      content: content.toString('utf8'),
      channel: channel?.id,
      thread_ts: threadTs,
      initial_comment: initialComment,
    });
    return {
      id: upload.id,
      created,
      timestamp: created,
      name: upload.filename,
      title,
      mimetype: 'text/plain',
      filetype: 'text',
      user: BOT.user_id,
      size: content.length,
      is_public: channel !== undefined,
      channels: channel ? [channel.id] : [],
    };
  });
  return json(200, { ok: true, files });
}

function parseFiles(value: unknown): Array<{ id: string; title?: string }> | undefined {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return undefined;
  const out: Array<{ id: string; title?: string }> = [];
  for (const f of parsed) {
    if (typeof f !== 'object' || f === null || typeof (f as { id?: unknown }).id !== 'string') return undefined;
    const { id, title } = f as { id: string; title?: unknown };
    out.push({ id, title: typeof title === 'string' ? title : undefined });
  }
  return out;
}

function firstOfCsv(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value.split(',')[0] : undefined;
}
