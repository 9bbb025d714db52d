import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDigested, writeDigested } from '../../src/history/digested-file.js';
import { sha256 } from '../../src/history/digest.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-digested-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('digested files', () => {
  it('reads back what was written, under its header, in a folder made for it and readable by its owner only', async () => {
    const file = path.join(dir, 'deep', 'er', 'f.json');
    const body = JSON.stringify({ text: 'é ✓ "quoted" \u2028', n: [1, 2, 3] });
    await writeDigested(file, { format: 3, types: ['Layout'] }, body);
    expect(await readDigested(file)).toEqual({ header: { format: 3, types: ['Layout'] }, body });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // The header line carries the sha256 of the rest, last.
    const [head, rest] = (await readFile(file, 'utf8')).split('\n');
    expect(JSON.parse(head!)).toEqual({ format: 3, types: ['Layout'], digest: sha256(rest!) });
  });

  it('is a miss when the file is not there, has no header line, a header that is not an object, or a body its digest does not match', async () => {
    const file = path.join(dir, 'f.json');
    expect(await readDigested(file)).toBeUndefined();
    await writeDigested(file, { format: 1 }, '{"a":"b"}');
    const written = await readFile(file, 'utf8');
    for (const broken of [written.replace('"b"', '"c"'), written.slice(0, -2), written.split('\n')[1]!, 'garbage\n{}', '[1]\n{}', `{"format":1}\n{"a":"b"}`, `{"format":1,"digest":7}\n{"a":"b"}`, '']) {
      await writeFile(file, broken);
      expect(await readDigested(file), broken).toBeUndefined();
    }
    // Bytes that are not UTF-8 fail the digest of what was written, as the text they decode to would.
    await writeFile(file, Buffer.concat([Buffer.from(`${written.split('\n')[0]}\n`), Buffer.from([0x7b, 0xff, 0x7d])]));
    expect(await readDigested(file)).toBeUndefined();
  });
});

describe('sha256', () => {
  it('hashes a string as its UTF-8 bytes, short or long', () => {
    for (const text of ['', 'é ✓', 'x'.repeat(70_000) + '✓']) expect(sha256(text)).toBe(sha256(Buffer.from(text, 'utf8')));
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
