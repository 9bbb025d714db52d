import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { FAST, rulesFromYaml, startOrg, tokenEnv, ACCESS_TOKEN } from './helpers.js';
import { ORGS } from '../../support/audit-helpers.js';
import type { SalesforceEmulator } from '../../support/salesforce/index.js';
import { closedPortUrl, startHangingServer, type HangingServer } from '../../support/unreachable.js';
import { expectNoSecret } from '../../support/secrets.js';
import { readLiveOrg } from '../../../src/sources/org/live.js';
import { planNeeds } from '../../../src/engine/needs.js';
import { OrgUnreachableError } from '../../../src/sources/org/errors.js';
import type { Need } from '../../../src/checks/kind.js';

const PASSWORD = 'Unreach-Passw0rd!';
/** Two tries, no real back-off, a short call timeout: a host that never answers fails in well under a second. */
const QUICK = { ...FAST, retry: { ...FAST.retry, maxAttempts: 2 }, timeoutMs: 150 };

describe('an org whose host never answers stops the read with OrgUnreachableError (real sockets)', () => {
  let emulator: SalesforceEmulator;
  let hanging: HangingServer;
  let closed: string;
  let needs: Need[];
  beforeAll(async () => {
    emulator = await startOrg(path.join(ORGS, 'fleet'), { users: [{ username: 'auditor@fleet.example.com', password: PASSWORD }] });
    hanging = await startHangingServer();
    closed = await closedPortUrl();
    needs = planNeeds(
      (
        await rulesFromYaml(`
name: tiny
rules:
  - { id: tabs, step: s, kind: tabs, target: { profile: Standard User }, expect: { visible: [Accounts] } }
  - { id: section, step: s, kind: layout-section, target: { object: Account, layout: Account Layout, section: Accounting }, expect: { fields: [Billing Address] } }
`)
      ).rules,
    );
  });
  afterAll(async () => {
    await emulator.close();
    await hanging.close();
  });
  beforeEach(() => emulator.faults.reset());

  const failure = (env: NodeJS.ProcessEnv, policy = QUICK) => readLiveOrg(needs, { env, policy }).then(() => undefined, (e: unknown) => e as Error);

  it('access token, connection refused: names the instance, the cause and what to check, never the token', async () => {
    const error = await failure({ SF_INSTANCE_URL: closed, SF_ACCESS_TOKEN: ACCESS_TOKEN });
    expect(error).toBeInstanceOf(OrgUnreachableError);
    expect(error).toMatchObject({ url: closed, reason: 'connection refused' });
    expect(error?.message).toBe(`cannot reach ${closed} (connection refused): check SF_INSTANCE_URL and the network`);
    expectNoSecret(error?.message ?? '', [ACCESS_TOKEN]);
  });

  it('access token, a host that accepts and never answers: calls are retried, then the timeout is the cause', async () => {
    const before = hanging.accepted;
    // No budget reading first: several calls start at once, and each is retried before the read gives up.
    const error = await readLiveOrg(needs, { env: { SF_INSTANCE_URL: hanging.url, SF_ACCESS_TOKEN: ACCESS_TOKEN }, policy: QUICK, apiBudget: 'off' }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(OrgUnreachableError);
    expect((error as Error).message).toBe(`cannot reach ${hanging.url} (no answer within 150 ms): check SF_INSTANCE_URL and the network`);
    expect(hanging.accepted - before).toBeGreaterThanOrEqual(QUICK.retry.maxAttempts);
  });

  it('a DNS name that does not resolve', async () => {
    const error = await failure({ SF_INSTANCE_URL: 'https://sfaudit-test.invalid', SF_ACCESS_TOKEN: ACCESS_TOKEN }, { ...QUICK, timeoutMs: 2_000 });
    expect(error).toBeInstanceOf(OrgUnreachableError);
    // Resolvers answer "no such name", or fail to answer at all on a machine without DNS.
    expect(error?.message).toMatch(/^cannot reach https:\/\/sfaudit-test\.invalid \(host name (not found|lookup failed)\): check SF_INSTANCE_URL and the network$/);
  });

  it('password login: a login host that refuses or never answers is retried, then named with SF_LOGIN_URL', async () => {
    const login = (url: string) => ({ SF_USERNAME: 'auditor@fleet.example.com', SF_PASSWORD: PASSWORD, SF_LOGIN_URL: url });
    const refused = await failure(login(closed));
    expect(refused).toBeInstanceOf(OrgUnreachableError);
    expect(refused?.message).toBe(`cannot reach ${closed} (connection refused): check SF_LOGIN_URL and the network`);
    const before = hanging.accepted;
    const silent = await failure(login(hanging.url));
    expect(silent?.message).toBe(`cannot reach ${hanging.url} (no answer within 150 ms): check SF_LOGIN_URL and the network`);
    expect(hanging.accepted - before).toBe(QUICK.retry.maxAttempts);
    expectNoSecret([refused?.message ?? '', silent?.message ?? ''], [PASSWORD]);
  });

  it('a login host that answers with an HTTP error page is no Salesforce login service: named with its URL, not as refused credentials', async () => {
    const pages = http.createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body>No such page</body></html>');
    });
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    try {
      const soap = await failure({ SF_USERNAME: 'auditor@fleet.example.com', SF_PASSWORD: PASSWORD, SF_LOGIN_URL: url });
      expect(soap).toBeInstanceOf(OrgUnreachableError);
      expect(soap?.message).toBe(`cannot reach ${url} (it answered with a page, not as a Salesforce login service): check SF_LOGIN_URL and the network`);
      const oauth = await failure({ SF_AUTH_URL: `force://sfaudit-app:s3cretClient:5Aep.refresh@${url}` });
      expect(oauth).toBeInstanceOf(OrgUnreachableError);
      expect(oauth?.message).toMatch(/\(it answered HTTP 404, not as a Salesforce login service\): check the instance in SF_AUTH_URL and the network$/);
      expectNoSecret([soap?.message ?? '', oauth?.message ?? ''], [PASSWORD, 's3cretClient', '5Aep.refresh']);
      // A real refusal is still one: the emulator's login fault.
      const refused = await failure({ SF_USERNAME: 'auditor@fleet.example.com', SF_PASSWORD: 'wrong', SF_LOGIN_URL: emulator.url });
      expect(refused?.name).toBe('SessionRefusedError');
    } finally {
      await new Promise<void>((resolve) => pages.close(() => resolve()));
    }
  });

  it('a session refresh that gets no answer is no refused session: the calls that needed it fail, with the network cause', async () => {
    const org = await startOrg(path.join(ORGS, 'fleet'), { clients: [{ clientId: 'cli', clientSecret: 'sec' }], refreshTokens: ['5Aep.refresh'] });
    try {
      // Logged in; the session then expires, and every refresh loses its connection.
      org.faults.expireSessionAfter(3);
      org.faults.failNext(1000, { resetConnection: true }, { method: 'token', after: 1 });
      const read = await readLiveOrg(needs, { env: { SF_AUTH_URL: `force://cli:sec:5Aep.refresh@${org.url}` }, policy: QUICK });
      expect(read.org.problems.length).toBeGreaterThan(0);
      for (const p of read.org.problems) expect(p.message).toMatch(/^could not read .*: .*oauth2\/token failed, reason: socket hang up/);
      expect(read.org.problems.map((p) => p.message).join('\n')).not.toMatch(/refused|credentials/);
    } finally {
      await org.close();
    }
  });

  it('an org that answered and then drops calls is not unreachable: those calls fail the rules that needed them', async () => {
    // The budget's usage reading (REST) is answered first; every readMetadata then loses its connection.
    emulator.faults.failNext(1000, { resetConnection: true }, { method: 'readMetadata' });
    const read = await readLiveOrg(needs, { env: tokenEnv(emulator), policy: QUICK });
    expect(read.org.problems.length).toBeGreaterThan(0);
    expect(read.org.problems[0]?.message).toMatch(/^could not read .* from the org: .*(ECONNRESET|socket hang up)/);
  });
});
