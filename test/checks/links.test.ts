import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { emptyOrg } from '../../src/model/types.js';
import type { Rule } from '../../src/ruleset/types.js';
import type { Report } from '../../src/report/report.js';
import { NO_NETWORK_NOTE } from '../../src/checks/links.js';
import { auditFolder, findingKeys, ORGS, ritual } from '../support/audit-helpers.js';
import { startFakeWeb, type FakeWeb } from '../support/fake-web.js';
import { closedPort, startTestServer, type TestServer } from '../links/helpers/test-server.js';
import { fakeResolver } from '../links/helpers/fake-dns.js';
import { rule } from './org-builder.js';

const ruleset = (...rules: Rule[]) => ({ name: 'test', files: [], rules });
const LINK_RULES = ['account-linkedin-links-work', 'contact-linkedin-links-work'];

async function linkRules(): Promise<Rule[]> {
  return (await ritual()).rules.filter((r) => LINK_RULES.includes(r.id));
}

describe('links rules on the fleet fixture (LinkedIn served on 127.0.0.1)', () => {
  let web: FakeWeb;
  let report: Report;
  beforeAll(async () => {
    web = await startFakeWeb();
    report = await auditFolder(path.join(ORGS, 'fleet'), ruleset(...(await linkRules())), { links: web.links });
  });
  afterAll(() => web.close());

  it('reports exactly the malformed, wrong-host and dead LinkedIn links', () => {
    expect(findingKeys(report)).toEqual([
      'fail account-linkedin-links-work | Acme Corporation (AccountRef1) | field LinkedIn company URL (LinkedIn_Company_URL__c)',
      'fail account-linkedin-links-work | Globex Corporation (AccountRef2) | field LinkedIn company URL (LinkedIn_Company_URL__c)',
      'fail contact-linkedin-links-work | Dana Whitfield (ContactRef5) | field LinkedIn (LinkedIn_URL__c)',
    ]);
    expect(report.findings.map((f) => [f.metadataType, f.actual, f.message])).toEqual([
      [
        'Account',
        '"linkedin.com/company/acme"',
        'LinkedIn company URL (LinkedIn_Company_URL__c) of Account "Acme Corporation (AccountRef1)" is not a valid link: not an absolute URL (missing https://)',
      ],
      [
        'Account',
        '"https://www.linkdin.com/company/globex"',
        'LinkedIn company URL (LinkedIn_Company_URL__c) of Account "Globex Corporation (AccountRef2)" is not a valid link: host "www.linkdin.com" is not linkedin.com',
      ],
      [
        'Contact',
        'https://www.linkedin.com/in/does-not-exist-404/ (HTTP 404 not found)',
        'LinkedIn (LinkedIn_URL__c) of Contact "Dana Whitfield (ContactRef5)" is broken: HTTP 404 not found',
      ],
    ]);
    expect(report.findings[2]).toMatchObject({
      severity: 'error',
      expected: 'an https URL on linkedin.com with a path matching /^/in/[^/]+/?$/ that opens',
      source: { file: 'fixtures/orgs/fleet/data/Contact.json', line: 50 },
    });
    // 5 customer accounts x 2 fields + 10 contacts, less the 2 malformed links.
    expect(report.rules.map((r) => [r.id, r.passed, r.failed])).toEqual([
      ['account-linkedin-links-work', 8, 2],
      ['contact-linkedin-links-work', 9, 1],
    ]);
  });

  it('checks only customer accounts, and each URL once, with no cookies or credentials', () => {
    const hosts = new Set(web.hits.map((h) => h.host));
    expect(hosts).toEqual(new Set(['www.linkedin.com']));
    expect(web.hits.some((h) => h.path === '/company/wayne-enterprises/')).toBe(false); // a prospect
    const byPath = new Map<string, string[]>();
    for (const h of web.hits) byPath.set(h.path, [...(byPath.get(h.path) ?? []), h.method]);
    expect(byPath.size).toBe(18);
    for (const [p, methods] of byPath) expect(methods, p).toEqual(p === '/in/does-not-exist-404/' ? ['HEAD', 'GET'] : ['HEAD']);
    for (const h of web.hits) {
      expect(h.headers.cookie).toBeUndefined();
      expect(h.headers.authorization).toBeUndefined();
    }
    expect(report.stats).toMatchObject({ recordsChecked: 15, linksRequested: 18 });
  });

  it('requests a URL once per run, however many rules and records name it', async () => {
    const rules = await linkRules();
    const again = rules.map((r) => ({ ...r, id: `${r.id}-again` }));
    const before = web.hits.length;
    const twice = await auditFolder(path.join(ORGS, 'fleet'), ruleset(...rules, ...again), { links: web.links });
    expect(twice.findings).toHaveLength(6);
    expect(web.hits.length - before).toBe(19); // 18 URLs, one of them HEAD then GET
    expect(twice.stats.linksRequested).toBe(18);
  });

  it('passes on fleet-clean', async () => {
    const clean = await auditFolder(path.join(ORGS, 'fleet-clean'), ruleset(...(await linkRules())), { links: web.links });
    expect(clean.findings).toEqual([]);
    expect(clean.rules.map((r) => r.passed)).toEqual([10, 10]);
  });
});

describe('links rules with --no-network', () => {
  it('still checks the form, reports the rest as not checked (a manual check, not a failure to look) once per rule, and says so in the notes', async () => {
    const web = await startFakeWeb();
    try {
      const report = await auditFolder(path.join(ORGS, 'fleet'), ruleset(...(await linkRules())), { links: { ...web.links, network: false } });
      expect(findingKeys(report)).toEqual([
        'fail account-linkedin-links-work | Acme Corporation (AccountRef1) | field LinkedIn company URL (LinkedIn_Company_URL__c)',
        'fail account-linkedin-links-work | Globex Corporation (AccountRef2) | field LinkedIn company URL (LinkedIn_Company_URL__c)',
        'manual account-linkedin-links-work | Account records | fields LinkedIn company URL (LinkedIn_Company_URL__c), LinkedIn sales navigator URL (LinkedIn_Sales_Navigator_URL__c)',
        'manual contact-linkedin-links-work | Contact records | fields LinkedIn (LinkedIn_URL__c)',
      ]);
      expect(report.findings[3]).toMatchObject({
        message: '10 well-formed links were not checked: live link checks were off (--no-network)',
        actual: '10 links not checked (Maria Lopez (ContactRef1), James Carter (ContactRef2), Priya Natarajan (ContactRef3), ...)',
      });
      expect(report.notes).toContain(NO_NETWORK_NOTE);
      expect(report.summary.verdict).toBe('fail');
      expect(web.hits).toEqual([]);
      expect(report.stats.linksRequested).toBeUndefined();
    } finally {
      await web.close();
    }
  });

  it('checks the form only, without findings for the rest, when the rule sets live: false', async () => {
    const r = rule('links', { object: 'Contact' }, { live: false, fields: [{ field: 'LinkedIn', hosts: ['linkedin.com'] }] });
    const report = await auditFolder(path.join(ORGS, 'fleet'), ruleset(r), { links: { network: false } });
    expect(report.findings).toEqual([]);
    expect(report.rules[0]?.passed).toBe(10);
    expect(report.notes).not.toContain(NO_NETWORK_NOTE);
  });
});

describe('links rules: fields without values', () => {
  it('notes a URL field no selected record fills, and reports a custom field the metadata does not have as missing', async () => {
    const web = await startFakeWeb();
    try {
      const empty = rule('links', { object: 'Account' }, { fields: [{ field: 'Website' }, { field: 'LinkedIn company URL' }] }, { id: 'websites' });
      const report = await auditFolder(path.join(ORGS, 'fleet-clean'), ruleset(empty), { links: web.links });
      expect(report.notes).toContain('Rule websites: no selected Account record has a value in Website (Website); no link was checked there.');
      expect(report.rules[0]?.passed).toBe(8);

      const misspelt = rule('links', { object: 'Account' }, { fields: [{ field: 'LinkdIn_Company_URL__c' }] }, { id: 'typo' });
      const typo = await auditFolder(path.join(ORGS, 'fleet-clean'), ruleset(misspelt), { links: web.links });
      expect(typo.findings).toMatchObject([{ status: 'fail', message: 'No field LinkdIn_Company_URL__c on Account, so its values cannot be checked' }]);
    } finally {
      await web.close();
    }
  });

  it('flags an empty link only when the rule says the field is required', async () => {
    const o = emptyOrg({ kind: 'folder', location: 'test' });
    o.records = [{ object: 'Contact', id: 'ContactRef1', fields: { LastName: 'Lopez' } }];
    const r = rule('links', { object: 'Contact' }, { fields: [{ field: 'LinkedIn_URL__c', required: true }] }, { id: 'required' });
    const report = await audit(o, ruleset(r), { links: { network: false } });
    expect(report.findings.map((f) => [f.component, f.actual, f.message])).toEqual([
      ['Lopez (ContactRef1)', '(empty)', 'LinkedIn_URL__c of Contact "Lopez (ContactRef1)" is empty'],
    ]);
  });
});

describe('links rules: each HTTP outcome through the engine', () => {
  let server: TestServer;
  let refusedPort: number;
  beforeAll(async () => {
    server = await startTestServer();
    refusedPort = await closedPort();
  });
  afterAll(() => server.close());

  const PATHS = ['/ok', '/chain/1', '/loop/a', '/missing', '/gone', '/li', '/busy', '/to-authwall', '/hang'];

  function org(port: number) {
    const o = emptyOrg({ kind: 'folder', location: 'test' });
    o.records = [
      ...PATHS.map((p, i) => ({ object: 'Account', id: `AccountRef${i + 1}`, fields: { Name: `Site ${p}`, Website: `http://site.test:${port}${p}` } })),
      { object: 'Account', id: 'AccountRef99', fields: { Name: 'Refused', Website: `http://site.test:${refusedPort}/` } },
    ];
    return o;
  }
  const websiteRule = rule('links', { object: 'Account' }, { fields: [{ field: 'Website', https: false }] }, { id: 'websites', severity: 'error' });
  const resolver = fakeResolver({ 'site.test': '127.0.0.1', 'other.test': '127.0.0.1', 'linkedin.test': '127.0.0.1' });

  it('maps 200, redirect chains, loops, 404, 410, 999, 429, login walls, hangs and refused connections', async () => {
    const report = await audit(org(server.port), ruleset(websiteRule), {
      links: { options: { resolver, allowPrivateAddresses: true, timeoutMs: 300 } },
    });
    expect(report.findings.map((f) => [f.component, f.status, f.severity, f.message.replace(/^.* (is broken|could not be verified|was not checked): /, '$1: ')])).toEqual([
      ['Site /loop/a (AccountRef3)', 'fail', 'error', 'is broken: redirect loop'],
      ['Site /missing (AccountRef4)', 'fail', 'error', 'is broken: HTTP 404 not found'],
      ['Site /gone (AccountRef5)', 'fail', 'error', 'is broken: HTTP 410 gone'],
      ['Site /li (AccountRef6)', 'fail', 'warning', 'could not be verified: HTTP 999: site refuses automated checks'],
      ['Site /busy (AccountRef7)', 'fail', 'warning', 'could not be verified: HTTP 429: rate limited'],
      ['Site /to-authwall (AccountRef8)', 'fail', 'warning', 'could not be verified: redirected to a login page (linkedin.test:' + server.port + '/authwall)'],
      ['Site /hang (AccountRef9)', 'fail', 'warning', 'could not be verified: timed out after 0.3s'],
      ['Refused (AccountRef99)', 'fail', 'error', 'is broken: connection refused'],
    ]);
    expect(report.rules[0]).toMatchObject({ passed: 2, failed: 8 }); // /ok and the 301/302 chain
  });

  it('refuses private addresses unless allowed, per link (not checked: error)', async () => {
    const before = server.hits.length;
    const report = await audit(org(server.port), ruleset(websiteRule), { links: { options: { resolver, timeoutMs: 300 } } });
    expect(report.findings).toHaveLength(10);
    expect(report.findings.every((f) => f.status === 'error')).toBe(true);
    expect(report.findings[0]?.message).toBe(
      'Website (Website) of Account "Site /ok (AccountRef1)" was not checked: refused by address policy: site.test resolves to 127.0.0.1, which is loopback',
    );
    expect(server.hits.length).toBe(before);
  });

  it('says "not checked" once per rule when there is no network at all', async () => {
    const noDns = async () => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' });
    };
    const report = await audit(org(server.port), ruleset(websiteRule), { links: { options: { resolver: noDns } } });
    expect(report.findings.map((f) => [f.status, f.component, f.message])).toEqual([
      ['error', 'Account records', '10 well-formed links were not checked: no network: no host could be resolved'],
    ]);
    expect(report.notes).not.toContain(NO_NETWORK_NOTE);
  });
});
