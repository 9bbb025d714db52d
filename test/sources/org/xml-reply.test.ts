import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import xml2js from 'xml2js';
import type { Raw } from '../../../src/model/raw.js';
import { LISTED, listedComponents } from '../../../src/sources/org/org-api.js';
import { listingMemo, memoChanged, type ListingMemo } from '../../../src/sources/org/listing-memo.js';
import { REALWORLD, ROOT } from '../../support/audit-helpers.js';

const { parseReply, parseListing, parseEvents, resultTexts, listedRow, listedRows, LISTED_FIELDS } = createRequire(import.meta.url)('../../../src/sources/org/xml-reply.cjs') as {
  parseReply(text: string, fields?: readonly string[], memo?: ListingMemo): unknown;
  /** The listing scan: `undefined` when it leaves the reply to the full parse. */
  parseListing(text: string, fields?: readonly string[], memo?: ListingMemo): unknown;
  resultTexts(reply: string): string[];
  listedRow(inner: string, fields: readonly string[]): Record<string, unknown> | undefined;
  listedRows(texts: readonly string[], fields: readonly string[]): Array<Record<string, unknown> | undefined>;
  LISTED_FIELDS: string;
  /** The full parse, with no listing scan. */
  parseEvents(text: string): unknown;
};

/** What jsforce's own parse gives (lib/http-api.js `parseXML`): the value our reader must see. */
function jsforceParse(text: string): Promise<unknown> {
  return xml2js.parseStringPromise(text, { explicitArray: false });
}

function xmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.xml$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** The same value, and the same key order (a mapper iterating a value sees what it would have seen). */
async function expectSameAsJsforce(text: string, label: string): Promise<void> {
  const expected = await jsforceParse(text);
  const actual = parseReply(text);
  expect(actual, label).toEqual(expected);
  expect(JSON.stringify(actual), label).toBe(JSON.stringify(expected));
}

function envelope(body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    `xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

describe('parseReply: the value jsforce’s xml2js parse gives', () => {
  it('on every XML file of the real-world orgs and of the fixtures', async () => {
    const files = [...xmlFiles(REALWORLD), ...xmlFiles(path.join(ROOT, 'fixtures'))];
    // Files with raw carriage returns go to xml2js itself (see xml-reply.cjs): most must not.
    expect(files.filter((f) => !readFileSync(f, 'utf8').includes('\r')).length).toBeGreaterThan(1_000);
    for (const file of files) await expectSameAsJsforce(readFileSync(file, 'utf8'), path.relative(ROOT, file));
  });

  it.each([
    ['a repeated child becomes an array, a single one stays a value', envelope('<listMetadataResponse><result><fullName>A</fullName></result><result><fullName>B</fullName></result></listMetadataResponse>')],
    ['attributes under $, and text beside them under _', envelope('<readMetadataResponse><result><records xsi:type="Layout"><fullName>X</fullName></records></result></readMetadataResponse>') + ''],
    ['an element with attributes and text only', '<a><b kind="x">text</b><c kind="y"/></a>'],
    ['empty and whitespace-only elements keep their whitespace', '<a><b/><c></c><d>  </d><e>\n\t</e></a>'],
    ['mixed content keeps all its text, whitespace included', '<a> one <b>two</b> three </a>'],
    ['entities and character references are decoded, in text and attributes', '<a t="&lt;&amp;&quot;&#233;">&lt;x&gt; &amp; &#x263A; &apos;</a>'],
    ['CDATA is text, even when it is only whitespace', '<a><b><![CDATA[<not a tag>]]></b><c><![CDATA[  ]]></c><d><![CDATA[]]></d></a>'],
    ['comments and processing instructions are left out', '<?xml version="1.0"?><!-- c --><a>x<!-- inside -->y<?pi data?></a>'],
    ['names keep their prefixes; a nil element is an object of attributes', '<soapenv:Envelope xmlns:soapenv="s"><soapenv:Body><x xsi:nil="true" xmlns:xsi="i"/></soapenv:Body></soapenv:Envelope>'],
    ['a SOAP fault', envelope('<soapenv:Fault><faultcode>sf:INVALID_SESSION_ID</faultcode><faultstring>INVALID_SESSION_ID: Invalid Session ID found in SessionHeader</faultstring></soapenv:Fault>')],
    ['raw carriage returns are kept', '<a><formula>IF(x,\r\n 1,\r 2)</formula><b c="1\r\n2"/></a>'],
    ['a blank reply', '  \n'],
    ['what follows the root is not looked at', '<a>1</a><b/>trailing'],
    ['text first, then attributes, then children, in key order', '<a x="1">t<b>u</b></a>'],
  ])('%s', async (_title, text) => {
    await expectSameAsJsforce(text, text);
  });

  it('keeps an element or attribute named __proto__ as a key (xml2js makes an array with Object.prototype in it)', () => {
    const value = parseReply('<a __proto__="y"><__proto__>x</__proto__><b>1</b></a>') as { a: Record<string, unknown> & { $: object } };
    expect(Object.getPrototypeOf(value.a)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value.a, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(value.a.$)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value.a.$, '__proto__')?.value).toBe('y');
    expect(value.a.b).toBe('1');
  });

  it('fails a truncated, garbled or empty reply, as jsforce’s parse does', async () => {
    const whole = envelope(`<readMetadataResponse><result>${'<records xsi:type="Layout"><fullName>L</fullName><label>x &amp; y</label></records>'.repeat(20)}</result></readMetadataResponse>`);
    for (const text of [whole.slice(0, whole.length / 2), whole.slice(0, -5), '<a><b></a>', '<a>&nope;</a>', 'not xml', '<a><b>']) {
      await expect(jsforceParse(text), text).rejects.toThrow();
      expect(() => parseReply(text), text).toThrow();
    }
  });
});

/** One FileProperties as Salesforce lists it (elements in WSDL order). */
function fileProperties(fullName: string, extra = ''): string {
  return (
    `<result><createdById>0055e000001AbCdEAA</createdById><createdByName>Admin User</createdByName><createdDate>2021-03-04T10:11:12.000Z</createdDate>` +
    `<fileName>layouts/${fullName}.layout</fileName><fullName>${fullName}</fullName><id>00h5e000001XyZwAAB</id><lastModifiedById>0055e000001AbCdEAA</lastModifiedById>` +
    `<lastModifiedByName>Admin User</lastModifiedByName><lastModifiedDate>2022-01-01T00:00:00.000Z</lastModifiedDate><manageableState>unmanaged</manageableState>${extra}<type>Layout</type></result>`
  );
}

function listing(results: string): string {
  return envelope(`<listMetadataResponse>${results}</listMetadataResponse>`);
}

/** What jsforce hands the reader from a parsed reply (lib/soap.js getResponseBody): the element in the SOAP body. */
function listingBody(value: unknown): Raw | undefined {
  const envelope = (value as Record<string, Record<string, Record<string, unknown>>>)['soapenv:Envelope'];
  return envelope?.['soapenv:Body']?.listMetadataResponse as Raw | undefined;
}

/** Names as they come escaped in a listing: each of XML's five entities, raw `>`, accents, an emoji, tabs. */
function seededNames(count: number): string[] {
  const pieces = ['Account', 'Layout', ' ', '-', '_', '.', '&amp;', '&lt;', '&gt;', '>', '&quot;', '"', '&apos;', "'", 'é', 'Ł', '😀', '\t', '\n', '%28', '日本'];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  return Array.from({ length: count }, (_, i) => `N${i}` + Array.from({ length: 1 + (next() % 6) }, () => pieces[next() % pieces.length]).join(''));
}

describe('parseReply: listMetadata replies are scanned, to the same value', () => {
  it.each([
    ['many results', listing(seededNames(300).map((n) => fileProperties(n)).join(''))],
    ['one result is a value, not an array', listing(fileProperties('Account-Account Layout'))],
    ['a managed component, with its namespace', listing(fileProperties('ns__Thing__c-Thing Layout', '<namespacePrefix>ns</namespacePrefix>') + fileProperties('B'))],
    ['empty and self-closed elements (standard objects have no id), and whitespace-only values', listing(fileProperties('Account').replace('<id>00h5e000001XyZwAAB</id>', '<id></id>') + fileProperties('Contact').replace('<id>00h5e000001XyZwAAB</id>', '<id />') + fileProperties('Lead').replace('<id>00h5e000001XyZwAAB</id>', '<id> \n\t</id >'))],
    ['whitespace between elements, as a pretty-printed reply has', listing(`\n  ${fileProperties('A').replace(/></g, '>\n    <')}\n  ${fileProperties('B')}\n`)],
  ])('%s', async (_title, text) => {
    expect(parseListing(text), 'scanned').toBeDefined();
    await expectSameAsJsforce(text, text.slice(0, 200));
  });

  it.each([
    ['a nil element', listing(fileProperties('A').replace('<id>00h5e000001XyZwAAB</id>', '<id xsi:nil="true"/>'))],
    ['a character reference', listing(fileProperties('Caf&#233; &#x263A;'))],
    ['CDATA', listing(fileProperties('<![CDATA[A & B]]>'))],
    ['a lone surrogate (saxes lets it through; the scan leaves it to saxes)', listing(fileProperties('A \uD800 B'))],
    ['a comment between results', listing(`${fileProperties('A')}<!-- x -->${fileProperties('B')}`)],
    ['a nested element', listing(fileProperties('A', '<extra><deep>1</deep></extra>'))],
    ['an empty result', listing(`<result></result>${fileProperties('A')}`)],
    ['text beside the results', listing(`loose ${fileProperties('A')}`)],
    ['an empty listing', envelope('<listMetadataResponse/>')],
    ['the tags in a comment', envelope(`<!-- <listMetadataResponse>${fileProperties('A')}</listMetadataResponse> --><x/>`)],
    ['the tags in CDATA', envelope(`<x><![CDATA[<listMetadataResponse>${fileProperties('A')}</listMetadataResponse>]]></x>`)],
    ['a second element of that name', envelope(`<listMetadataResponse/><listMetadataResponse>${fileProperties('A')}</listMetadataResponse>`)],
    ['an empty listing, written open and closed', envelope('<listMetadataResponse></listMetadataResponse>')],
  ])('%s goes to the full parse', async (_title, text) => {
    expect(parseListing(text), 'left to the full parse').toBeUndefined();
    await expectSameAsJsforce(text, text.slice(0, 200));
  });

  it.each([
    ['many results', listing(seededNames(300).map((n) => fileProperties(n)).join(''))],
    ['one result', listing(fileProperties('Account-Account Layout'))],
    ['a managed component', listing(fileProperties('ns__Thing__c-Thing Layout', '<namespacePrefix>ns</namespacePrefix>') + fileProperties('B'))],
    ['empty and self-closed ids', listing(fileProperties('Account').replace('<id>00h5e000001XyZwAAB</id>', '<id></id>') + fileProperties('Contact').replace('<id>00h5e000001XyZwAAB</id>', '<id />'))],
    ['a name given twice in one result (left out, as from the full parse)', listing(fileProperties('A').replace('<type>', '<fullName>again</fullName><type>') + fileProperties('B'))],
  ])('scanned for the listed fields only, %s: the same components as from the whole parse', (_title, text) => {
    const lean = parseListing(text, LISTED.versions);
    expect(lean, 'scanned').toBeDefined();
    const columns = listingBody(lean)?.[LISTED_FIELDS] as Record<string, unknown[]>;
    expect(Object.keys(columns)).toEqual([...LISTED.versions]);
    expect(listingBody(lean)?.result, 'no result elements beside the columns').toBeUndefined();
    const whole = listedComponents(listingBody(parseReply(text)));
    expect(whole.length).toBeGreaterThan(0);
    expect(listedComponents(listingBody(lean))).toEqual(whole);
  });

  it('scanned for names only (a read with no cache): type and name columns, the same components without their versions', () => {
    const text = listing(seededNames(50).map((n) => fileProperties(n)).join(''));
    const lean = parseListing(text, LISTED.names);
    const columns = listingBody(lean)?.[LISTED_FIELDS] as Record<string, unknown[]>;
    expect(Object.keys(columns)).toEqual(['type', 'fullName']);
    const whole = listedComponents(listingBody(parseReply(text)));
    expect(whole[0]).toMatchObject({ id: '00h5e000001XyZwAAB', lastModifiedDate: expect.any(String) });
    expect(listedComponents(listingBody(lean))).toEqual(whole.map(({ type, fullName }) => ({ type, fullName, id: undefined, lastModifiedDate: undefined })));
  });

  it('with a memo of the last listing, scans only what changed, and gives what the scan of it all gives', async () => {
    const names = seededNames(40);
    const before = names.map((n) => fileProperties(n));
    const memo = await listingMemo(resultTexts(listing(before.join(''))), LISTED.versions);
    expect(memo.known.size).toBe(40);
    // One result changed, one gone, one new, two swapped round; the memo also knows texts no longer listed.
    const after = [...before];
    after[3] = fileProperties(names[3]!).replace('2022-01-01', '2026-11-26');
    after.splice(7, 1);
    after.push(fileProperties('New-New Layout'));
    [after[10], after[11]] = [after[11]!, after[10]!];
    const text = listing(after.join(''));
    let hits = 0;
    const counting = new (class extends Map<string, Record<string, unknown>> {
      override get(key: string) {
        const row = super.get(key);
        if (row) hits++;
        return row;
      }
    })(memo.known);
    const withMemo = parseListing(text, LISTED.versions, { fields: LISTED.versions, known: counting });
    expect(hits, 'the 38 results listed as before').toBe(38);
    expect(withMemo).toEqual(parseListing(text, LISTED.versions));
    expect(listedComponents(listingBody(withMemo))).toEqual(listedComponents(listingBody(parseReply(text))));
    expect(resultTexts(text)).toHaveLength(40);
  });

  describe('a memo matches a listing in the order it last came a block at a time, to what the scan of it all gives', () => {
    const names = seededNames(300);
    const before = names.map((n) => fileProperties(n));
    const changed = (i: number) => fileProperties(names[i]!).replace('2022-01-01', '2026-11-26');
    const reversed = [...before].reverse();
    const cases: Array<[string, string[]]> = [
      ['the same', before],
      ['three changed in place', before.map((r, i) => (i === 0 || i === 150 || i === 299 ? changed(i) : r))],
      ['one gone, one new, two swapped round', (() => {
        const after = [...before];
        after.splice(70, 1);
        after.splice(200, 0, fileProperties('New-New Layout'));
        [after[10], after[11]] = [after[11]!, after[10]!];
        return after;
      })()],
      ['all in the other order', reversed],
      ['with spaces and lines between results', before.map((r, i) => (i % 7 === 0 ? `\n  ${r}` : r))],
      ['empty', []],
    ];
    it.each(cases)('%s', async (_title, after) => {
      const memo = await listingMemo(resultTexts(listing(before.join(''))), LISTED.versions);
      expect(memo.run?.rows).toHaveLength(300);
      let lookups = 0;
      const counting = new (class extends Map<string, Record<string, unknown>> {
        override get(key: string) {
          lookups++;
          return super.get(key);
        }
      })(memo.known);
      const text = listing(after.join(''));
      const withRun = parseListing(text, LISTED.versions, { ...memo, known: counting });
      expect(withRun).toEqual(parseListing(text, LISTED.versions));
      if (after === before) expect(lookups, 'matched as runs, not looked up one by one').toBe(0);
    });

    it('asks the memo what it knows only when the listing leaves the run, not for results changed in place', async () => {
      const memo = await listingMemo(resultTexts(listing(before.join(''))), LISTED.versions);
      const asked = (after: string[]) => {
        let times = 0;
        const probe: ListingMemo = {
          fields: memo.fields,
          run: memo.run,
          get known() {
            times++;
            return memo.known;
          },
        };
        const text = listing(after.join(''));
        expect(parseListing(text, LISTED.versions, probe)).toEqual(parseListing(text, LISTED.versions));
        return times;
      };
      expect(asked(cases[1]![1])).toBe(0);
      expect(asked(cases[2]![1])).toBeGreaterThan(0);
    });

    it('a result the run does not match is still checked: a character XML forbids leaves the listing to the full parse', async () => {
      const memo = await listingMemo(resultTexts(listing(before.join(''))), LISTED.versions);
      const after = [...before];
      after[42] = fileProperties('Bad\u0001Name');
      const text = listing(after.join(''));
      expect(parseListing(text, LISTED.versions, memo)).toBeUndefined();
      expect(parseListing(text, LISTED.versions)).toBeUndefined();
    });
  });

  it('works out what each text says back to back, and says of each what it says on its own', () => {
    const plain = seededNames(60).map((n) => resultTexts(fileProperties(n))[0]!);
    const odd = [
      `${plain[0]}</result><result>${plain[1]}`,
      `${plain[0]}<result>`,
      plain[2]!.replace('<type>', '<!-- x --><type>'),
      plain[3]!.replace('</fullName>', '</fullName><nested><x/></nested>'),
      plain[4]!.replace('<type>', '<result >x</result ><type>'),
      plain[5]!.replace('</id>', '</id>\n  '),
      plain[6]!.replace('Admin User', 'Bad\u0001Name'),
      plain[7]!.replace('Admin User', 'A ]]> B'),
      '',
      '  ',
      '<fullName>A</fullName>',
    ];
    const each = (texts: string[]) => texts.map((text) => listedRow(text, LISTED.versions));
    expect(listedRows(plain, LISTED.versions)).toEqual(each(plain));
    expect(listedRows(plain, LISTED.versions).every(Boolean)).toBe(true);
    expect(listedRows([], LISTED.versions)).toEqual([]);
    // Any one of them among plain ones: the others still say what they say, and it what it says alone.
    for (const text of odd) {
      const texts = [...plain.slice(0, 30), text, ...plain.slice(30)];
      expect(listedRows(texts, LISTED.versions), JSON.stringify(text)).toEqual(each(texts));
    }
  });

  it('a memo knows only texts that scan as one plain result, and can only save a scan, never change one', async () => {
    const plain = resultTexts(fileProperties('A'))[0]!;
    const memo = await listingMemo(
      [plain, `${plain}</result><result>${plain}`, plain.replace('<type>', '<!-- x --><type>'), plain.replace('</fullName>', '</fullName><nested><x/></nested>'), 42, null],
      LISTED.versions,
    );
    expect([...memo.known.keys()]).toEqual([plain]);
    // Whatever text a memo file held, what the memo says of it is what the scan says of it now.
    expect(memo.known.get(plain)).toEqual({ fullName: 'A', id: '00h5e000001XyZwAAB', lastModifiedDate: '2022-01-01T00:00:00.000Z', type: 'Layout' });
    expect(memoChanged(memo, [plain])).toBe(false);
    expect(memoChanged(memo, [plain, plain.replace('A', 'B')])).toBe(true);
    // A listing that is not well-formed still fails, whatever the memo knows.
    expect(() => parseReply(listing(fileProperties('A') + fileProperties('B')).replace('</soapenv:Body>', ''), LISTED.versions, memo)).toThrow();
  });

  it('gives the whole parse, result elements and all, when the scan leaves a listing to it, fields or not', () => {
    const text = listing(fileProperties('A').replace('<id>00h5e000001XyZwAAB</id>', '<id xsi:nil="true"/>') + fileProperties('B'));
    expect(parseListing(text, LISTED.versions)).toBeUndefined();
    const value = parseReply(text, LISTED.versions);
    expect(value).toEqual(parseReply(text));
    expect(listedComponents(listingBody(value)).map((c) => [c.fullName, c.id])).toEqual([
      ['A', undefined],
      ['B', '00h5e000001XyZwAAB'],
    ]);
  });

  it('fails, as the full parse does, a listing that is not well-formed', () => {
    const whole = listing(fileProperties('A') + fileProperties('B'));
    const broken = [
      whole.slice(0, -40),
      whole.replace('</listMetadataResponse>', ''),
      whole.replace('<type>Layout</type></result>', '<type>Layout</result>'),
      listing(fileProperties('A &nope; B')),
      listing(fileProperties('A & B')),
      listing(fileProperties('A \u0001 B')),
      listing(fileProperties('A ]]> B')),
      whole.replace('</soapenv:Body>', ''),
    ];
    for (const text of broken) {
      expect(() => parseEvents(text), text.slice(-120)).toThrow();
      expect(() => parseReply(text), text.slice(-120)).toThrow();
      expect(() => parseReply(text, LISTED.versions), text.slice(-120)).toThrow();
    }
  });
});
