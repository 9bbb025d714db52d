import { mkdtemp, readdir, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache, noCache, scopeOf, splitByCache, CACHE_FORMAT } from '../../../src/sources/org/cache.js';
import { componentVersion } from '../../../src/sources/org/versions.js';
import { sha256 } from '../../../src/history/digest.js';
import { parseInline } from '../../../src/sources/org/reply-parser.js';

const SCOPE = { orgId: '00D000000000001AAA', apiVersion: '62.0' };
const OLD = '2024-03-01T10:00:00.000Z';
const NOW = () => Date.parse('2026-01-05T08:00:00Z');
const layout = { fullName: 'Account-Account Layout', relatedLists: [{ relatedList: 'RelatedNoteList' }] };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-cache-'));
});
afterEach(async () => {
  await chmod(dir, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function stored(version = 'v1') {
  const cache = openCache(dir, SCOPE, { now: NOW });
  cache.put('Layout', layout.fullName, version, layout, OLD);
  await cache.save();
  return cache;
}

async function typeFile(): Promise<string> {
  const [folder] = await readdir(dir);
  return path.join(dir, folder!, 'Layout.jsonl');
}

describe('componentVersion', () => {
  it('changes with the date or id of the component or of any nested part, not with their order', () => {
    const own = { fullName: 'Account', id: '01I1', lastModifiedDate: OLD };
    const parts = [
      { fullName: 'Account.AllAccounts', id: '00B1', lastModifiedDate: OLD },
      { fullName: 'Account.Customers', id: '00B2', lastModifiedDate: OLD },
    ];
    const v = componentVersion(own, parts);
    expect(componentVersion(own, [...parts].reverse())).toBe(v);
    expect(componentVersion({ ...own, lastModifiedDate: '2024-03-01T10:00:01.000Z' }, parts)).not.toBe(v);
    expect(componentVersion({ ...own, id: '01I2' }, parts)).not.toBe(v);
    expect(componentVersion(own, [parts[0]!, { ...parts[1]!, lastModifiedDate: '2025-01-01T00:00:00.000Z' }])).not.toBe(v);
    expect(componentVersion(own, parts.slice(1))).not.toBe(v); // a part deleted
  });

  it('gives no version (never cached) when the org gives no date', () => {
    expect(componentVersion({ fullName: 'X' })).toBeUndefined();
    expect(componentVersion({ fullName: 'X', lastModifiedDate: OLD }, [{ fullName: 'X.Y' }])).toBeUndefined();
  });
});

describe('openCache', () => {
  it('serves a record stored under the same version, in a later run', async () => {
    await stored();
    const cache = openCache(dir, SCOPE, { now: NOW });
    expect(await cache.get('Layout', layout.fullName, 'v1')).toEqual(layout);
    expect(cache.stats).toMatchObject({ hits: 1, misses: 0 });
  });

  it('treats another version as a miss (the component changed since)', async () => {
    await stored('v1');
    const cache = openCache(dir, SCOPE, { now: NOW });
    expect(await cache.get('Layout', layout.fullName, 'v2')).toBeUndefined();
    expect(cache.stats.stale).toBe(1);
  });

  it('never serves another org or API version', async () => {
    await stored();
    expect(await openCache(dir, { ...SCOPE, orgId: '00D000000000002AAA' }, { now: NOW }).get('Layout', layout.fullName, 'v1')).toBeUndefined();
    expect(await openCache(dir, { ...SCOPE, apiVersion: '61.0' }, { now: NOW }).get('Layout', layout.fullName, 'v1')).toBeUndefined();
  });

  it('ignores a file that is not JSON, is truncated, or is of another format, without throwing', async () => {
    await stored();
    const file = await typeFile();
    const text = await readFile(file, 'utf8');
    for (const broken of ['not json', text.slice(0, text.length / 2), text.replace(`"format":${CACHE_FORMAT}`, '"format":999'), 'null', '[]']) {
      await writeFile(file, broken);
      const cache = openCache(dir, SCOPE, { now: NOW });
      expect(await cache.get('Layout', layout.fullName, 'v1')).toBeUndefined();
      expect(cache.stats.corrupt).toBe(1);
    }
  });

  it('ignores an entry whose content no longer matches its digest, or that names another component', async () => {
    await stored();
    const file = await typeFile();
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('RelatedNoteList', 'RelatedFileList'));
    const edited = openCache(dir, SCOPE, { now: NOW });
    expect(await edited.get('Layout', layout.fullName, 'v1')).toBeUndefined();
    expect(edited.stats.corrupt).toBe(1);

    // The same line filed under another component's name.
    await writeFile(file, text.replace(JSON.stringify(layout.fullName), JSON.stringify('Contact-Contact Layout')));
    const moved = openCache(dir, SCOPE, { now: NOW });
    expect(await moved.get('Layout', 'Contact-Contact Layout', 'v1')).toBeUndefined();
    expect(moved.stats.corrupt).toBe(1);
  });

  it('keeps serving the lines that are intact when one is broken', async () => {
    const cache = openCache(dir, SCOPE, { now: NOW });
    cache.put('Layout', layout.fullName, 'v1', layout, OLD);
    cache.put('Layout', 'Lead-Lead Layout', 'v1', { fullName: 'Lead-Lead Layout' }, OLD);
    await cache.save();
    const file = await typeFile();
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[1] = lines[1]!.slice(0, 20);
    await writeFile(file, lines.join('\n'));
    const reopened = openCache(dir, SCOPE, { now: NOW });
    expect(await reopened.get('Layout', layout.fullName, 'v1')).toBeUndefined();
    expect(await reopened.get('Layout', 'Lead-Lead Layout', 'v1')).toEqual({ fullName: 'Lead-Lead Layout' });
    expect(reopened.stats).toMatchObject({ hits: 1, corrupt: 1 });
  });

  it('does not store what changed in the last minutes (lastModifiedDate has whole seconds)', async () => {
    const cache = openCache(dir, SCOPE, { now: NOW });
    cache.put('Layout', layout.fullName, 'v1', layout, '2026-01-05T07:59:00.000Z');
    cache.put('Layout', 'Other', 'v1', { fullName: 'Other' }, undefined);
    await cache.save();
    expect(cache.stats).toMatchObject({ stored: 0, unsettled: 2 });
    expect(await openCache(dir, SCOPE, { now: NOW }).get('Layout', layout.fullName, 'v1')).toBeUndefined();
  });

  it('hands out copies: a caller changing a record does not change the cache', async () => {
    await stored();
    const cache = openCache(dir, SCOPE, { now: NOW });
    const first = (await cache.get('Layout', layout.fullName, 'v1')) as typeof layout;
    first.relatedLists.length = 0;
    expect(await cache.get('Layout', layout.fullName, 'v1')).toEqual(layout);
  });

  it('stores a record as it was put: changing it afterwards changes neither this run nor the next', async () => {
    const cache = openCache(dir, SCOPE, { now: NOW });
    const record = structuredClone(layout);
    cache.put('Layout', layout.fullName, 'v1', record, OLD);
    record.relatedLists.length = 0;
    expect(await cache.get('Layout', layout.fullName, 'v1')).toEqual(layout);
    await cache.save();
    expect(await openCache(dir, SCOPE, { now: NOW }).get('Layout', layout.fullName, 'v1')).toEqual(layout);
  });

  it.skipIf(process.getuid?.() === 0)('does not throw when the cache folder cannot be written', async () => {
    await chmod(dir, 0o500);
    const cache = openCache(dir, SCOPE, { now: NOW });
    cache.put('Layout', layout.fullName, 'v1', layout, OLD);
    await expect(cache.save()).resolves.toBeUndefined();
  });

  it('appends what changed to the file, where it replaces what it supersedes; rewrites a file cut short or mostly superseded', async () => {
    const other = (i: number) => ({ fullName: `Lead-Lead Layout ${i}`, relatedLists: [] });
    const first = openCache(dir, SCOPE, { now: NOW });
    for (let i = 0; i < 8; i++) first.put('Layout', other(i).fullName, 'v1', other(i), OLD);
    first.put('Layout', layout.fullName, 'v1', layout, OLD);
    await first.save();
    const file = await typeFile();
    const lines = async () => (await readFile(file, 'utf8')).split('\n').filter(Boolean).length;
    expect(await lines()).toBe(10);

    // One changed: one line more, and the new version is the one served.
    const second = openCache(dir, SCOPE, { now: NOW });
    await second.get('Layout', layout.fullName, 'v1');
    const changed = { ...layout, relatedLists: [] };
    second.put('Layout', layout.fullName, 'v2', changed, OLD);
    await second.save();
    expect(await lines()).toBe(11);
    const third = openCache(dir, SCOPE, { now: NOW });
    expect(await third.get('Layout', layout.fullName, 'v1')).toBeUndefined();
    expect(await third.get('Layout', layout.fullName, 'v2')).toEqual(changed);
    expect(await third.get('Layout', other(3).fullName, 'v1')).toEqual(other(3));

    // Past a quarter superseded: written whole again, one line per component.
    for (let i = 0; i < 3; i++) third.put('Layout', other(i).fullName, 'v2', other(i), OLD);
    await third.save();
    expect(await lines()).toBe(10);

    // Cut short mid-line (a crash while appending): the broken line (the last, the layout's) is a miss, and the
    // next save writes the file whole rather than glue a line onto it.
    await writeFile(file, (await readFile(file, 'utf8')).slice(0, -5));
    const fourth = openCache(dir, SCOPE, { now: NOW });
    expect(await fourth.get('Layout', layout.fullName, 'v2')).toBeUndefined();
    expect(await fourth.get('Layout', other(3).fullName, 'v1')).toEqual(other(3));
    fourth.put('Layout', other(7).fullName, 'v2', other(7), OLD);
    await fourth.save();
    expect((await readFile(file, 'utf8')).endsWith('\n')).toBe(true);
    const fifth = openCache(dir, SCOPE, { now: NOW });
    expect(await fifth.get('Layout', other(7).fullName, 'v2')).toEqual(other(7));
    expect(await fifth.get('Layout', other(4).fullName, 'v1')).toEqual(other(4));
  });

  it('does not throw when the cache folder is a file', async () => {
    const file = path.join(dir, 'file');
    await writeFile(file, 'x');
    const cache = openCache(file, SCOPE, { now: NOW });
    expect(await cache.get('Layout', layout.fullName, 'v1')).toBeUndefined();
    cache.put('Layout', layout.fullName, 'v1', layout, OLD);
    await expect(cache.save()).resolves.toBeUndefined();
  });

  it('warms records ahead of the versions: each good one handed over once, served as warmed, counted when served', async () => {
    const cache = openCache(dir, SCOPE, { now: NOW });
    cache.put('Layout', layout.fullName, 'v1', layout, OLD);
    cache.put('Layout', 'Lead-Lead Layout', 'v1', { fullName: 'Lead-Lead Layout' }, OLD);
    await cache.save();
    const reopened = openCache(dir, SCOPE, { now: NOW });
    const warmed = new Map<string, unknown>();
    await reopened.warm('Layout', (name, raw) => warmed.set(name, raw));
    await reopened.warm('Layout', (name, raw) => warmed.set(`again ${name}`, raw));
    expect([...warmed.keys()]).toEqual([layout.fullName, 'Lead-Lead Layout']);
    expect(reopened.stats).toMatchObject({ hits: 0, corrupt: 0 });
    const served = await reopened.get('Layout', layout.fullName, 'v1');
    expect(served).toBe(warmed.get(layout.fullName));
    expect(served).toEqual(layout);
    // A stale one is not served, warmed or not.
    expect(await reopened.get('Layout', 'Lead-Lead Layout', 'v2')).toBeUndefined();
    expect(reopened.stats).toMatchObject({ hits: 1, stale: 1 });
    // Served once: asked again, it is parsed afresh.
    const again = await reopened.get('Layout', layout.fullName, 'v1');
    expect(again).not.toBe(served);
    expect(again).toEqual(layout);
  });

  it('warms nothing from an entry that fails its check, and serving it still counts it corrupt', async () => {
    await stored();
    const file = await typeFile();
    await writeFile(file, (await readFile(file, 'utf8')).replace('RelatedNoteList', 'RelatedFileList'));
    const cache = openCache(dir, SCOPE, { now: NOW });
    const warmed: string[] = [];
    await cache.warm('Layout', (name) => warmed.push(name));
    expect(warmed).toEqual([]);
    expect(await cache.get('Layout', layout.fullName, 'v1')).toBeUndefined();
    expect(cache.stats).toMatchObject({ hits: 0, corrupt: 1 });
  });

  it('stops warming when told to', async () => {
    await stored();
    const cache = openCache(dir, SCOPE, { now: NOW });
    const warmed: string[] = [];
    await cache.warm('Layout', (name) => warmed.push(name), () => true);
    expect(warmed).toEqual([]);
    expect(await cache.get('Layout', layout.fullName, 'v1')).toEqual(layout);
  });

  it('waits while told to hold, then warms on', async () => {
    await stored();
    const cache = openCache(dir, SCOPE, { now: NOW });
    const warmed: string[] = [];
    let resume = () => {};
    let held: Promise<void> | undefined = new Promise<void>((resolve) => (resume = resolve));
    const warming = cache.warm('Layout', (name) => warmed.push(name), undefined, () => held);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(warmed).toEqual([]);
    held = undefined;
    resume();
    await warming;
    expect(warmed).toEqual([layout.fullName]);
  });

  it('noCache never has anything', async () => {
    const cache = noCache();
    cache.put('Layout', layout.fullName, 'v1', layout, OLD);
    expect(await cache.get('Layout', layout.fullName, 'v1')).toBeUndefined();
  });
});

describe('splitByCache', () => {
  it('serves what matches the listed version and sends the rest (changed, new, unlisted) to be read', async () => {
    await stored('v1');
    const cache = openCache(dir, SCOPE, { now: NOW });
    const versions: Record<string, string> = { [layout.fullName]: 'v1', 'Contact-Contact Layout': 'v1' };
    const split = await splitByCache(cache, 'Layout', [layout.fullName, 'Contact-Contact Layout', 'Lead-Lead Layout'], (n) => versions[n]);
    expect(split.cached.map((c) => [c.fullName, c.record.load()])).toEqual([[layout.fullName, layout]]);
    expect(split.toRead).toEqual(['Contact-Contact Layout', 'Lead-Lead Layout']);
    const changed = await splitByCache(openCache(dir, SCOPE, { now: NOW }), 'Layout', [layout.fullName], () => 'v2');
    expect(changed).toEqual({ cached: [], toRead: [layout.fullName] });
  });

  it('finds a record by its version at once, and checks it only when it is loaded', async () => {
    await stored('v1');
    const file = await typeFile();
    // The stored record no longer matches its digest: found (the version matches), refused when loaded.
    await writeFile(file, (await readFile(file, 'utf8')).replace('RelatedNoteList', 'RelatedTampered'));
    const cache = openCache(dir, SCOPE, { now: NOW });
    const found = await cache.find('Layout', layout.fullName, 'v1');
    expect(found).toBeDefined();
    expect(cache.stats).toMatchObject({ hits: 0, corrupt: 0 });
    expect(found!.load()).toBeUndefined();
    expect(cache.stats).toMatchObject({ hits: 0, corrupt: 1 });
    expect(await cache.find('Layout', layout.fullName, 'v2')).toBeUndefined();
    expect(cache.stats.stale).toBe(1);
  });

  it('a finder looks names up at once, as find does one by one: hit, stale, missing, no version', async () => {
    await stored('v1');
    const cache = openCache(dir, SCOPE, { now: NOW });
    const find = await cache.finder('Layout');
    expect(find(layout.fullName, 'v1')?.load()).toEqual(layout);
    expect(find(layout.fullName, 'v2')).toBeUndefined();
    expect(find('Lead-Lead Layout', 'v1')).toBeUndefined();
    expect(find(layout.fullName, undefined)).toBeUndefined();
    expect(cache.stats).toMatchObject({ hits: 1, stale: 1, misses: 2 });
    expect((await noCache().finder('Layout'))(layout.fullName, 'v1')).toBeUndefined();
  });
});

describe('scopeOf', () => {
  it('keys the cache by org id (from the session or the identity) and instance host, never by the token itself', () => {
    const scope = scopeOf({ instanceUrl: 'https://acme.my.salesforce.com', accessToken: '00D5g000004XyZ1!AQsecretpart' }, '62.0');
    expect(scope).toEqual({ orgId: '00D5g000004XyZ1@acme.my.salesforce.com', apiVersion: '62.0' });
    expect(JSON.stringify(scope)).not.toContain('secret');
    expect(scopeOf({ instanceUrl: 'https://acme.my.salesforce.com', accessToken: 'eyJ.jwt.like', userInfo: { organizationId: '00D5g000004XyZ1EAA' } }, '62.0').orgId).toBe(
      '00D5g000004XyZ1@acme.my.salesforce.com',
    );
    expect(scopeOf({ instanceUrl: 'https://other.my.salesforce.com', accessToken: 'opaque' }, '62.0').orgId).toBe('other.my.salesforce.com');
  });
});

describe('listing memos', () => {
  const FIELDS = ['type', 'fullName', 'id', 'lastModifiedDate'];
  const TYPES = ['Layout', 'CustomObject'];
  const result = (name: string, date = OLD) => `<fullName>${name}</fullName><id>00h1</id><lastModifiedDate>${date}</lastModifiedDate><type>Layout</type>`;
  const reply = (...inner: string[]) => `<soapenv:Envelope><soapenv:Body><listMetadataResponse>${inner.map((r) => `<result>${r}</result>`).join('')}</listMetadataResponse></soapenv:Body></soapenv:Envelope>`;

  async function kept(texts: string[]) {
    const cache = openCache(dir, SCOPE, { now: NOW });
    cache.keepListing(TYPES, { fields: FIELDS, known: new Map(), reply: reply(...texts) });
    await cache.save();
  }

  it('keeps the result texts of the last listing, and what each says', async () => {
    await kept([result('A'), result('B')]);
    const memo = await openCache(dir, SCOPE).listing([...TYPES].reverse(), FIELDS);
    expect([...memo.known.keys()]).toEqual([result('A'), result('B')]);
    expect(memo.known.get(result('A'))).toEqual({ fullName: 'A', id: '00h1', lastModifiedDate: OLD, type: 'Layout' });
    // Another listing's types, other fields, another org or API version: nothing known.
    expect((await openCache(dir, SCOPE).listing(['Layout'], FIELDS)).known.size).toBe(0);
    expect((await openCache(dir, SCOPE).listing(TYPES, ['type', 'fullName'])).known.size).toBe(0);
    expect((await openCache(dir, { ...SCOPE, apiVersion: '61.0' }).listing(TYPES, FIELDS)).known.size).toBe(0);
    expect((await noCache().listing(TYPES, FIELDS)).known.size).toBe(0);
  });

  it('a memo file edited by hand, cut short, garbled or written by an older sfaudit knows nothing', async () => {
    await kept([result('A'), result('B')]);
    const [folder] = await readdir(dir);
    const [file] = (await readdir(path.join(dir, folder!))).filter((f) => f.startsWith('listing-'));
    const full = path.join(dir, folder!, file!);
    const written = await readFile(full, 'utf8');
    const known = async () => (await openCache(dir, SCOPE).listing(TYPES, FIELDS)).known;
    expect([...(await known()).values()].map((row) => row.fullName)).toEqual(['A', 'B']);
    // A text, or what the file says it says: either could make a listing say what the org did not.
    for (const edited of [written.replace('<fullName>B</fullName>', '<fullName>C</fullName>'), written.replace('"fullName":"B"', '"fullName":"C"')]) {
      expect(edited).not.toBe(written);
      await writeFile(full, edited);
      expect((await known()).size).toBe(0);
    }
    for (const broken of [written.slice(0, -20), written.split('\n')[1]!, 'garbage']) {
      await writeFile(full, broken);
      expect((await known()).size).toBe(0);
    }
    // Where each result ends, wrong under a digest that holds (edited, and the digest made again): nothing known.
    const [head, body] = written.split('\n') as [string, string];
    const run = JSON.parse(body) as { ends: number[] };
    for (const ends of [[run.ends[0]! + 1, run.ends[1]!], [run.ends[1]!], [run.ends[0]!, run.ends[1]! - 1], [0, run.ends[1]!]]) {
      const lying = JSON.stringify({ ...run, ends });
      await writeFile(full, `${head.replace(/"digest":"[0-9a-f]+"/, `"digest":"${sha256(lying)}"`)}\n${lying}`);
      expect((await known()).size, JSON.stringify(ends)).toBe(0);
    }
    await writeFile(full, `${head}\n${body}`);
    expect((await known()).size).toBe(2);
    // As sfaudit wrote it before it kept what each text says: texts only, in one JSON document.
    const { memo: _format, digest: _digest, ...scope } = JSON.parse(written.split('\n')[0]!) as Record<string, unknown>;
    await writeFile(full, JSON.stringify({ ...scope, results: [result('A'), result('B')] }));
    expect((await known()).size).toBe(0);
  });

  it('keeps a memo that knew all but a few results of the listing as it is: a stale memo only costs scans', async () => {
    await kept([result('A'), result('B')]);
    const [folder] = await readdir(dir);
    const file = path.join(dir, folder!, (await readdir(path.join(dir, folder!))).find((f) => f.startsWith('listing-'))!);
    const before = await readFile(file, 'utf8');
    const changed = reply(result('A'), result('B', NOW_DATE));
    for (const [scanned, written] of [[1, false], [16, false], [17, true]] as const) {
      await writeFile(file, before);
      const cache = openCache(dir, SCOPE);
      const memo = await cache.listing(TYPES, FIELDS);
      expect(memo.known.size).toBe(2);
      memo.reply = changed;
      memo.scanned = scanned;
      cache.keepListing(TYPES, memo);
      await cache.save();
      expect((await readFile(file, 'utf8')) !== before, `${scanned} scanned`).toBe(written);
    }
    // What a listing scan against the memo counts: the results it did not know.
    const memo = await openCache(dir, SCOPE).listing(TYPES, FIELDS);
    await parseInline(changed, FIELDS, memo);
    expect(memo.scanned).toBe(0);
    await parseInline(reply(result('A'), result('B', OLD), result('C')), FIELDS, memo);
    expect(memo.scanned).toBe(2);
  });

  it('writes a listing again only when it changed, and never one that did not parse', async () => {
    await kept([result('A')]);
    const cache = openCache(dir, SCOPE);
    const memo = await cache.listing(TYPES, FIELDS);
    const [folder] = await readdir(dir);
    const file = path.join(dir, folder!, (await readdir(path.join(dir, folder!))).find((f) => f.startsWith('listing-'))!);
    await writeFile(file, (await readFile(file, 'utf8')).replace('{', '{"marker":1,'));
    cache.keepListing(TYPES, { ...memo, reply: reply(result('A')) });
    await cache.save();
    expect(await readFile(file, 'utf8')).toContain('"marker":1');
    cache.keepListing(TYPES, { fields: FIELDS, known: new Map() });
    await cache.save();
    expect(await readFile(file, 'utf8')).toContain('"marker":1');
    cache.keepListing(TYPES, { ...memo, reply: reply(result('A'), result('B', NOW_DATE)) });
    await cache.save();
    const [, body] = (await readFile(file, 'utf8')).split('\n');
    const both = `<result>${result('A')}</result><result>${result('B', NOW_DATE)}</result>`;
    expect(JSON.parse(body!)).toEqual({
      text: both,
      ends: [both.indexOf('<result>', 1), both.length],
      rows: [
        { fullName: 'A', id: '00h1', lastModifiedDate: OLD, type: 'Layout' },
        { fullName: 'B', id: '00h1', lastModifiedDate: NOW_DATE, type: 'Layout' },
      ],
    });
  });
});

const NOW_DATE = '2026-01-05T07:59:00.000Z';
