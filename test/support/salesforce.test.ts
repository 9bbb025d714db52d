// Must come before jsforce: it clears HTTP(S)_PROXY, which jsforce reads at load time.
import './salesforce/no-proxy.js';
import jsforce from 'jsforce';
import { generateKeyPairSync, sign } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { CustomObject, Layout, ListView, Profile } from 'jsforce/lib/api/metadata/schema.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from './salesforce/index.js';

const PMM = '/work/shared/realworld/pmmOrgDump';
const LWC_RECIPES = '/work/shared/realworld/lwc-recipes';
const VERSION = '62.0';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

function signAssertion(claims: Record<string, unknown>, key = privateKey): string {
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

describe('Salesforce emulator: authentication', () => {
  let emulator: SalesforceEmulator;

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({
      orgDir: PMM,
      users: [
        { username: 'admin@pmm.example.com', password: 'pw1' },
        { username: 'token.user@pmm.example.com', password: 'pw2', securityToken: 'TOKEN' },
      ],
      clients: [
        { clientId: 'cli', clientSecret: 'sec' },
        { clientId: 'jwt-app', jwtPublicKeyPem: publicKey },
      ],
      refreshTokens: ['5Aep-refresh'],
      accessTokens: ['00D000000000001!AQfixedtoken'],
    });
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.faults.reset());

  it('binds 127.0.0.1 on an ephemeral port', () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.url).not.toMatch(/:0$/);
  });

  it('logs in over SOAP and serves the Metadata API with that session', async () => {
    const conn = new jsforce.Connection({ loginUrl: emulator.url, version: VERSION });
    const userInfo = await conn.login('admin@pmm.example.com', 'pw1');
    expect(userInfo.organizationId).toBe(emulator.orgId);
    expect(userInfo.id).toMatch(/^005\w{15}$/);
    expect(conn.instanceUrl).toBe(emulator.url);
    expect(conn.accessToken).toMatch(/^00D\w{12}!AQ\w+$/);
    const types = await conn.metadata.list([{ type: 'Profile' }]);
    expect(types.map((t) => t.fullName)).toContain('Standard');
    expect(emulator.calls.find((c) => c.api === 'soap-login')).toMatchObject({ method: 'login', status: 200 });
  });

  it('requires the security token appended to the password when the user has one', async () => {
    const conn = new jsforce.Connection({ loginUrl: emulator.url, version: VERSION });
    await expect(conn.login('token.user@pmm.example.com', 'pw2')).rejects.toThrow(
      'INVALID_LOGIN: Invalid username, password, security token; or user locked out.',
    );
    await conn.login('token.user@pmm.example.com', 'pw2TOKEN');
    expect(conn.userInfo?.id).toMatch(/^005/);
  });

  it('rejects a bad password with HTTP 500 INVALID_LOGIN', async () => {
    const conn = new jsforce.Connection({ loginUrl: emulator.url, version: VERSION });
    await expect(conn.login('admin@pmm.example.com', 'wrong')).rejects.toThrow(/^INVALID_LOGIN: /);
    expect(emulator.calls.at(-1)).toMatchObject({ api: 'soap-login', status: 500 });
  });

  it('grants the OAuth password flow to a client with its secret', async () => {
    const oauth2 = new jsforce.OAuth2({ loginUrl: emulator.url, clientId: 'cli', clientSecret: 'sec' });
    const conn = new jsforce.Connection({ oauth2, version: VERSION });
    const userInfo = await conn.login('admin@pmm.example.com', 'pw1');
    expect(userInfo.url).toBe(`${emulator.url}/id/${emulator.orgId}/${userInfo.id}`);
    expect(conn.instanceUrl).toBe(emulator.url);
    expect(emulator.calls.at(-1)).toMatchObject({ api: 'oauth', method: 'token', grantType: 'password', status: 200 });

    const badSecret = new jsforce.OAuth2({ loginUrl: emulator.url, clientId: 'cli', clientSecret: 'nope' });
    await expect(badSecret.authenticate('admin@pmm.example.com', 'pw1')).rejects.toMatchObject({ name: 'invalid_client' });
    const goodSecret = new jsforce.OAuth2({ loginUrl: emulator.url, clientId: 'cli', clientSecret: 'sec' });
    await expect(goodSecret.authenticate('admin@pmm.example.com', 'bad')).rejects.toMatchObject({
      name: 'invalid_grant',
      message: 'authentication failure',
    });
    const unknown = new jsforce.OAuth2({ loginUrl: emulator.url, clientId: 'who', clientSecret: 'sec' });
    await expect(unknown.authenticate('admin@pmm.example.com', 'pw1')).rejects.toMatchObject({ name: 'invalid_client_id' });
  });

  it('grants refresh_token and refuses unknown refresh tokens', async () => {
    const oauth2 = new jsforce.OAuth2({ loginUrl: emulator.url, clientId: 'cli', clientSecret: 'sec' });
    const token = await oauth2.refreshToken('5Aep-refresh');
    expect(token).toMatchObject({ instance_url: emulator.url, token_type: 'Bearer' });
    expect(token.access_token).not.toContain('.');
    await expect(oauth2.refreshToken('stale')).rejects.toMatchObject({ name: 'invalid_grant' });

    // A connection built from a refresh token alone refreshes on first use.
    const conn = new jsforce.Connection({ oauth2, instanceUrl: emulator.url, refreshToken: '5Aep-refresh', version: VERSION });
    const result = await conn.metadata.list([{ type: 'CustomApplication' }]);
    expect(result.map((r) => r.fullName)).toContain('standard__Sales');
  });

  it('grants the JWT bearer flow for an assertion signed with the client key', async () => {
    const conn = new jsforce.Connection({ loginUrl: emulator.url, version: VERSION });
    const exp = Math.floor(Date.now() / 1000) + 180;
    const userInfo = await conn.authorize({
      grant_type: JWT_GRANT,
      assertion: signAssertion({ iss: 'jwt-app', sub: 'admin@pmm.example.com', aud: emulator.url, exp }),
    });
    expect(userInfo.organizationId).toBe(emulator.orgId);
    const layouts = await conn.metadata.list([{ type: 'Layout' }]);
    expect(layouts.length).toBeGreaterThan(100);

    const oauth2 = new jsforce.OAuth2({ loginUrl: emulator.url });
    const grant = (claims: Record<string, unknown>, key = privateKey) =>
      oauth2.requestToken({ grant_type: JWT_GRANT, assertion: signAssertion(claims, key) });
    const base = { iss: 'jwt-app', sub: 'admin@pmm.example.com', aud: 'https://login.salesforce.com', exp };
    await expect(grant(base)).resolves.toMatchObject({ instance_url: emulator.url });
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    await expect(grant(base, otherKey as never)).rejects.toMatchObject({ name: 'invalid_grant', message: 'invalid assertion' });
    await expect(grant({ ...base, aud: 'https://example.com' })).rejects.toMatchObject({ message: 'audience is invalid' });
    await expect(grant({ ...base, exp: exp - 3600 })).rejects.toMatchObject({ name: 'invalid_grant' });
    await expect(grant({ ...base, sub: 'nobody@example.com' })).rejects.toMatchObject({ name: 'invalid_grant' });
    await expect(grant({ ...base, iss: 'unknown' })).rejects.toMatchObject({ name: 'invalid_client_id' });
  });

  it('accepts configured and minted access tokens as-is', async () => {
    const fixed = new jsforce.Connection({ instanceUrl: emulator.url, accessToken: '00D000000000001!AQfixedtoken', version: VERSION });
    await expect(fixed.metadata.list([{ type: 'CustomTab' }])).resolves.not.toHaveLength(0);
    const minted = emulator.issueAccessToken();
    expect(minted.split('.')).toHaveLength(1);
    const conn = new jsforce.Connection({ instanceUrl: emulator.url, accessToken: minted, version: VERSION });
    await expect(conn.metadata.list([{ type: 'FlexiPage' }])).resolves.not.toHaveLength(0);
  });

  it('refuses expired sessions with sf:INVALID_SESSION_ID when nothing can refresh them', async () => {
    const conn = new jsforce.Connection({ instanceUrl: emulator.url, accessToken: emulator.issueAccessToken(), version: VERSION });
    emulator.expireSessions();
    await expect(conn.metadata.list([{ type: 'Layout' }])).rejects.toMatchObject({ name: 'sf:INVALID_SESSION_ID' });
  });

  it('lets jsforce refresh an expired session through refreshFn and retry the call', async () => {
    const regrant = async () => {
      const oauth2 = new jsforce.OAuth2({ loginUrl: emulator.url });
      const exp = Math.floor(Date.now() / 1000) + 180;
      return oauth2.requestToken({
        grant_type: JWT_GRANT,
        assertion: signAssertion({ iss: 'jwt-app', sub: 'admin@pmm.example.com', aud: emulator.url, exp }),
      });
    };
    const first = await regrant();
    const conn = new jsforce.Connection({
      instanceUrl: first.instance_url,
      accessToken: first.access_token,
      version: VERSION,
      refreshFn: (_conn, callback) => {
        regrant().then((res) => callback(null, res.access_token, res), (error: Error) => callback(error));
      },
    });
    const tokensBefore = emulator.count('token');
    emulator.faults.expireSessionAfter(1);
    await conn.metadata.read('Layout', ['Account-Account Layout']);
    // The second call meets an expired session: refresh, then the same call again.
    const records = await conn.metadata.read('Layout', ['Contact-Contact Layout']);
    expect(records).toHaveLength(1);
    expect(emulator.count('token')).toBe(tokensBefore + 1);
    expect(emulator.calls.slice(-3).map((c) => [c.method, c.status])).toEqual([
      ['readMetadata', 500],
      ['token', 200],
      ['readMetadata', 200],
    ]);
    // REST refreshes on 401 the same way.
    emulator.expireSessions();
    await expect(conn.query('SELECT Id FROM Account')).resolves.toMatchObject({ done: true });
    expect(emulator.count('token')).toBe(tokensBefore + 2);
  });
});

describe('Salesforce emulator: Metadata API over pmmOrgDump', () => {
  let emulator: SalesforceEmulator;
  let conn: jsforce.Connection;

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ orgDir: PMM });
    conn = new jsforce.Connection({ instanceUrl: emulator.url, accessToken: emulator.issueAccessToken(), version: VERSION });
  });
  afterAll(() => emulator.close());

  it('describes the served metadata types', async () => {
    const result = await conn.metadata.describe();
    const object = result.metadataObjects.find((o) => o.xmlName === 'CustomObject');
    expect(object).toMatchObject({ directoryName: 'objects', suffix: 'object', inFolder: false });
    expect(object?.childXmlNames).toEqual(expect.arrayContaining(['CustomField', 'ListView', 'WebLink', 'RecordType']));
    expect(result.metadataObjects.map((o) => o.xmlName)).toEqual(expect.arrayContaining(['Layout', 'Profile', 'FlexiPage']));
  });

  it('lists layouts and list views with full FileProperties', async () => {
    const list = await conn.metadata.list([{ type: 'Layout' }, { type: 'ListView' }]);
    expect(emulator.calls.at(-1)).toMatchObject({ method: 'listMetadata', queries: [{ type: 'Layout' }, { type: 'ListView' }] });
    const layout = list.find((r) => r.fullName === 'Account-Account Layout');
    expect(layout).toEqual({
      createdById: expect.stringMatching(/^005\w{15}$/),
      createdByName: expect.any(String),
      createdDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
      fileName: 'layouts/Account-Account Layout.layout',
      fullName: 'Account-Account Layout',
      id: expect.stringMatching(/^00h\w{15}$/),
      lastModifiedById: expect.stringMatching(/^005/),
      lastModifiedByName: expect.any(String),
      lastModifiedDate: expect.stringMatching(/Z$/),
      manageableState: 'unmanaged',
      type: 'Layout',
    });
    const layoutFiles = readdirSync(`${PMM}/force-app/main/default/layouts`).filter((f) => f.endsWith('.layout-meta.xml'));
    expect(list.filter((r) => r.type === 'Layout')).toHaveLength(layoutFiles.length);
    const listView = list.find((r) => r.fullName === 'Account.AllAccounts');
    expect(listView).toMatchObject({ type: 'ListView', fileName: 'objects/Account.object', id: expect.stringMatching(/^00B/) });
    // %-encoding stays exactly as in the file names.
    expect(list.map((r) => r.fullName)).toContain('WorkCoaching-Coaching Layout 2%2E0');
  });

  it('lists standard objects with no id and a 1970 date, custom objects with both', async () => {
    const list = await conn.metadata.list([{ type: 'CustomObject' }]);
    expect(list.find((r) => r.fullName === 'Account')).toMatchObject({ id: '', lastModifiedDate: '1970-01-01T00:00:00.000Z' });
    const custom = list.find((r) => r.fullName.endsWith('__c'));
    expect(custom?.id).toMatch(/^01I/);
    expect(Date.parse(custom?.lastModifiedDate ?? '')).toBeGreaterThan(Date.UTC(2020, 0, 1));
  });

  it('gives the same ids and dates on every listing', async () => {
    const [a, b] = await Promise.all([conn.metadata.list([{ type: 'Profile' }]), conn.metadata.list([{ type: 'Profile' }])]);
    expect(a).toEqual(b);
  });

  it('returns [] for a real type the org has none of, INVALID_TYPE for a made-up one', async () => {
    await expect(conn.metadata.list([{ type: 'ApexClass' }])).resolves.toEqual([]);
    await expect(conn.metadata.list([{ type: 'NoSuchType' }])).rejects.toMatchObject({ name: 'sf:INVALID_TYPE' });
  });

  it('refuses more than 3 listMetadata queries', async () => {
    const queries = ['Layout', 'Profile', 'CustomTab', 'FlexiPage'].map((type) => ({ type }));
    await expect(conn.metadata.list(queries)).rejects.toThrow(/at most 3 queries/);
  });

  it('reads 10 layouts in request order, parsed by jsforce with layoutSections arrays', async () => {
    const names = (await conn.metadata.list([{ type: 'Layout' }])).map((r) => r.fullName).slice(20, 30).reverse();
    const records = await conn.metadata.read('Layout', names);
    expect(emulator.calls.at(-1)).toMatchObject({ method: 'readMetadata', type: 'Layout', names });
    expect(records.map((r) => r.fullName)).toEqual(names);
    for (const record of records) {
      const layout = record as Layout;
      expect(Array.isArray(layout.layoutSections)).toBe(true);
      expect(layout.layoutSections.length).toBeGreaterThan(0);
    }
  });

  it('reads a layout with its content from the file', async () => {
    const layout = (await conn.metadata.read('Layout', 'Account-Account Layout')) as Layout;
    expect(layout.fullName).toBe('Account-Account Layout');
    expect(layout.excludeButtons).toEqual(expect.arrayContaining(['DataDotComClean', 'Submit']));
    const fields = layout.layoutSections.flatMap((s) => s.layoutColumns.flatMap((c) => c.layoutItems.map((i) => i.field)));
    expect(fields).toContain('Name');
  });

  it('returns a record without fullName for an unknown name', async () => {
    const [found, missing] = await conn.metadata.read('Layout', ['Account-Account Layout', 'Account-No Such Layout']);
    expect(found?.fullName).toBe('Account-Account Layout');
    expect(missing).toBeDefined();
    expect(missing?.fullName).toBeUndefined();
    expect((missing as Layout).layoutSections).toEqual([]);
  });

  it('refuses 11 names with sf:EXCEEDED_ID_LIMIT', async () => {
    const names = Array.from({ length: 11 }, (_, i) => `Account-Layout ${i}`);
    await expect(conn.metadata.read('Layout', names)).rejects.toMatchObject({
      name: 'sf:EXCEEDED_ID_LIMIT',
      message: 'EXCEEDED_ID_LIMIT: record limit reached. cannot submit more than 10 records in this operation',
    });
  });

  it('reads a CustomObject with its children nested under their short names', async () => {
    const account = (await conn.metadata.read('CustomObject', 'Account')) as CustomObject;
    expect(account.fullName).toBe('Account');
    expect(account.fields.map((f) => f.fullName)).toContain('Name');
    expect(account.listViews.map((v) => v.fullName)).toContain('AllAccounts');
    expect(account.webLinks.length).toBeGreaterThan(0);
    expect(account.recordTypes.length).toBeGreaterThanOrEqual(0);
    expect(account.actionOverrides.length).toBeGreaterThan(0);
  });

  it('reads child types by Object.Name', async () => {
    const [field, view] = await Promise.all([
      conn.metadata.read('CustomField', 'Account.Name'),
      conn.metadata.read('ListView', 'Account.AllAccounts'),
    ]);
    expect(field.fullName).toBe('Account.Name');
    expect((view as ListView).label).toBeTruthy();
  });

  it('reads profiles, apps, tabs, flexipages and page web links', async () => {
    const [profile, app] = await Promise.all([
      conn.metadata.read('Profile', 'Standard'),
      conn.metadata.read('CustomApplication', 'standard__Sales'),
    ]);
    expect(profile.fullName).toBe('Standard');
    expect((profile as Profile).custom).toBe(false);
    expect(app.fullName).toBe('standard__Sales');
    const links = await conn.metadata.list([{ type: 'CustomPageWebLink' }, { type: 'CustomTab' }, { type: 'FlexiPage' }]);
    expect(links.find((l) => l.type === 'CustomPageWebLink')?.fileName).toMatch(/^weblinks\/.+\.weblink$/);
  });
});

describe('Salesforce emulator: lwc-recipes', () => {
  let emulator: SalesforceEmulator;

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ orgDir: LWC_RECIPES });
  });
  afterAll(() => emulator.close());

  it('lists objects known only from their children folders, and reads them', async () => {
    const conn = new jsforce.Connection({ instanceUrl: emulator.url, accessToken: emulator.issueAccessToken(), version: VERSION });
    const objects = await conn.metadata.list([{ type: 'CustomObject' }, { type: 'ListView' }, { type: 'Layout' }]);
    expect(objects.filter((o) => o.type === 'CustomObject').map((o) => o.fullName)).toEqual(['Account', 'Contact']);
    expect(objects.filter((o) => o.type === 'Layout').map((o) => o.fullName)).toEqual(['Account-Account Layout', 'Contact-Contact Layout']);
    const account = (await conn.metadata.read('CustomObject', 'Account')) as CustomObject;
    expect(account.fullName).toBe('Account');
    expect(account.listViews.length).toBeGreaterThan(0);
    const contact = (await conn.metadata.read('ListView', 'Contact.All_Recipes_Contacts')) as ListView;
    expect(contact.columns).toContain('FULL_NAME');
  });
});
