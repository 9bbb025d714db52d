import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FAST, rulesFromYaml, startOrg, tokenEnv } from './helpers.js';
import { ORGS } from '../../support/audit-helpers.js';
import { isApiCall, type SalesforceEmulator } from '../../support/salesforce/index.js';
import { readLiveOrg } from '../../../src/sources/org/live.js';
import { planNeeds } from '../../../src/engine/needs.js';
import { CredentialsError, SessionRefusedError } from '../../../src/sources/org/errors.js';
import { expectNoSecret } from '../../support/secrets.js';
import { credentialsFrom, parseSfdxAuthUrl } from '../../../src/sources/org/credentials.js';
import { jwtAudience } from '../../../src/sources/org/jwt.js';
import type { Need } from '../../../src/checks/kind.js';

const keys = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
const { privateKey, publicKey } = keys();
const other = keys();

const SECRETS = {
  password: 'Pa55-w0rd!',
  securityToken: 'TOKENxyz123',
  clientSecret: 'client-secret-987',
  refreshToken: '5Aep861.refreshSECRET',
};

describe('credentials: every form Salesforce users have, against the emulator', () => {
  let emulator: SalesforceEmulator;
  let needs: Need[];
  let dir: string;
  beforeAll(async () => {
    emulator = await startOrg(path.join(ORGS, 'fleet'), {
      users: [{ username: 'auditor@fleet.example.com', password: SECRETS.password, securityToken: SECRETS.securityToken }],
      clients: [
        { clientId: 'sfaudit-app', clientSecret: SECRETS.clientSecret, jwtPublicKeyPem: publicKey },
      ],
      refreshTokens: [SECRETS.refreshToken],
    });
    needs = planNeeds((await rulesFromYaml(`
name: tiny
rules:
  - { id: tabs, step: s, kind: tabs, target: { profile: Standard User }, expect: { visible: [Accounts] } }
`)).rules);
    dir = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-auth-'));
    await writeFile(path.join(dir, 'server.key'), privateKey);
    await writeFile(path.join(dir, 'other.key'), other.privateKey);
  });
  afterAll(() => emulator.close());

  const read = (env: NodeJS.ProcessEnv, targetOrg?: string) => readLiveOrg(needs, { env, targetOrg, policy: FAST });
  const failure = (env: NodeJS.ProcessEnv, targetOrg?: string) => read(env, targetOrg).then(() => undefined, (e: unknown) => e as Error);
  const works = async (env: NodeJS.ProcessEnv, method: string, targetOrg?: string) => {
    const result = await read(env, targetOrg);
    expect(result.connection.method).toBe(method);
    expect(result.org.profiles.get('Standard')?.tabVisibilities.length).toBeGreaterThan(0);
    expect(result.org.origin).toEqual({ kind: 'org', location: emulator.url });
  };

  it('SF_INSTANCE_URL + SF_ACCESS_TOKEN', () => works(tokenEnv(emulator), 'access token'));

  it('SF_API_VERSION applies to every call (default 62.0)', async () => {
    let before = emulator.calls.length;
    await works(tokenEnv(emulator, { SF_API_VERSION: '58.0' }), 'access token');
    // The public list of API versions (connections opened ahead) is the one resource without a version.
    const paths = emulator.calls.slice(before).filter(isApiCall).map((c) => c.path);
    expect(paths.length).toBe(3); // limits (REST, the org's API usage), readMetadata Profile (SOAP) and describeGlobal (REST)
    for (const p of paths) expect(p).toMatch(/\/(v58\.0|58\.0)(\/|$)/);
    before = emulator.calls.length;
    await works(tokenEnv(emulator), 'access token');
    for (const c of emulator.calls.slice(before).filter(isApiCall)) expect(c.path).toMatch(/\/(v62\.0|62\.0)(\/|$)/);
    await expect(read(tokenEnv(emulator, { SF_API_VERSION: 'latest' }))).rejects.toThrow('SF_API_VERSION must look like 62.0, got "latest"');
  });

  it('SF_AUTH_URL (sfdx auth URL, refresh-token flow)', () =>
    works({ SF_AUTH_URL: `force://sfaudit-app:${SECRETS.clientSecret}:${SECRETS.refreshToken}@${emulator.url}` }, 'sfdx auth URL'));

  it('JWT bearer: SF_CLIENT_ID + SF_USERNAME + SF_JWT_KEY_FILE, assertion signed with node:crypto', async () => {
    const before = emulator.calls.length;
    await works(
      { SF_CLIENT_ID: 'sfaudit-app', SF_USERNAME: 'auditor@fleet.example.com', SF_JWT_KEY_FILE: path.join(dir, 'server.key'), SF_LOGIN_URL: emulator.url },
      'JWT bearer',
    );
    expect(emulator.calls.slice(before).find((c) => c.method === 'token')?.grantType).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
  });

  it('JWT bearer re-signs a fresh assertion when the session expires mid-run', async () => {
    const before = emulator.calls.length;
    emulator.faults.expireSessionAfter(1);
    try {
      await works(
        { SF_CLIENT_ID: 'sfaudit-app', SF_USERNAME: 'auditor@fleet.example.com', SF_JWT_KEY_FILE: path.join(dir, 'server.key'), SF_LOGIN_URL: emulator.url },
        'JWT bearer',
      );
    } finally {
      emulator.faults.reset();
    }
    expect(emulator.calls.slice(before).filter((c) => c.method === 'token')).toHaveLength(2);
  });

  it('SF_USERNAME + SF_PASSWORD + SF_SECURITY_TOKEN: the SOAP login (and again after expiry)', async () => {
    emulator.faults.expireSessionAfter(1);
    try {
      await works(
        { SF_USERNAME: 'auditor@fleet.example.com', SF_PASSWORD: SECRETS.password, SF_SECURITY_TOKEN: SECRETS.securityToken, SF_LOGIN_URL: emulator.url },
        'SOAP login',
      );
    } finally {
      emulator.faults.reset();
    }
  });

  it('SF_USERNAME + SF_PASSWORD with SF_CLIENT_ID + SF_CLIENT_SECRET: the OAuth username-password flow', () =>
    works(
      {
        SF_USERNAME: 'auditor@fleet.example.com',
        SF_PASSWORD: SECRETS.password + SECRETS.securityToken,
        SF_CLIENT_ID: 'sfaudit-app',
        SF_CLIENT_SECRET: SECRETS.clientSecret,
        SF_LOGIN_URL: emulator.url,
      },
      'OAuth username-password',
    ));

  it('--target-org <alias>: the Salesforce CLI’s stored login (sf org display --json)', async () => {
    const bin = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-sf-'));
    const script = path.join(bin, 'sf');
    const token = emulator.issueAccessToken(); // earlier tests expired the sessions they started with
    // A stand-in for the Salesforce CLI: prints what `sf org display --target-org fleet --json` prints.
    await writeFile(
      script,
      `#!/bin/sh
if [ "$1 $2 $3 $4 $5" = "org display --target-org fleet --json" ]; then
  echo '{"status":0,"result":{"id":"00D000000000001","accessToken":"${token}","instanceUrl":"${emulator.url}","username":"auditor@fleet.example.com","connectedStatus":"Connected"}}'
else
  echo '{"status":1,"name":"NamedOrgNotFoundError","message":"No authorization information found for '"$4"'."}'
  exit 1
fi
`,
    );
    await chmod(script, 0o755);
    await works({ PATH: `${bin}${path.delimiter}${process.env.PATH}` }, 'Salesforce CLI alias fleet', 'fleet');
    const error = await failure({ PATH: `${bin}${path.delimiter}${process.env.PATH}` }, 'nope');
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error?.message).toBe('sf org display --target-org nope failed (NamedOrgNotFoundError: No authorization information found for nope.)');
    const missing = await failure({ PATH: path.join(bin, 'empty') }, 'fleet');
    expect(missing?.message).toMatch(/needs the Salesforce CLI \(sf\) on PATH/);
  });

  describe('wrong credentials: a credentials error naming the host, the cause and what to check, and no secret in it', () => {
    const host = () => emulator.url.replace(/[.]/g, '\\.');
    const cases: Array<[string, () => NodeJS.ProcessEnv, () => RegExp]> = [
      [
        'a wrong password',
        () => ({ SF_USERNAME: 'auditor@fleet.example.com', SF_PASSWORD: 'wrong-Pa55', SF_SECURITY_TOKEN: SECRETS.securityToken, SF_LOGIN_URL: emulator.url }),
        () =>
          new RegExp(
            `^cannot log in to ${host()} as auditor@fleet\\.example\\.com \\(INVALID_LOGIN: Invalid username, password, security token; or user locked out\\.\\): check SF_USERNAME, SF_PASSWORD and SF_SECURITY_TOKEN$`,
          ),
      ],
      [
        'a missing security token',
        () => ({ SF_USERNAME: 'auditor@fleet.example.com', SF_PASSWORD: SECRETS.password, SF_LOGIN_URL: emulator.url }),
        () => /INVALID_LOGIN/,
      ],
      [
        'a revoked refresh token',
        () => ({ SF_AUTH_URL: `force://sfaudit-app:${SECRETS.clientSecret}:5Aep.revokedToken@${emulator.url}` }),
        () => new RegExp(`^cannot log in to ${host()} with SF_AUTH_URL \\(invalid_grant: expired access/refresh token\\): check SF_AUTH_URL \\(sf org display --verbose prints a current one\\)$`),
      ],
      [
        'a JWT signed with a key the app does not know',
        () => ({ SF_CLIENT_ID: 'sfaudit-app', SF_USERNAME: 'auditor@fleet.example.com', SF_JWT_KEY_FILE: path.join(dir, 'other.key'), SF_LOGIN_URL: emulator.url }),
        () => new RegExp(`^cannot log in to ${host()} with the JWT bearer flow \\(invalid_grant: invalid assertion\\): check SF_CLIENT_ID, SF_USERNAME and the key in SF_JWT_KEY_FILE$`),
      ],
      [
        'an unknown client id',
        () => ({ SF_CLIENT_ID: 'nobody', SF_USERNAME: 'auditor@fleet.example.com', SF_JWT_KEY_FILE: path.join(dir, 'server.key'), SF_LOGIN_URL: emulator.url }),
        () => /invalid_client_id/,
      ],
      [
        'a key file that is not there',
        () => ({ SF_CLIENT_ID: 'sfaudit-app', SF_USERNAME: 'auditor@fleet.example.com', SF_JWT_KEY_FILE: path.join(dir, 'absent.key'), SF_LOGIN_URL: emulator.url }),
        () => /^cannot read SF_JWT_KEY_FILE .*absent\.key: ENOENT$/,
      ],
      [
        'an access token the org does not know',
        () => ({ SF_INSTANCE_URL: emulator.url, SF_ACCESS_TOKEN: '00D000000000001!AQunknownToken' }),
        () => new RegExp(`^Salesforce at ${host()} refused the session \\(INVALID_SESSION_ID: .*\\): check SF_ACCESS_TOKEN \\(a session expires and cannot be renewed\\)$`),
      ],
    ];
    for (const [what, env, message] of cases) {
      it(what, async () => {
        const error = await failure(env());
        expect(error).toBeInstanceOf(CredentialsError);
        // Salesforce said no (exit 5), except for a key file that cannot be read here (exit 2).
        expect(error instanceof SessionRefusedError).toBe(!what.includes('key file'));
        expect(error?.message).toMatch(message());
        expect(error?.message).not.toContain('\n');
        expectNoSecret(error?.message ?? '', [...Object.values(SECRETS), 'wrong-Pa55', '5Aep.revokedToken', 'AQunknownToken', 'PRIVATE KEY']);
      });
    }
  });
});

describe('credentials from the environment', () => {
  it('picks the first complete form and says what is missing', () => {
    expect(credentialsFrom({ SF_ACCESS_TOKEN: 't0ken', SF_INSTANCE_URL: 'https://x.my.salesforce.com/' })).toEqual({
      kind: 'access-token',
      accessToken: 't0ken',
      instanceUrl: 'https://x.my.salesforce.com',
    });
    expect(() => credentialsFrom({ SF_ACCESS_TOKEN: 't0ken' })).toThrow('SF_ACCESS_TOKEN also needs SF_INSTANCE_URL');
    expect(() => credentialsFrom({ SF_JWT_KEY_FILE: 'k.pem' })).toThrow('SF_JWT_KEY_FILE also needs SF_CLIENT_ID and SF_USERNAME');
    expect(() => credentialsFrom({})).toThrow(/^no Salesforce credentials: set SF_INSTANCE_URL \+ SF_ACCESS_TOKEN, or SF_AUTH_URL/);
    expect(credentialsFrom({ SF_USERNAME: 'u', SF_PASSWORD: 'p' })).toMatchObject({ kind: 'password', loginUrl: 'https://login.salesforce.com' });
    expect(credentialsFrom({ SF_ACCESS_TOKEN: 't' }, 'my-alias')).toEqual({ kind: 'sf-cli', alias: 'my-alias' });
  });

  it('turns away the Lightning address copied from a browser, naming the My Domain URL to use', () => {
    expect(() => credentialsFrom({ SF_ACCESS_TOKEN: 't', SF_INSTANCE_URL: 'https://acme--dev.sandbox.lightning.force.com/lightning/page/home' })).toThrow(
      "SF_INSTANCE_URL is the org's Lightning address (acme--dev.sandbox.lightning.force.com), where the APIs do not answer: use https://acme--dev.sandbox.my.salesforce.com",
    );
    expect(() => credentialsFrom({ SF_USERNAME: 'u', SF_PASSWORD: 'p', SF_LOGIN_URL: 'https://gov.lightning.crmforce.mil' })).toThrow(
      /SF_LOGIN_URL is the org's Lightning address \(gov\.lightning\.crmforce\.mil\).*: use its My Domain URL \(Setup › My Domain\)$/,
    );
  });

  it('parses sfdx auth URLs as the Salesforce CLI writes them', () => {
    expect(parseSfdxAuthUrl('force://PlatformCLI::5Aep861.abc==@mycompany.my.salesforce.com')).toEqual({
      kind: 'auth-url',
      clientId: 'PlatformCLI',
      clientSecret: '',
      refreshToken: '5Aep861.abc==',
      instanceUrl: 'https://mycompany.my.salesforce.com',
    });
    expect(() => parseSfdxAuthUrl('https://example.com')).toThrow(/not an sfdx auth URL/);
    // The message never repeats the URL (it holds the refresh token).
    expect(() => parseSfdxAuthUrl('force://id-only@')).toThrow(/^SF_AUTH_URL is not an sfdx auth URL \(force:\/\/<clientId>/);
  });

  it('aims JWT assertions at Salesforce’s login hosts', () => {
    expect(jwtAudience('https://login.salesforce.com')).toBe('https://login.salesforce.com');
    expect(jwtAudience('https://mycompany.my.salesforce.com')).toBe('https://login.salesforce.com');
    expect(jwtAudience('https://test.salesforce.com')).toBe('https://test.salesforce.com');
    expect(jwtAudience('https://mycompany--uat.sandbox.my.salesforce.com')).toBe('https://test.salesforce.com');
    expect(jwtAudience('http://127.0.0.1:4000/')).toBe('http://127.0.0.1:4000');
  });
});
