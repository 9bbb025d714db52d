import { describe, expect, it } from 'vitest';
import { backoffMs, withRetry } from '../../../src/sources/org/retry.js';
import { CallTimeoutError, describeError, errorCode, isAuthError, isTransient, MalformedReplyError, networkFailure, redact } from '../../../src/sources/org/errors.js';
import { formatProgress, progressLine } from '../../../src/sources/org/progress.js';
import { toMetadataXml } from '../../../src/sources/snapshot/to-xml.js';
import { parseMetadataXml } from '../../../src/sources/folder/xml.js';

const err = (props: Record<string, unknown>) => Object.assign(new Error(String(props.message ?? 'x')), props);

describe('which failures are retried', () => {
  it('retries rate limits, 5xx, resets, timeouts and garbled replies; not bad requests or credentials', () => {
    for (const e of [
      err({ name: 'sf:REQUEST_LIMIT_EXCEEDED', errorCode: 'sf:REQUEST_LIMIT_EXCEEDED' }),
      err({ errorCode: 'sf:UNKNOWN_EXCEPTION' }),
      err({ errorCode: 'ERROR_HTTP_503' }),
      err({ name: 'FetchError', code: 'ECONNRESET', message: 'request failed, reason: socket hang up' }),
      new CallTimeoutError(1000),
      new MalformedReplyError('truncated'),
    ]) {
      expect(isTransient(e), errorCode(e)).toBe(true);
    }
    for (const e of [err({ errorCode: 'sf:INVALID_TYPE' }), err({ errorCode: 'INSUFFICIENT_ACCESS' }), err({ errorCode: 'ERROR_HTTP_404' })]) {
      expect(isTransient(e), errorCode(e)).toBe(false);
    }
    expect(isAuthError(err({ errorCode: 'sf:INVALID_SESSION_ID' }))).toBe(true);
    expect(isAuthError(err({ name: 'invalid_grant' }))).toBe(true);
    expect(isAuthError(err({ message: 'INVALID_LOGIN: Invalid username, password, security token; or user locked out.' }))).toBe(true);
    // What jsforce throws when the session expired and getting a new one failed.
    expect(isAuthError(err({ message: 'Unable to refresh session due to: expired access/refresh token' }))).toBe(true);
  });

  it('tells failures below HTTP (the host never answered) from replies, in words a person checks the network with', () => {
    const fetchError = (code: string) => err({ name: 'FetchError', code, type: 'system', message: `request failed, reason: ${code}` });
    expect(networkFailure(fetchError('ECONNREFUSED'))).toBe('connection refused');
    expect(networkFailure(fetchError('ENOTFOUND'))).toBe('host name not found');
    expect(networkFailure(fetchError('EAI_AGAIN'))).toBe('host name lookup failed');
    expect(networkFailure(fetchError('ETIMEDOUT'))).toBe('connection timed out');
    expect(networkFailure(fetchError('EHOSTUNREACH'))).toBe('host unreachable');
    expect(networkFailure(fetchError('ENETUNREACH'))).toBe('network unreachable');
    expect(networkFailure(fetchError('CERT_HAS_EXPIRED'))).toBe('TLS failure (CERT_HAS_EXPIRED)');
    expect(networkFailure(fetchError('ERR_TLS_CERT_ALTNAME_INVALID'))).toBe('TLS failure (ERR_TLS_CERT_ALTNAME_INVALID)');
    expect(networkFailure(new CallTimeoutError(120_000))).toBe('no answer within 120 s');
    expect(networkFailure(new CallTimeoutError(250))).toBe('no answer within 250 ms');
    // jsforce keeps only the message of a failed session refresh: one that got no answer refused nothing.
    const refresh = (reason: string) => new Error(`Unable to refresh session due to: request to https://acme.my.salesforce.com/services/oauth2/token failed, reason: ${reason}`);
    expect(networkFailure(refresh('connect ECONNREFUSED 10.0.0.1:443'))).toBe('connection refused (refreshing the session)');
    expect(networkFailure(refresh('socket hang up'))).toBe('connection reset (refreshing the session)');
    expect(networkFailure(refresh('getaddrinfo ENOTFOUND acme.my.salesforce.com'))).toBe('host name not found (refreshing the session)');
    expect(networkFailure(refresh('certificate has expired'))).toBe('TLS failure (certificate has expired) (refreshing the session)');
    for (const e of [refresh('socket hang up'), refresh('connect ETIMEDOUT 10.0.0.1:443')]) {
      expect(isAuthError(e)).toBe(false);
      expect(isTransient(e)).toBe(true);
    }
    // A refresh the org answered and refused is the credentials'.
    const refused = new Error('Unable to refresh session due to: invalid_grant: expired access/refresh token');
    expect(isAuthError(refused)).toBe(true);
    expect(networkFailure(refused)).toBeUndefined();
    // The host answered, however badly.
    for (const e of [err({ errorCode: 'ERROR_HTTP_503' }), err({ errorCode: 'sf:INVALID_SESSION_ID' }), new MalformedReplyError('truncated'), fetchError('ERR_STREAM_PREMATURE_CLOSE')]) {
      expect(networkFailure(e), errorCode(e)).toBeUndefined();
    }
  });

  it('backs off exponentially with full jitter, capped', () => {
    const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 500, random: () => 1 };
    expect([0, 1, 2, 3, 4].map((n) => backoffMs(n, policy))).toEqual([100, 200, 400, 500, 500]);
    expect(backoffMs(3, { ...policy, random: () => 0.5 })).toBe(250);
  });

  it('stops at maxAttempts or at the first failure not worth retrying', async () => {
    const waits: number[] = [];
    const policy = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100, random: () => 1, sleep: async (ms: number) => void waits.push(ms) };
    let n = 0;
    await expect(withRetry(async () => { n++; throw new Error('flaky'); }, () => true, policy)).rejects.toThrow('flaky');
    expect([n, waits]).toEqual([3, [10, 20]]);
    n = 0;
    await expect(withRetry(async () => { n++; throw new Error('bad'); }, () => false, policy)).rejects.toThrow('bad');
    expect(n).toBe(1);
    expect(await withRetry(async (i) => { if (i < 2) throw new Error('again'); return 'ok'; }, () => true, policy)).toBe('ok');
  });

  it('describes a failure in one line, without secrets or HTML bodies', () => {
    expect(describeError(err({ errorCode: 'sf:REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }))).toBe('REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.');
    expect(describeError(err({ errorCode: 'ERROR_HTTP_503', message: '<html><body>Maintenance</body></html>' }))).toBe('ERROR_HTTP_503: unexpected reply from Salesforce');
    expect(describeError(err({ name: 'invalid_grant', message: 'bad token s3cr3t-value\nline two' }), ['s3cr3t-value'])).toBe('invalid_grant: bad token *** line two');
    expect(redact('session 00D5g000004SnQx!AQcAQH0dMHZfz972Szmpkb58urFRkgeBGsxL_QJWwYMfAbUeeG7c1E6LYUfiDUkWe6H34r1AAwOR8B8fLEz6n04NPGRrq0FM in text', [])).toBe('session *** in text');
  });
});

describe('the progress line', () => {
  it('redraws in place at most every interval, and clears itself', () => {
    let now = 0;
    const written: string[] = [];
    const line = progressLine((t) => written.push(t), 100, () => now);
    line.update({ planned: 10, fetched: 0, calls: 1, retries: 0 });
    now = 50;
    line.update({ planned: 10, fetched: 5, calls: 2, retries: 0 });
    now = 150;
    line.update({ planned: 10, fetched: 10, calls: 3, retries: 1 });
    line.done();
    expect(written).toEqual([
      '\r\x1b[2Ksfaudit: reading the org · 0/10 components · 1 API call',
      '\r\x1b[2Ksfaudit: reading the org · 10/10 components · 3 API calls · 1 retry',
      '\r\x1b[2K',
    ]);
    expect(formatProgress({ planned: 3, fetched: 1, calls: 4, retries: 2 })).toBe('sfaudit: reading the org · 1/3 components · 4 API calls · 2 retries');
  });
});

describe('snapshot XML', () => {
  it('writes records as Salesforce does and reads back to the same values', () => {
    const xml = toMetadataXml('Layout', {
      layoutSections: [{ label: 'Q&A <"x">', editHeading: true, layoutColumns: [{ layoutItems: [{ field: 'Name' }] }, { layoutItems: [] }] }],
      showRunAssignmentRulesCheckbox: false,
      empty: null,
    });
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<Layout xmlns="http://soap.sforce.com/2006/04/metadata">',
        '    <layoutSections>',
        '        <label>Q&amp;A &lt;&quot;x&quot;&gt;</label>',
        '        <editHeading>true</editHeading>',
        '        <layoutColumns>',
        '            <layoutItems>',
        '                <field>Name</field>',
        '            </layoutItems>',
        '        </layoutColumns>',
        '        <layoutColumns/>',
        '    </layoutSections>',
        '    <showRunAssignmentRulesCheckbox>false</showRunAssignmentRulesCheckbox>',
        '</Layout>',
        '',
      ].join('\n'),
    );
    expect(parseMetadataXml(xml).raw).toMatchObject({ layoutSections: { label: 'Q&A <"x">', editHeading: 'true' } });
  });
});
