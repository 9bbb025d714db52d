import type { IncomingMessage } from 'node:http';

/** What a handler answers; server.ts writes it and records the status. */
export interface Reply {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

// Slack labels Web API answers "application/json; charset=utf-8"; WebClient only
// distinguishes application/gzip, so the charset suffix is harmless and realistic.
export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body), headers };
}

/** Incoming webhooks answer plain text ("ok", "invalid_payload", ...), never JSON. */
export function text(status: number, body: string, headers?: Record<string, string>): Reply {
  return { status, contentType: 'text/plain; charset=utf-8', body, headers };
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Parses multipart/form-data with the platform's own parser (undici), so the
 * emulator accepts exactly what fetch + FormData produce.
 */
export async function parseMultipart(req: IncomingMessage, body: Buffer): Promise<FormData> {
  const contentType = req.headers['content-type'] ?? '';
  return new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
}

/** Slack counts characters, not UTF-16 units; count code points so emoji count once. */
export function charLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}
