import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { garbledReply } from './errors.js';
import { memoKnowsAny, type ListingMemo } from './listing-memo.js';

/**
 * Parses Metadata API replies into the value jsforce's own parse gives (xml2js, `explicitArray:
 * false`), with a faster parser (xml-reply.cjs), and off the main thread. On a big org the parse
 * is most of the reader's CPU, and while the main thread parses, it cannot send the next request
 * or take the next reply: the audit becomes bound by our CPU, not the network. Receiving a
 * parsed value from a worker costs about 0.5 ms for a 180 KB reply of 10 objects.
 */
export interface ReplyParser {
  /**
   * `listingFields`: a listing's results as columns of these fields only (see parseListing in xml-reply.cjs).
   * `memo`: what the last such listing said (see ListingMemo); with one that knows anything, the listing is
   * parsed on this thread, where the memo is.
   * `later`: no request waits for this reply, only the end of the read: while a worker is busy with replies that
   * requests do wait for (an object's read, which the record queries and pages need; a listing, which the reads of
   * its types need), it waits here rather than in the worker's queue behind them, and goes once a worker is idle.
   */
  parse(text: string, listingFields?: readonly string[], memo?: ListingMemo, later?: boolean): Promise<unknown>;
  /** Stops the workers; replies still parsing are parsed on the main thread. */
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
/** One file for the workers and this thread: plain CommonJS, which a worker loads without a TypeScript loader. */
const XML_REPLY = require.resolve('./xml-reply.cjs');
const { parseReply } = require(XML_REPLY) as { parseReply(text: string, fields?: readonly string[], memo?: ListingMemo): unknown };

/** Below this, posting the text to a worker and back costs about what parsing it here does. */
const INLINE_BELOW = 8 * 1024;

/** Runs in the worker (eval'd as CommonJS: the file may be TypeScript under the test runner). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { parseReply, warmUp } = require(workerData.xmlReply);
warmUp();
parentPort.on('message', ({ id, text, fields }) => {
  try {
    parentPort.postMessage({ id, value: parseReply(text, fields) });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});`;

export async function parseInline(text: string, listingFields?: readonly string[], memo?: ListingMemo): Promise<unknown> {
  try {
    return parseReply(text, listingFields, memo);
  } catch (error) {
    throw garbledReply((error as Error).message ?? String(error));
  }
}

interface Pending {
  text: string;
  fields?: readonly string[];
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

type Held = Pending & { id: number };

/**
 * `workers`: how many (default: one fewer than the machine's cores, at least 1, at most 4; 0: every reply here).
 * Workers start on the first reply big enough to need one (`warm`: the first at once); they are unref'd while idle, so
 * an unclosed parser never keeps the process alive.
 */
export function replyParser(options: { workers?: number; warm?: boolean } = {}): ReplyParser {
  const size = Math.max(1, Math.min(4, options.workers ?? availableParallelism() - 1));
  const slots: Slot[] = [];
  // Every reply parsed on this thread from now: no workers were asked for, one died, or the parser closed.
  let inlineOnly = options.workers === 0;
  let nextId = 0;
  // Replies parsed `later`, in the order they came, waiting for a worker with nothing to do.
  const held: Held[] = [];

  const fallBack = (slot: Slot) => {
    // A worker that died (out of memory, killed): its replies and every later one are parsed here.
    inlineOnly = true;
    for (const p of [...slot.pending.values(), ...held.splice(0)]) parseInline(p.text, p.fields).then(p.resolve, p.reject);
    slot.pending.clear();
  };

  const post = (slot: Slot, id: number, p: Pending) => {
    slot.pending.set(id, p);
    slot.worker.ref();
    slot.worker.postMessage({ id, text: p.text, fields: p.fields });
  };

  const start = (): Slot => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { xmlReply: XML_REPLY } });
    const slot: Slot = { worker, pending: new Map() };
    worker.unref();
    worker.on('message', (m: { id: number; value?: unknown; error?: string }) => {
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      // All at once: each one posted only when the last is back would leave the worker waiting between them.
      if (slot.pending.size === 0) for (const h of held.splice(0)) post(slot, h.id, h);
      if (slot.pending.size === 0) worker.unref();
      if (m.error !== undefined) p.reject(garbledReply(m.error));
      else p.resolve(m.value);
    });
    worker.on('error', () => fallBack(slot));
    worker.on('exit', () => fallBack(slot));
    return slot;
  };

  const pick = (): Slot => {
    const idle = slots.find((s) => s.pending.size === 0);
    if (idle) return idle;
    if (slots.length < size) {
      const slot = start();
      slots.push(slot);
      return slot;
    }
    return slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  };

  // A worker takes tens of ms to start: started now, it is ready by the time the first replies come back.
  // Started on the next turn, not at once: starting one takes the thread for about 2 ms, and the caller's first
  // request (made just after this) reaches the org that much sooner.
  if (options.warm && !inlineOnly) {
    const warm = () => {
      if (!inlineOnly && slots.length === 0) slots.push(start());
    };
    setImmediate(warm).unref();
  }

  return {
    parse(text, fields, memo, later) {
      // A memo that knows nothing (the first run with a cache) has nothing to save: the worker parses as usual.
      if (inlineOnly || (memo && memoKnowsAny(memo)) || text.length < INLINE_BELOW) return parseInline(text, fields, memo);
      const slot = pick();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const p: Pending = { text, ...(fields ? { fields } : {}), resolve, reject };
        if (later && slot.pending.size > 0) held.push({ ...p, id });
        else post(slot, id, p);
      });
    },
    async close() {
      inlineOnly = true;
      // Held replies are parsed here by fallBack below, with those the workers still had.
      const all = slots.splice(0);
      for (const slot of all) slot.worker.removeAllListeners('exit');
      await Promise.all(
        all.map(async (slot) => {
          await slot.worker.terminate();
          fallBack(slot);
        }),
      );
    },
  };
}
