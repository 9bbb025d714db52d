// Must come before jsforce: it clears HTTP(S)_PROXY, which jsforce reads at load time.
import '../../support/salesforce/no-proxy.js';
import { startSalesforceEmulator, type EmulatorOptions, type SalesforceEmulator } from '../../support/salesforce/index.js';
import { planNeeds } from '../../../src/engine/needs.js';
import { audit } from '../../../src/engine/audit.js';
import { auditWhileReading } from '../../../src/engine/while-reading.js';
import { readLiveOrg, type LiveRead, type LiveReadOptions } from '../../../src/sources/org/live.js';
import type { Finding } from '../../../src/report/finding.js';
import type { Report } from '../../../src/report/report.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { NOW, ORGS, rulesFromYaml } from '../../support/audit-helpers.js';
import { afterAll, beforeAll } from 'vitest';

export { rulesFromYaml };
import { liveRecordSource } from '../../../src/records/live-source.js';
import { readFolder } from '../../../src/sources/folder/read-folder.js';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A session id the emulator honours, shaped like Salesforce's (jsforce refuses JWT-shaped ones for SOAP). */
export const ACCESS_TOKEN = '00D000000000001!AQsecretAccessToken42';

export function startOrg(orgDir: string, extra: Partial<EmulatorOptions> = {}): Promise<SalesforceEmulator> {
  return startSalesforceEmulator({ orgDir, accessTokens: [ACCESS_TOKEN], ...extra });
}

/** The fleet org served to the tests of the describe block this is called in: started before them (given to `use`), closed after. */
export function serveFleet(use: (emulator: SalesforceEmulator) => void): void {
  let started: SalesforceEmulator | undefined;
  beforeAll(async () => use((started = await startOrg(path.join(ORGS, 'fleet')))));
  afterAll(() => started?.close());
}

export function tokenEnv(emulator: SalesforceEmulator, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { SF_INSTANCE_URL: emulator.url, SF_ACCESS_TOKEN: ACCESS_TOKEN, ...extra };
}

/** Fast retries: the emulator's faults are instant, so back-off only needs to exist. */
export const FAST = { retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 5_000 };

export async function liveAudit(
  emulator: SalesforceEmulator,
  ruleset: Ruleset,
  options: Partial<LiveReadOptions> = {},
): Promise<{ report: Report; read: LiveRead }> {
  const read = await readLiveOrg(planNeeds(ruleset.rules), { env: tokenEnv(emulator), policy: FAST, ...options });
  const records = liveRecordSource(read.connection.conn);
  return { report: await audit(read.org, ruleset, { now: NOW, stats: read.stats, records, links: { network: false } }), read };
}

/**
 * `liveAudit` with a cache, as `run --org --cache` reads and audits (src/cli/live-org.ts orgSource, run.ts): rules
 * that keep the last run's findings, the rest checked ahead or by the audit, this run's findings kept for the next.
 */
export async function keptAudit(
  emulator: SalesforceEmulator,
  ruleset: Ruleset,
  cacheDir: string,
): Promise<{ report: Report; read: LiveRead; kept: number }> {
  const meanwhile = auditWhileReading(Promise.resolve(ruleset.rules), { keep: true });
  const read = await readLiveOrg(planNeeds(ruleset.rules), { env: tokenEnv(emulator), policy: FAST, cacheDir, ...meanwhile.reading });
  const report = await audit(read.org, ruleset, { now: NOW, stats: read.stats, records: read.records, links: { network: false }, ...meanwhile.forAudit() });
  return { report, read, kept: meanwhile.kept!.hits().size };
}

/** The folder audit with the same options as `liveAudit` (links not checked over the network). */
export async function folderAudit(dir: string, ruleset: Ruleset): Promise<Report> {
  const { org } = await readFolder(dir);
  return audit(org, ruleset, { now: NOW, links: { network: false } });
}

/** Findings without where they were read from (file and line exist only for folders). */
export function comparable(findings: Finding[]): Array<Omit<Finding, 'source'>> {
  return findings.map(({ source: _source, ...rest }) => rest);
}

/** Loads a ruleset written inline (a temp file, so positions and validation work as for users). */

/** A copy of the fleet org in a temporary folder, for a test that edits its files. */
export async function copyOfFleet(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await cp(path.join(ORGS, 'fleet'), dir, { recursive: true });
  return dir;
}

/**
 * A copy of the fleet org whose Opportunity has a standard field the built-in label table does not know
 * (IsWon, shown as "Won"), as a retrieve writes it: no label. Only describe can name it.
 */
export async function fleetWithUnlabelledField(): Promise<string> {
  const dir = await copyOfFleet('sfaudit-fleet-iswon-');
  await writeFile(
    path.join(dir, 'force-app/main/default/objects/Opportunity/fields/IsWon.field-meta.xml'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>IsWon</fullName>\n</CustomField>\n',
  );
  return dir;
}
