import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CHILD_TYPES, TOP_LEVEL_TYPES, type TopLevelType } from '../../model/metadata-types.js';
import type { Raw } from '../../model/raw.js';
import type { OrgModel } from '../../model/types.js';
import type { Fetched } from '../org/fetched.js';
import { toMetadataXml } from './to-xml.js';

/** Where a snapshot puts metadata, as a Salesforce DX project does. */
export const SNAPSHOT_ROOT = path.join('force-app', 'main', 'default');

/**
 * Children nested in a CustomObject record that source format keeps in files of
 * their own: the four the model reads, and the others a retrieve also splits out
 * (kept so the snapshot is a faithful copy; the folder reader sets them aside).
 */
const OTHER_CHILDREN: ReadonlyArray<{ key: string; type: string; suffix: string }> = [
  { key: 'recordTypes', type: 'RecordType', suffix: 'recordType' },
  { key: 'validationRules', type: 'ValidationRule', suffix: 'validationRule' },
  { key: 'businessProcesses', type: 'BusinessProcess', suffix: 'businessProcess' },
  { key: 'fieldSets', type: 'FieldSet', suffix: 'fieldSet' },
  { key: 'sharingReasons', type: 'SharingReason', suffix: 'sharingReason' },
  { key: 'indexes', type: 'Index', suffix: 'index' },
];

const SPLIT_CHILDREN = [...CHILD_TYPES.map((c) => ({ key: c.key as string, type: c.type as string, suffix: c.suffix })), ...OTHER_CHILDREN];

export interface SnapshotFile {
  /** Relative to the snapshot folder, with `/`. */
  path: string;
  text: string;
}

/** A component name usable as a file name; Salesforce names never hold path separators, a hostile reply might. */
function safeName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[\\/\0]/.test(name);
}

function list(value: unknown): Raw[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is Raw => !!v && typeof v === 'object');
}

function sortedNames(byName: Map<string, Raw> | undefined): string[] {
  return [...(byName?.keys() ?? [])].sort();
}

/**
 * The files of a source-format folder holding what was fetched. Fields get the
 * labels (and types) the live model took from describe, so auditing the folder
 * gives what auditing the org gave; custom objects known only by their labels
 * (for tab names) get an object file with just those.
 */
export function snapshotFiles(fetched: Fetched, org: OrgModel): SnapshotFile[] {
  const files: SnapshotFile[] = [];
  const add = (parts: string[], root: string, raw: Raw) => files.push({ path: [...SNAPSHOT_ROOT.split(path.sep), ...parts].join('/'), text: toMetadataXml(root, raw) });

  for (const { type, dir, suffix } of TOP_LEVEL_TYPES) {
    if (type === 'CustomObject') continue;
    for (const name of sortedNames(fetched.components.get(type as TopLevelType))) {
      if (!safeName(name)) continue;
      const { fullName: _fullName, ...raw } = fetched.components.get(type as TopLevelType)!.get(name)!;
      add([dir, `${name}.${suffix}-meta.xml`], type, raw);
    }
  }

  const objects = fetched.components.get('CustomObject');
  for (const name of sortedNames(objects)) {
    if (!safeName(name)) continue;
    const { fullName: _fullName, ...raw } = objects!.get(name)!;
    const own: Raw = {};
    const split = new Map(SPLIT_CHILDREN.map((c) => [c.key, c]));
    for (const [key, value] of Object.entries(raw)) if (!split.has(key)) own[key] = value;
    add(['objects', name, `${name}.object-meta.xml`], 'CustomObject', own);
    for (const child of SPLIT_CHILDREN) {
      for (const record of list(raw[child.key])) {
        const childName = typeof record.fullName === 'string' ? record.fullName : '';
        if (!safeName(childName)) continue;
        const { fullName: _childFullName, ...rest } = record;
        const out: Raw = { fullName: childName, ...withModelLabels(child.key, rest, org.objects.get(name)?.fields.get(childName)) };
        add(['objects', name, child.key, `${childName}.${child.suffix}-meta.xml`], child.type, out);
      }
    }
  }

  for (const [name, labels] of [...fetched.objectLabels].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (objects?.has(name) || !safeName(name)) continue;
    add(['objects', name, `${name}.object-meta.xml`], 'CustomObject', { label: labels.label, pluralLabel: labels.pluralLabel });
  }
  return files;
}

function withModelLabels(key: string, raw: Raw, field: { label?: string; type?: string } | undefined): Raw {
  if (key !== 'fields' || !field) return raw;
  return {
    ...raw,
    ...(raw.label === undefined && field.label ? { label: field.label } : {}),
    ...(raw.type === undefined && field.type ? { type: field.type } : {}),
  };
}

const PROJECT = (apiVersion: string) =>
  `${JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], name: 'sfaudit-snapshot', sourceApiVersion: apiVersion }, null, 2)}\n`;

/** Writes the snapshot as a Salesforce DX project under `dir`; returns the files written (relative). */
export async function writeSnapshot(dir: string, fetched: Fetched, org: OrgModel, apiVersion: string): Promise<string[]> {
  const files = snapshotFiles(fetched, org);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'sfdx-project.json'), PROJECT(apiVersion));
  const dirs = new Set(files.map((f) => path.dirname(path.join(dir, f.path))));
  for (const d of dirs) await mkdir(d, { recursive: true });
  for (const f of files) await writeFile(path.join(dir, f.path), f.text);
  return ['sfdx-project.json', ...files.map((f) => f.path)];
}
