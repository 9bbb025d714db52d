import { readdir } from 'node:fs/promises';
import path from 'node:path';
import {
  CHILD_TYPES,
  PARSED_ONLY_SUFFIXES,
  TOP_LEVEL_TYPES,
  type ChildType,
  type TopLevelType,
} from '../../model/metadata-types.js';

/** One metadata file found in a folder, and what it holds. */
export type MetadataFile =
  | { path: string; format: 'source' | 'mdapi'; type: TopLevelType | ChildType; fullName: string }
  | { path: string; format: 'source' | 'mdapi'; type: 'parsed-only'; fullName: string }
  | { path: string; format: 'data'; type: 'records'; fullName: string };

const SKIP_DIRS = new Set(['node_modules', '.git', '.sf', '.sfdx', '.github', '.vscode']);

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) yield* walk(full);
    } else if (entry.isFile()) {
      yield full;
    }
  }
}

function splitSuffix(base: string): { name: string; suffix: string } {
  const dot = base.lastIndexOf('.');
  return dot < 0 ? { name: base, suffix: '' } : { name: base.slice(0, dot), suffix: base.slice(dot + 1) };
}

/** Classifies a file by its path, the way the Salesforce CLI lays components out. */
export function classify(file: string): MetadataFile | undefined {
  const base = path.basename(file);
  const parent = path.basename(path.dirname(file));
  const grandparent = path.basename(path.dirname(path.dirname(file)));
  const greatGrandparent = path.basename(path.dirname(path.dirname(path.dirname(file))));

  if (base.endsWith('-meta.xml')) {
    const { name, suffix } = splitSuffix(base.slice(0, -'-meta.xml'.length));
    if (suffix === 'object' && grandparent === 'objects') {
      return { path: file, format: 'source', type: 'CustomObject', fullName: name };
    }
    const child = CHILD_TYPES.find((c) => c.suffix === suffix && c.key === parent);
    if (child && greatGrandparent === 'objects') {
      return { path: file, format: 'source', type: child.type, fullName: `${grandparent}.${name}` };
    }
    const top = TOP_LEVEL_TYPES.find((t) => t.suffix === suffix && t.type !== 'CustomObject');
    if (top) return { path: file, format: 'source', type: top.type, fullName: name };
    if (PARSED_ONLY_SUFFIXES.includes(suffix)) {
      return { path: file, format: 'source', type: 'parsed-only', fullName: name };
    }
    return undefined;
  }

  const { name, suffix } = splitSuffix(base);
  const top = TOP_LEVEL_TYPES.find((t) => t.suffix === suffix && t.dir === parent);
  if (top) return { path: file, format: 'mdapi', type: top.type, fullName: name };
  if (PARSED_ONLY_SUFFIXES.includes(suffix) && parent !== 'data') {
    return { path: file, format: 'mdapi', type: 'parsed-only', fullName: name };
  }
  if (suffix === 'json' && parent === 'data' && base !== 'plan.json' && !base.endsWith('-plan.json')) {
    return { path: file, format: 'data', type: 'records', fullName: name };
  }
  return undefined;
}

export async function scanFolder(root: string): Promise<MetadataFile[]> {
  const found: MetadataFile[] = [];
  for await (const file of walk(root)) {
    const classified = classify(file);
    if (classified) found.push(classified);
  }
  return found;
}
