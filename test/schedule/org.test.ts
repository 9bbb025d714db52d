// Must come before jsforce: it clears HTTP(S)_PROXY, which jsforce reads at load time.
import '../support/salesforce/no-proxy.js';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledJob } from '../../src/schedule/service.js';
import type { LogRecord, Notifier } from '../../src/schedule/types.js';
import { orgEnv } from '../../src/schedule/credentials.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../support/salesforce/index.js';
import { ORGS } from '../support/audit-helpers.js';
import { metadataRitual, tempDir } from '../history/helpers/org-versions.js';
import { folderAudit } from './helpers/audits.js';

const PASSWORD = 'Sched-S3cret-Passw0rd';

let dir: string;
let rules: string;
let emulator: SalesforceEmulator;
beforeAll(async () => {
  dir = await tempDir('sfaudit-schedule-org-');
  rules = await metadataRitual(dir);
  emulator = await startSalesforceEmulator({ orgDir: path.join(ORGS, 'fleet'), users: [{ username: 'auditor@fleet.example.com', password: PASSWORD }] });
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a scheduled audit of a live org (Salesforce emulator)', () => {
  it('logs in with the variables the config names, reads the org, and counts API calls', async () => {
    const failures: string[] = [];
    const notifier: Notifier = { post: async () => {}, postFailure: async (c) => void failures.push(c) };
    const lines: LogRecord[] = [];
    // The process also has SF_* variables of its own: the config's names win.
    const env = { FLEET_USER: 'auditor@fleet.example.com', FLEET_PASSWORD: PASSWORD, SF_PASSWORD: 'not-this-one', SF_ACCESS_TOKEN: 'nor-this' };
    const job = scheduledJob({ log: (r) => lines.push(r), env, notifierFor: () => notifier });
    const { source: _source, ...base } = folderAudit(path.join(dir, 'org'), rules, '');
    const audit = { ...base, name: 'live', org: { loginUrl: emulator.url, credentials: { username: 'FLEET_USER', password: 'FLEET_PASSWORD' } } };

    const ok = await job(audit, new AbortController().signal);
    expect(ok).toMatchObject({ status: 'ok', exitCode: 1 });
    expect(ok.report!.org).toEqual({ kind: 'org', location: emulator.url });
    expect(ok.report!.summary.failed).toBe(16);
    expect(lines[0]).toMatchObject({ event: 'run', status: 'ok', failed: 16, new: 16 });
    expect(lines[0]!.apiCalls).toBeGreaterThan(0);

    const wrong = await job({ ...audit, org: { ...audit.org, credentials: { username: 'FLEET_USER', password: 'SF_PASSWORD' } } }, new AbortController().signal);
    expect(wrong).toMatchObject({ status: 'failed', stage: 'run', exitCode: 2 });
    expect(failures).toEqual([wrong.cause]);
    expect(JSON.stringify(lines)).not.toContain('not-this-one');
    expect(JSON.stringify(lines)).not.toContain(PASSWORD);
  });

  it('maps config credentials onto the live reader’s variables and drops the process’s own', () => {
    const env = orgEnv(
      { loginUrl: 'https://test.salesforce.com', apiVersion: '61.0', credentials: { authUrl: 'MY_URL' } },
      { MY_URL: 'force://a:b:c@x', SF_USERNAME: 'other', PATH: '/bin' },
    );
    expect(env).toEqual({ MY_URL: 'force://a:b:c@x', PATH: '/bin', SF_LOGIN_URL: 'https://test.salesforce.com', SF_API_VERSION: '61.0', SF_AUTH_URL: 'force://a:b:c@x' });
    expect(() => orgEnv({ credentials: { authUrl: 'MISSING' } }, {})).toThrow('environment variable MISSING (the org\'s authUrl) is not set');
  });
});
