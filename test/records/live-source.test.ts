// Must come before jsforce: it clears HTTP(S)_PROXY, which jsforce reads at load time.
import '../support/salesforce/no-proxy.js';
import jsforce from 'jsforce';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from '../support/salesforce/index.js';
import { buildSoql, liveRecordSource } from '../../src/records/live-source.js';
import { RecordSourceError } from '../../src/records/types.js';
import { parseWhere } from '../../src/records/where.js';

const VERSION = '62.0';
const TOTAL = 20_000;

/** 20,000 opportunities; every 1,000th has no year in its name. */
function writeBigOrg(dir: string): void {
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  const records = Array.from({ length: TOTAL }, (_, i) => ({
    attributes: { type: 'Opportunity', referenceId: `OppRef${i + 1}` },
    Name: i % 1000 === 999 ? `Deal D${i + 1}` : `Deal D${i + 1} 2026`,
    StageName: i % 2 ? 'Prospecting' : 'Closed Won',
    CloseDate: '2026-06-30',
  }));
  writeFileSync(path.join(dir, 'data/Opportunity.json'), JSON.stringify({ records }));
}

describe('liveRecordSource (jsforce REST query against the emulator)', () => {
  let orgDir: string;
  let emulator: SalesforceEmulator;
  let conn: jsforce.Connection;

  beforeAll(async () => {
    orgDir = mkdtempSync(path.join(tmpdir(), 'sfaudit-records-'));
    writeBigOrg(orgDir);
    emulator = await startSalesforceEmulator({ orgDir });
    conn = new jsforce.Connection({ instanceUrl: emulator.url, accessToken: emulator.issueAccessToken(), version: VERSION });
  });
  afterAll(async () => {
    await emulator?.close();
    rmSync(orgDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    emulator.faults.reset();
    emulator.calls.length = 0;
  });

  it('queries only the fields needed, Id always, with the filter and the limit', () => {
    expect(buildSoql({ object: 'Opportunity', fields: ['Name', 'name', 'Account.Name'], where: parseWhere("StageName = 'Closed Won'"), limit: 10_001 })).toBe(
      "SELECT Id, Name, Account.Name FROM Opportunity WHERE StageName = 'Closed Won' LIMIT 10001",
    );
    expect(() => buildSoql({ object: 'Opportunity', fields: ['Name FROM User --'] })).toThrow(RecordSourceError);
  });

  it('pages through 20,000 records one batch at a time, following nextRecordsUrl only as records are consumed', async () => {
    const source = liveRecordSource(conn);
    const iterator = source.query({ object: 'Opportunity', fields: ['Name'] })[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toMatchObject({ object: 'Opportunity', id: expect.stringMatching(/^006\w{15}$/), fields: { Name: 'Deal D1 2026' } });
    expect(first.value.fields).not.toHaveProperty('attributes');
    // One batch fetched, nothing more: memory holds a page, not the result.
    expect([emulator.count('query'), emulator.count('queryMore')]).toEqual([1, 0]);

    let seen = 1;
    let withoutYear = 0;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
      seen++;
      if (!/\b20\d{2}\b/.test(String(r.value.fields.Name))) withoutYear++;
      if (seen === 2001) expect(emulator.count('queryMore')).toBe(1);
    }
    expect(seen).toBe(TOTAL);
    expect(withoutYear).toBe(20);
    expect([emulator.count('query'), emulator.count('queryMore')]).toEqual([1, TOTAL / 2000 - 1]);
    expect(source.recordUrl?.(first.value)).toBe(`${emulator.url}/lightning/r/Opportunity/${first.value.id}/view`);
  });

  it('stops fetching when the caller stops (a cap), and sends LIMIT to the org', async () => {
    const source = liveRecordSource(conn);
    let n = 0;
    for await (const _ of source.query({ object: 'Opportunity', fields: ['Name'], limit: 4001 })) {
      if (++n === 2500) break;
    }
    expect(emulator.count('query') + emulator.count('queryMore')).toBe(2);
    expect(emulator.calls[0]?.soql).toBe('SELECT Id, Name FROM Opportunity LIMIT 4001');
  });

  it('turns API errors into RecordSourceError, with the org’s error code', async () => {
    const source = liveRecordSource(conn);
    const run = async () => {
      for await (const _ of source.query({ object: 'Opportunity', fields: ['Bogus__c'] }));
    };
    await expect(run()).rejects.toThrow(RecordSourceError);
    await expect(run()).rejects.toThrow(/refused the query of Opportunity records \(INVALID_FIELD\)/);

    emulator.faults.failNext(1, { faultCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }, { method: 'queryMore' });
    let n = 0;
    const midway = async () => {
      for await (const _ of source.query({ object: 'Opportunity', fields: ['Name'] })) n++;
    };
    await expect(midway()).rejects.toThrow(/INVALID_QUERY_LOCATOR/);
    expect(n).toBe(2000);
  });

  it('takes a prefetched first page instead of asking again, and asks again for a query in other terms', async () => {
    const source = liveRecordSource(conn);
    const names = async (query: Parameters<typeof source.query>[0]) => {
      const out: unknown[] = [];
      for await (const r of source.query(query)) out.push(r.fields.Name);
      return out;
    };
    const capped = { object: 'Opportunity', fields: ['Name'], limit: 3 };
    source.prefetch(capped);
    source.prefetch(capped); // asked for twice, sent once
    expect(await names(capped)).toEqual(['Deal D1 2026', 'Deal D2 2026', 'Deal D3 2026']);
    expect(emulator.count('query')).toBe(1);
    // Taken once: the same query asked again is asked of the org again.
    expect(await names(capped)).toHaveLength(3);
    expect(emulator.count('query')).toBe(2);
    // A guess in other terms costs its call, never the answer.
    source.prefetch({ ...capped, limit: 2 });
    expect(await names(capped)).toHaveLength(3);
    expect(emulator.count('query')).toBe(4);
    expect(emulator.calls.map((c) => c.soql)).toEqual([
      'SELECT Id, Name FROM Opportunity LIMIT 3',
      'SELECT Id, Name FROM Opportunity LIMIT 3',
      'SELECT Id, Name FROM Opportunity LIMIT 2',
      'SELECT Id, Name FROM Opportunity LIMIT 3',
    ]);
  });

  it('reports a prefetched query that failed when the audit asks for it, and never before', async () => {
    const source = liveRecordSource(conn);
    const bad = { object: 'Opportunity', fields: ['Bogus__c'] };
    source.prefetch(bad);
    source.prefetch({ object: 'Opportunity', fields: ['Name FROM User --'] }); // not a query: not sent
    await new Promise((resolve) => setTimeout(resolve, 50)); // the failed reply is in, and nothing crashed
    expect(emulator.count('query')).toBe(1);
    const run = async () => {
      for await (const _ of source.query(bad));
    };
    await expect(run()).rejects.toThrow(/refused the query of Opportunity records \(INVALID_FIELD\)/);
    expect(emulator.count('query')).toBe(1);
  });

  it('sends every request through `send` (a live read’s bound on calls in flight, budget and counters)', async () => {
    const seen: string[] = [];
    const source = liveRecordSource(conn, {
      send: (kind, request) => {
        seen.push(kind);
        return request();
      },
    });
    source.prefetch({ object: 'Opportunity', fields: ['Name'], limit: 2500 });
    let n = 0;
    for await (const _ of source.query({ object: 'Opportunity', fields: ['Name'], limit: 2500 })) n++;
    expect(n).toBe(2500);
    expect(seen).toEqual(['query', 'queryMore']);
  });
});
