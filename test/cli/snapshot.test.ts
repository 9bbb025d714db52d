// Must come before jsforce: it clears HTTP(S)_PROXY, which jsforce reads at load time.
import '../support/salesforce/no-proxy.js';
import { afterAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSalesforceEmulator, type SalesforceEmulator } from '../support/salesforce/index.js';
import { ORGS, REALWORLD } from '../support/audit-helpers.js';
import { runInProcess } from './run-org-helpers.js';
import { closedPortUrl } from '../support/unreachable.js';
import { fleetWithUnlabelledField } from '../sources/org/helpers.js';
import { readFolder } from '../../src/sources/folder/read-folder.js';
import type { Finding } from '../../src/report/finding.js';

const ACCESS_TOKEN = '00D000000000001!AQsnapshotToken77';

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(path.join(d, e.name));
      else out.push(path.relative(dir, path.join(d, e.name)).split(path.sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

/** What a finding says, without where it was read from or how to open it (a folder has no instance URL). */
const said = (findings: Finding[]) => findings.map(({ source: _s, url: _u, fix: _f, ...rest }) => rest);

describe('sfaudit snapshot --org --out <dir>', () => {
  const emulators: SalesforceEmulator[] = [];
  afterAll(() => Promise.all(emulators.map((e) => e.close())));
  const start = async (dir: string) => {
    const emulator = await startSalesforceEmulator({ orgDir: dir, accessTokens: [ACCESS_TOKEN] });
    emulators.push(emulator);
    return { SF_INSTANCE_URL: emulator.url, SF_ACCESS_TOKEN: ACCESS_TOKEN };
  };

  for (const dir of [path.join(ORGS, 'fleet'), path.join(ORGS, 'fleet-clean'), path.join(REALWORLD, 'pmmOrgDump'), path.join(REALWORLD, 'ebikes-lwc'), path.join(REALWORLD, 'lwc-recipes')]) {
    it(`${path.basename(dir)}: the snapshot audits exactly as the org does`, async () => {
      const env = await start(dir);
      const out = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-snap-'));
      const snap = await runInProcess(['snapshot', '--org', '--out', out], env);
      expect(snap.code).toBe(0);
      expect(snap.stdout).toBe('');
      expect(snap.stderr).toMatch(/^sfaudit: wrote \d+ components.* \(\d+ files\) from http:\/\/127\.0\.0\.1:\d+ to .* with \d+ API calls; org API usage today \d+\/15000\n$/);
      const live = await runInProcess(['run', '--org', '--no-network', '--format', 'json'], env);
      const offline = await runInProcess(['run', '--source', out, '--no-network', '--format', 'json'], {});
      const a = JSON.parse(live.stdout);
      const b = JSON.parse(offline.stdout);
      const hasRecords = (await files(out)).some((f) => f.startsWith('data/'));
      if (hasRecords) {
        expect(offline.code).toBe(live.code);
        expect(said(b.findings)).toEqual(said(a.findings));
        expect(b.rules).toEqual(a.rules);
      } else {
        // The org has no records for the data rules: an export cannot say "none", so the folder reports those
        // rules as not evaluated (never as passed). Every metadata rule audits the same.
        const data = new Set(['records', 'links']);
        const metadataIds = new Set(a.rules.filter((r: { kind: string }) => !data.has(r.kind)).map((r: { id: string }) => r.id));
        const metadata = (fs: Finding[]) => said(fs.filter((f) => metadataIds.has(f.ruleId)));
        expect(metadata(b.findings)).toEqual(metadata(a.findings));
        expect(b.rules.filter((r: { id: string }) => metadataIds.has(r.id))).toEqual(a.rules.filter((r: { id: string }) => metadataIds.has(r.id)));
        for (const r of b.rules.filter((r: { id: string }) => !metadataIds.has(r.id))) expect(r.status).not.toBe('pass');
      }
      // The snapshot is a clean source-format folder.
      expect((await readFolder(out)).org.problems).toEqual([]);
    });
  }

  it('writes source format as the Salesforce CLI does: a DX project, objects split into their children, records for data rules', async () => {
    const env = await start(path.join(ORGS, 'fleet'));
    const out = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-snap-'));
    expect((await runInProcess(['snapshot', '--org', '--out', out], env)).code).toBe(0);
    const written = await files(out);
    expect(written).toEqual(
      expect.arrayContaining([
        'sfdx-project.json',
        'force-app/main/default/layouts/Account-Account Layout.layout-meta.xml',
        'force-app/main/default/profiles/Standard.profile-meta.xml',
        'force-app/main/default/applications/Fleet_Sales.app-meta.xml',
        'force-app/main/default/flexipages/Account_Record_Page.flexipage-meta.xml',
        'force-app/main/default/objects/Account/Account.object-meta.xml',
        'force-app/main/default/objects/Account/listViews/Customers.listView-meta.xml',
        'force-app/main/default/objects/Account/webLinks/Invoices_Sent.webLink-meta.xml',
        'force-app/main/default/objects/Account/fields/LinkedIn_Company_URL__c.field-meta.xml',
        'data/Account.json',
        'data/Opportunity.json',
      ]),
    );
    // Only what the rules need: the Admin profile is not audited, Related_Contact__c is known by its labels only.
    expect(written.some((f) => f.includes('profiles/Admin'))).toBe(false);
    expect(await readFile(path.join(out, 'force-app/main/default/objects/Related_Contact__c/Related_Contact__c.object-meta.xml'), 'utf8')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Related Contact</label>\n    <pluralLabel>Related Contacts</pluralLabel>\n</CustomObject>\n',
    );
    const listView = await readFile(path.join(out, 'force-app/main/default/objects/Account/listViews/Customers.listView-meta.xml'), 'utf8');
    expect(listView).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<ListView xmlns="http:\/\/soap\.sforce\.com\/2006\/04\/metadata">\n    <fullName>Customers<\/fullName>\n/);
    const account = await readFile(path.join(out, 'force-app/main/default/objects/Account/Account.object-meta.xml'), 'utf8');
    expect(account).not.toMatch(/<fields>|<listViews>|<webLinks>/);
    const records = JSON.parse(await readFile(path.join(out, 'data/Opportunity.json'), 'utf8'));
    expect(records.records[0]).toMatchObject({ attributes: { type: 'Opportunity', referenceId: 'OpportunityRef1' }, Id: expect.stringMatching(/^006/) });
  });

  it('keeps what only describe knows: a standard field’s label is written into its file', async () => {
    const env = await start(await fleetWithUnlabelledField());
    const out = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-snap-'));
    const rules = path.join(out, '..', `${path.basename(out)}-won.yaml`);
    await writeFile(rules, 'name: won\nrules:\n  - { id: won, step: s, kind: fields-exist, target: { object: Opportunity }, expect: { fields: [Won] } }\n');
    expect((await runInProcess(['snapshot', '--org', '--out', out, '--rules', rules], env)).code).toBe(0);
    expect(await readFile(path.join(out, 'force-app/main/default/objects/Opportunity/fields/IsWon.field-meta.xml'), 'utf8')).toContain(
      '    <fullName>IsWon</fullName>\n    <label>Won</label>\n    <type>Checkbox</type>\n',
    );
    expect((await runInProcess(['run', '--org', '--rules', rules], env)).code).toBe(0);
    expect((await runInProcess(['run', '--source', out, '--rules', rules], {})).code).toBe(0);
  });

  it('--all writes every supported component of the org, and still audits the same', async () => {
    const env = await start(path.join(ORGS, 'fleet'));
    const out = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-snap-all-'));
    const snap = await runInProcess(['snapshot', '--org', '--all', '--out', out], env);
    expect(snap.code).toBe(0);
    const written = await files(out);
    const source = (await files(path.join(ORGS, 'fleet'))).filter((f) => /\.(layout|profile|app|flexipage|object|field|listView|compactLayout|webLink)-meta\.xml$/.test(f));
    for (const f of source) expect(written).toContain(f);
    const live = JSON.parse((await runInProcess(['run', '--org', '--no-network', '--format', 'json'], env)).stdout);
    const offline = JSON.parse((await runInProcess(['run', '--source', out, '--no-network', '--format', 'json'], {})).stdout);
    expect(said(offline.findings)).toEqual(said(live.findings));
  });

  it('refuses to mix a snapshot into a folder that holds something, unless --force; needs --org and --out', async () => {
    const env = await start(path.join(ORGS, 'fleet-clean'));
    const out = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-snap-'));
    await writeFile(path.join(out, 'README.md'), 'keep me');
    await mkdir(path.join(out, 'force-app/main/default/layouts'), { recursive: true });
    await writeFile(path.join(out, 'force-app/main/default/layouts/Stale-Stale Layout.layout-meta.xml'), '<Layout/>');
    const refused = await runInProcess(['snapshot', '--org', '--out', out], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is not empty: pick a new folder .* or add --force/);
    const forced = await runInProcess(['snapshot', '--org', '--out', out, '--force'], env);
    expect(forced.code).toBe(0);
    const written = await files(out);
    expect(written).toContain('README.md');
    expect(written.some((f) => f.includes('Stale'))).toBe(false);
    expect((await runInProcess(['snapshot', '--out', out], env)).stderr).toMatch(/snapshot reads an org: add --org/);
    expect((await runInProcess(['snapshot', '--org'], env)).stderr).toMatch(/--out <dir>/);
  });

  it('exit 3 when part of the org could not be read, naming what is missing from the snapshot', async () => {
    const emulator = await startSalesforceEmulator({ orgDir: path.join(ORGS, 'fleet'), accessTokens: [ACCESS_TOKEN] });
    emulators.push(emulator);
    emulator.faults.failNext(100, { faultCode: 'INSUFFICIENT_ACCESS' }, { method: 'listMetadata' });
    const out = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-snap-'));
    const r = await runInProcess(['snapshot', '--org', '--out', out], { SF_INSTANCE_URL: emulator.url, SF_ACCESS_TOKEN: ACCESS_TOKEN });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('sfaudit: not in the snapshot: Layout *: could not list Layout components in the org: INSUFFICIENT_ACCESS');
  });

  it('exit 6 and one line when the org cannot be reached, 5 when it refuses the session; nothing written', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-snap-'));
    const closed = await closedPortUrl();
    const quick = { SFAUDIT_MAX_ATTEMPTS: '2' };
    const unreachable = await runInProcess(['snapshot', '--org', '--out', out], { ...quick, SF_INSTANCE_URL: closed, SF_ACCESS_TOKEN: ACCESS_TOKEN });
    expect(unreachable).toEqual({ code: 6, stdout: '', stderr: `sfaudit: cannot reach ${closed} (connection refused): check SF_INSTANCE_URL and the network\n` });
    const env = await start(path.join(ORGS, 'fleet-clean'));
    const refused = await runInProcess(['snapshot', '--org', '--out', out], { ...quick, ...env, SF_ACCESS_TOKEN: '00D000000000001!AQrevokedSnap' });
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(/^sfaudit: Salesforce at http:\/\/127\.0\.0\.1:\d+ refused the session \(INVALID_SESSION_ID: .*\): check SF_ACCESS_TOKEN .*\n$/);
    expect(await readdir(out)).toEqual([]);
  });
});
