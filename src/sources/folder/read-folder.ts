import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { emptyOrg, type OrgModel } from '../../model/types.js';
import { ingest } from '../../model/ingest.js';
import { xmlLocator } from '../../model/locate.js';
import { parseMetadataXml, XmlError, type ParsedMetadata } from './xml.js';
import { scanFolder, type MetadataFile } from './scan.js';
import { selectFiles } from './select.js';
import type { Need } from '../../checks/kind.js';
import { readRecordsFile, resolveRecordReferences } from './records.js';

export interface ReadFolderOptions {
  /** Read only the files holding what these need (see `selectFiles`); default: every file. */
  needs?: Need[];
}

export interface FolderReadStats {
  files: number;
  parsedOnly: number;
}

export class SourceNotFoundError extends Error {}

/** Root element each modelled type must have: a file with another root is reported, not guessed at. */
const ROOT_OF: Record<string, string> = {
  Layout: 'Layout',
  Profile: 'Profile',
  CustomApplication: 'CustomApplication',
  FlexiPage: 'FlexiPage',
  CustomObject: 'CustomObject',
  CustomField: 'CustomField',
  ListView: 'ListView',
  CompactLayout: 'CompactLayout',
  WebLink: 'WebLink',
};

/**
 * Reads a retrieved metadata folder (DX source format or Metadata API format, or
 * a mix) into the org model. A file that cannot be read becomes a load problem
 * attached to its component, so rules that need it report `error`.
 */
export async function readFolder(
  dir: string,
  options: ReadFolderOptions = {},
): Promise<{ org: OrgModel; stats: FolderReadStats }> {
  const root = path.resolve(dir);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new SourceNotFoundError(`metadata folder not found: ${dir}`);

  const org = emptyOrg({ kind: 'folder', location: dir });
  const scanned = await scanFolder(root);
  const files = options.needs ? selectFiles(options.needs, scanned) : scanned;
  const limit = pLimit(16);
  const parsed = await Promise.all(files.map((f) => limit(() => load(f, root))));
  const stats: FolderReadStats = { files: files.length, parsedOnly: 0 };

  // Objects first, so that children in their own files merge into them in a stable order.
  const ordered = parsed.slice().sort((a, b) => rank(a.file) - rank(b.file));
  for (const entry of ordered) {
    const { file } = entry;
    const rel = path.relative(process.cwd(), file.path) || file.path;
    if ('error' in entry) {
      org.problems.push({
        metadataType: file.type === 'parsed-only' ? undefined : file.type === 'records' ? 'Record' : file.type,
        component: file.type === 'records' ? '*' : file.fullName,
        file: rel,
        message: entry.error,
      });
      continue;
    }
    if (file.type === 'parsed-only') {
      stats.parsedOnly++;
      continue;
    }
    if (file.type === 'records') {
      try {
        for (const record of readRecordsFile(entry.text, rel)) org.records.push(record);
      } catch (e) {
        // Which object the file held is unknown: every data rule is blocked ('*').
        org.problems.push({ metadataType: 'Record', component: '*', file: rel, message: (e as Error).message });
      }
      continue;
    }
    const { root: rootElement, raw } = entry.parsed!;
    if (rootElement !== ROOT_OF[file.type]) {
      org.problems.push({
        metadataType: file.type,
        component: file.fullName,
        file: rel,
        message: `expected a <${ROOT_OF[file.type]}> root element, found <${rootElement}>`,
      });
      continue;
    }
    ingest(org, file.type, file.fullName, raw, { file: rel, line: 2 }, xmlLocator(entry.text));
  }
  resolveRecordReferences(org.records);
  return { org, stats };
}

function rank(file: MetadataFile): number {
  return file.type === 'CustomObject' ? 0 : 1;
}

type Loaded = { file: MetadataFile; text: string; parsed?: ParsedMetadata } | { file: MetadataFile; error: string };

async function load(file: MetadataFile, root: string): Promise<Loaded> {
  let text: string;
  try {
    text = await readFile(file.path, 'utf8');
  } catch (e) {
    return { file, error: `cannot read ${path.relative(root, file.path)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  if (file.type === 'records') return { file, text };
  try {
    return { file, text, parsed: parseMetadataXml(text) };
  } catch (e) {
    const where = e instanceof XmlError && e.line ? ` (line ${e.line}, column ${e.column})` : '';
    return { file, error: `malformed XML${where}: ${(e as Error).message}` };
  }
}
