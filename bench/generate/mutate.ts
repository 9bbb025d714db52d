/**
 * Changes a share (1% by default) of the generated org's components in place,
 * the way a day of admin work would: a related list dragged on or off a
 * layout, a list view re-scoped, a field relabelled... Some changes move
 * findings (Notes on a layout, an All view restricted), so a re-audit that
 * missed a change would show it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scanFolder, type MetadataFile } from '../../src/sources/folder/scan.js';
import { derive } from './random.js';
import { RITUAL_FIXTURE } from './index.js';

export interface Change {
  type: string;
  fullName: string;
  path: string;
  /** What was done, for the report. */
  what: string;
}

type Edit = (text: string, file: MetadataFile) => { text: string; what: string };

function replaceOnce(text: string, from: string | RegExp, to: string | ((m: string, ...g: string[]) => string)): string {
  const next = text.replace(from, to as never);
  if (next === text) throw new Error(`mutation found nothing to change (${from})`);
  return next;
}

const bump = (text: string, element: string, suffix = ' (revised)') =>
  replaceOnce(text, new RegExp(`<${element}>([^<]*)</${element}>`), (_m, v: string) => `<${element}>${v}${suffix}</${element}>`);

const EDITS: Record<string, Edit> = {
  Layout: (text) =>
    text.includes('<relatedList>RelatedNoteList</relatedList>')
      ? { text: replaceOnce(text, /\s*<relatedLists>\s*<relatedList>RelatedNoteList<\/relatedList>\s*<\/relatedLists>/, ''), what: 'Notes related list removed' }
      : {
          text: replaceOnce(text, /(\n {4}<showEmailCheckbox>)/, '\n    <relatedLists>\n        <relatedList>RelatedNoteList</relatedList>\n    </relatedLists>$1'),
          what: 'Notes related list added',
        },
  ListView: (text) =>
    text.includes('<filterScope>Everything</filterScope>')
      ? { text: replaceOnce(text, '<filterScope>Everything</filterScope>', '<filterScope>Mine</filterScope>'), what: 'scope Everything → Mine' }
      : { text: bump(text, 'label'), what: 'relabelled' },
  CustomField: (text) => ({ text: bump(text, 'label'), what: 'relabelled' }),
  CustomObject: (text) => ({ text: bump(text, 'description', ' Reviewed.'), what: 'description edited' }),
  CompactLayout: (text) => ({ text: replaceOnce(text, /\n {4}<fields>Name<\/fields>/, ''), what: 'Name dropped from the highlights' }),
  WebLink: (text) => ({ text: replaceOnce(text, '</url>', '&amp;source=audit</url>'), what: 'URL changed' }),
  Profile: (text) => ({ text: replaceOnce(text, /<visibility>(DefaultOn|DefaultOff|Hidden)<\/visibility>/, (_m, v: string) => `<visibility>${v === 'Hidden' ? 'DefaultOn' : 'Hidden'}</visibility>`), what: 'a tab visibility flipped' }),
  CustomApplication: (text) => ({ text: bump(text, 'description', ' Now with reports.'), what: 'description edited' }),
  FlexiPage: (text) => ({ text: bump(text, 'masterLabel'), what: 'relabelled' }),
};

/** Components only the generator made (the ritual's own components stay as in the fixture). */
async function generatedComponents(dir: string): Promise<MetadataFile[]> {
  const ritual = new Set((await scanFolder(RITUAL_FIXTURE)).map((f) => `${f.type}|${f.fullName}`));
  return (await scanFolder(path.resolve(dir))).filter((f) => f.type in EDITS && !ritual.has(`${f.type}|${f.fullName}`));
}

/**
 * Edits `share` of each modelled type's generated components (at least one of
 * each type), picked by `seed`. Returns what changed, sorted by type and name.
 */
export async function mutateOrg(dir: string, options: { seed?: number; share?: number } = {}): Promise<Change[]> {
  const share = options.share ?? 0.01;
  const random = derive(options.seed ?? 1, 'mutate');
  const byType = new Map<string, MetadataFile[]>();
  for (const f of await generatedComponents(dir)) byType.set(f.type, [...(byType.get(f.type) ?? []), f]);
  const changes: Change[] = [];
  for (const type of [...byType.keys()].sort()) {
    const files = byType.get(type) ?? [];
    for (const file of random.sample(files, Math.max(1, Math.round(files.length * share)))) {
      const before = readFileSync(file.path, 'utf8');
      const { text, what } = (EDITS[type] as Edit)(before, file);
      writeFileSync(file.path, text);
      changes.push({ type, fullName: file.fullName, path: file.path, what });
    }
  }
  return changes.sort((a, b) => (a.type === b.type ? (a.fullName < b.fullName ? -1 : 1) : a.type < b.type ? -1 : 1));
}
