import { describe, expect, it } from 'vitest';
import { MalformedReplyError } from '../../../src/sources/org/errors.js';
import { parseInline, replyParser } from '../../../src/sources/org/reply-parser.js';

/** A readMetadata reply big enough to go to a worker (the parser keeps small ones on the main thread). */
function bigReply(records: number): string {
  const fields = Array.from({ length: 40 }, (_, i) => `<fields><fullName>Field_${i}__c</fullName><label>Field &amp; ${i}</label><type>Text</type></fields>`).join('');
  const body = Array.from({ length: records }, (_, i) => `<records xsi:type="CustomObject"><fullName>Obj_${i}__c</fullName>${fields}<label>Obj ${i}</label></records>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<soapenv:Body><readMetadataResponse><result>${body}</result></readMetadataResponse></soapenv:Body></soapenv:Envelope>`
  );
}

/** A listMetadata reply of `count` layouts, big enough for a worker. */
function bigListing(count: number): string {
  const results = Array.from({ length: count }, (_, i) => `<result><fileName>layouts/A-L ${i}.layout</fileName><fullName>A-L ${i}</fullName><id>00h${i}</id><type>Layout</type></result>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><listMetadataResponse>${results}</listMetadataResponse></soapenv:Body></soapenv:Envelope>`;
}

describe('replyParser', () => {
  it('gives the same value in a worker as on this thread, for big and small replies', async () => {
    const parser = replyParser({ workers: 2 });
    try {
      for (const text of [bigReply(10), '<a x="1"><b>one</b><b>two</b></a>', bigReply(3)]) {
        expect(await parser.parse(text)).toEqual(await parseInline(text));
      }
      // Many at once: answers are matched to their requests, not to the order workers finish in.
      const texts = Array.from({ length: 12 }, (_, i) => bigReply(1 + (i % 5)));
      const parsed = await Promise.all(texts.map((t) => parser.parse(t)));
      for (const [i, value] of parsed.entries()) expect(value).toEqual(await parseInline(texts[i]!));
      // A listing scanned for some fields only: the fields go to the worker with the text.
      const listing = bigListing(2_000);
      const lean = await parser.parse(listing, ['fullName', 'type']);
      expect(lean).toEqual(await parseInline(listing, ['fullName', 'type']));
      expect(lean).not.toEqual(await parseInline(listing));
    } finally {
      await parser.close();
    }
  });

  it('fails a garbled reply as a malformed one (worth a retry), saying where it broke, in a worker or not', async () => {
    const truncated = bigReply(10).slice(0, 20_000);
    for (const parser of [replyParser({ workers: 1 }), replyParser({ workers: 0 })]) {
      try {
        const failure = await parser.parse(truncated).then(() => undefined, (e: unknown) => e);
        expect(failure).toBeInstanceOf(MalformedReplyError);
        expect((failure as Error).message).toMatch(/^garbled reply: \d+:\d+: /);
      } finally {
        await parser.close();
      }
    }
  });

  it('parses a reply no request waits for after those that requests do wait for, once the worker is idle', async () => {
    const parser = replyParser({ workers: 1 });
    try {
      const finished: string[] = [];
      const parse = (name: string, text: string, later?: boolean) =>
        parser.parse(text, undefined, undefined, later).then((value) => {
          finished.push(name);
          return value;
        });
      const texts = { listing: bigListing(3_000), profile: bigReply(8), objects: bigReply(4), layouts: bigReply(3) };
      const values = await Promise.all([
        parse('listing', texts.listing),
        parse('profile', texts.profile, true),
        parse('objects', texts.objects),
        parse('layouts', texts.layouts, true),
      ]);
      // Held while the listing and the objects were in the worker, then sent in the order they came.
      expect(finished).toEqual(['listing', 'objects', 'profile', 'layouts']);
      expect(values[1]).toEqual(await parseInline(texts.profile));
      // With the worker idle, nothing is held.
      expect(await parser.parse(texts.layouts, undefined, undefined, true)).toEqual(await parseInline(texts.layouts));
    } finally {
      await parser.close();
    }
  });

  it('parses the replies it holds when it is closed', async () => {
    const parser = replyParser({ workers: 1 });
    const text = bigReply(5);
    const first = parser.parse(bigListing(3_000));
    const held = parser.parse(text, undefined, undefined, true);
    await parser.close();
    expect(await held).toEqual(await parseInline(text));
    await first;
  });

  it('still parses after it is closed, and after its worker is gone', async () => {
    const parser = replyParser({ workers: 1 });
    const text = bigReply(5);
    const pending = parser.parse(text);
    await parser.close();
    expect(await pending).toEqual(await parseInline(text));
    expect(await parser.parse(text)).toEqual(await parseInline(text));
  });
});
