import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { ORGS, RITUAL } from '../../support/audit-helpers.js';

/** Kinds that read records or the network: left out so that counts depend on metadata only. */
const DATA_KINDS = new Set(['links', 'records']);

export async function tempDir(prefix = 'sfaudit-history-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** The bundled ritual without its data rules, written to `dir`: the fixture orgs' 16 metadata discrepancies plus one manual step. */
export async function metadataRitual(dir: string, extra = ''): Promise<string> {
  const doc = parseDocument(await readFile(RITUAL, 'utf8'));
  const data = doc.toJS() as { rules: Array<{ kind: string }> };
  data.rules = data.rules.filter((r) => !DATA_KINDS.has(r.kind));
  const file = path.join(dir, 'ritual.yaml');
  await writeFile(file, stringify(data) + extra);
  return file;
}

async function edit(file: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`fixture edit did not apply to ${file}`);
  await writeFile(file, next);
}

/**
 * A third version of the org: `fleet` with one discrepancy fixed (the Notes
 * related list is gone from the Account layout) and one new one (the Contacts
 * tab is hidden from the Standard profile).
 */
export async function fleetNext(dir: string): Promise<string> {
  const org = path.join(dir, 'fleet-next');
  await cp(path.join(ORGS, 'fleet'), org, { recursive: true });
  const meta = path.join(org, 'force-app/main/default');
  await edit(path.join(meta, 'layouts/Account-Account Layout.layout-meta.xml'), /\s*<relatedLists>\s*<relatedList>RelatedNoteList<\/relatedList>\s*<\/relatedLists>/, '');
  await edit(
    path.join(meta, 'profiles/Standard.profile-meta.xml'),
    '<tab>standard-Contact</tab>\n        <visibility>DefaultOn</visibility>',
    '<tab>standard-Contact</tab>\n        <visibility>Hidden</visibility>',
  );
  return org;
}
