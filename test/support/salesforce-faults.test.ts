// Must come before jsforce: it clears HTTP(S)_PROXY, which jsforce reads at load time.
import './salesforce/no-proxy.js';
import jsforce from 'jsforce';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from './salesforce/index.js';

const VERSION = '62.0';
const LWC_RECIPES = '/work/shared/realworld/lwc-recipes';

describe('Salesforce emulator: fault injection', () => {
  let emulator: SalesforceEmulator;
  let conn: jsforce.Connection;

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ orgDir: LWC_RECIPES });
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    emulator.faults.reset();
    conn = new jsforce.Connection({ instanceUrl: emulator.url, accessToken: emulator.issueAccessToken(), version: VERSION });
  });

  const listLayouts = () => conn.metadata.list([{ type: 'Layout' }]);

  it('adds connectLatencyMs to the first request of each connection only (opening it)', async () => {
    emulator.faults.connectLatencyMs = 150;
    const from = emulator.calls.length;
    const started = performance.timeOrigin + performance.now();
    await listLayouts();
    await listLayouts();
    const [first, second] = emulator.calls.slice(from);
    // The first reaches the org once its connection is open; the second goes out on that connection, kept alive.
    expect(first!.receivedAt! - started).toBeGreaterThanOrEqual(140);
    expect(second!.clientPort).toBe(first!.clientPort);
    emulator.faults.reset();
    expect(emulator.faults.connectLatencyMs).toBe(0);
  });

  it('adds latency to every request', async () => {
    emulator.faults.latencyMs = 120;
    const started = Date.now();
    await listLayouts();
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('fails the next n matching calls with a status; SOAP calls are not retried by jsforce', async () => {
    emulator.faults.failNext(1, { status: 500 }, { method: 'listMetadata' });
    await conn.metadata.read('Layout', 'Account-Account Layout'); // filter: not a listMetadata call
    await expect(listLayouts()).rejects.toMatchObject({ name: 'sf:UNKNOWN_EXCEPTION' });
    await expect(listLayouts()).resolves.toHaveLength(2);
    expect(emulator.calls.slice(-3).map((c) => [c.method, c.status])).toEqual([
      ['readMetadata', 200],
      ['listMetadata', 500],
      ['listMetadata', 200],
    ]);
  });

  it('answers other statuses with an HTML page, as Salesforce edge servers do', async () => {
    emulator.faults.failNext(1, { status: 503 });
    await expect(listLayouts()).rejects.toMatchObject({ name: 'ERROR_HTTP_503' });
  });

  it('lets jsforce retry a failed REST GET (it retries GETs on 5xx)', async () => {
    emulator.faults.failNext(1, { status: 500 }, { method: 'query' });
    await expect(conn.query('SELECT Id FROM Account')).resolves.toMatchObject({ done: true });
    expect(emulator.calls.filter((c) => c.method === 'query').slice(-2).map((c) => c.status)).toEqual([500, 200]);
  });

  it('injects Salesforce error codes in each API shape', async () => {
    emulator.faults.failNext(1, { faultCode: 'REQUEST_LIMIT_EXCEEDED' }, { api: 'metadata' });
    await expect(listLayouts()).rejects.toMatchObject({
      name: 'sf:REQUEST_LIMIT_EXCEEDED',
      message: 'REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.',
    });
    emulator.faults.failNext(1, { faultCode: 'REQUEST_LIMIT_EXCEEDED' }, { api: 'rest' });
    await expect(conn.describe('Account')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    expect(emulator.calls.at(-1)?.status).toBe(403);
  });

  it('sends a truncated body that jsforce cannot parse', async () => {
    emulator.faults.failNext(1, { malformedXml: true }, { method: 'readMetadata' });
    await expect(conn.metadata.read('Layout', ['Account-Account Layout'])).rejects.toThrow(/Unclosed|Unexpected end/i);
  });

  it('holds a request for hangMs, long enough for a client timeout to fire', async () => {
    emulator.faults.failNext(2, { hangMs: 400 }, { method: 'describe' });
    const impatient = fetch(`${emulator.url}/services/data/v${VERSION}/sobjects/Account/describe`, {
      headers: { Authorization: `Bearer ${emulator.issueAccessToken()}` },
      signal: AbortSignal.timeout(100),
    });
    await expect(impatient).rejects.toMatchObject({ name: 'TimeoutError' });
    const started = Date.now();
    await expect(conn.describe('Account')).resolves.toMatchObject({ name: 'Account' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });

  it('resets the connection: jsforce raises for SOAP, retries a REST GET', async () => {
    emulator.faults.failNext(1, { resetConnection: true }, { api: 'metadata' });
    await expect(listLayouts()).rejects.toMatchObject({ name: 'FetchError' });
    expect(emulator.calls.at(-1)).toMatchObject({ method: 'listMetadata', status: 0 });
    emulator.faults.failNext(1, { resetConnection: true }, { method: 'query' });
    await expect(conn.query('SELECT Id FROM Contact')).resolves.toMatchObject({ done: true });
  });

  it('expires sessions after n authenticated calls', async () => {
    emulator.faults.expireSessionAfter(2);
    await listLayouts();
    await conn.describe('Account');
    await expect(listLayouts()).rejects.toMatchObject({ name: 'sf:INVALID_SESSION_ID' });
    await expect(conn.describe('Account')).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
  });

  it('queues requests beyond maxConcurrent and records the peak the client produced', async () => {
    emulator.faults.maxConcurrent = 2;
    emulator.faults.latencyMs = 80;
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 6 }, () => listLayouts()));
    expect(results.every((r) => r.length === 2)).toBe(true);
    // Six calls, two at a time, 80 ms each: three rounds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 75);
    expect(emulator.peakConcurrency).toBe(6);

    emulator.faults.reset();
    expect(emulator.peakConcurrency).toBe(0);
    await Promise.all([listLayouts(), listLayouts()]);
    expect(emulator.peakConcurrency).toBeLessThanOrEqual(2);
  });

  it('can refuse requests beyond maxConcurrent with 503 instead', async () => {
    emulator.faults.maxConcurrent = 1;
    emulator.faults.overflow = 'reject';
    emulator.faults.latencyMs = 80;
    const outcomes = await Promise.allSettled([listLayouts(), listLayouts()]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(emulator.calls.slice(-2).map((c) => c.status).sort()).toEqual([200, 503]);
  });

  it('counts calls by method and forgets faults on reset', async () => {
    emulator.faults.failNext(5, { status: 500 });
    emulator.faults.latencyMs = 1000;
    emulator.faults.reset();
    const before = emulator.count('listMetadata');
    await listLayouts();
    expect(emulator.count('listMetadata')).toBe(before + 1);
  });
});
