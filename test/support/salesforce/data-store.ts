/**
 * Records for SOQL queries, loaded from `<orgDir>/data/**.json` in the format of
 * `sf data export tree` (Salesforce CLI):
 *
 *   { "records": [ { "attributes": { "type": "Account", "referenceId": "AccountRef1" }, "Name": "Acme", ... } ] }
 *
 * Both export styles work: separate files whose lookups point at other records
 * as "@AccountRef1" (the --plan style), and child records nested under a
 * relationship name ({ "Contacts": { "records": [...] } }), which get a
 * `<ParentType>Id` lookup to their parent. Every record gets a stable 18-char
 * Id unless the file gives one.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { deterministicId } from './ids.js';
import { objectKeyPrefix } from './standard-labels.js';

export type FieldValue = string | number | boolean | null;

const PERSON_OBJECTS = new Set(['contact', 'lead']);

export interface DataRecord {
  type: string;
  id: string;
  /** Field values by API name, `Id` included. */
  fields: Record<string, FieldValue>;
}

interface RawRecord {
  attributes?: { type?: string; referenceId?: string };
  [field: string]: unknown;
}

export class DataStore {
  private readonly all: DataRecord[] = [];
  private readonly byIdMap = new Map<string, DataRecord>();
  private readonly referenceIds = new Map<string, string>();

  static async load(orgDir: string): Promise<DataStore> {
    const store = new DataStore();
    const dataDir = path.join(path.resolve(orgDir), 'data');
    for (const file of await jsonFiles(dataDir)) {
      const content = JSON.parse(await fs.readFile(file, 'utf8')) as { records?: unknown };
      // Plan files (*-plan.json) are arrays, not { records }: nothing to load from them.
      if (!Array.isArray(content.records)) continue;
      for (const raw of content.records as RawRecord[]) store.addRecord(raw, path.relative(dataDir, file));
    }
    store.resolveReferences();
    return store;
  }

  /** Records of an object, matched case-insensitively as SOQL does. */
  records(type: string): DataRecord[] {
    const wanted = type.toLowerCase();
    return this.all.filter((r) => r.type.toLowerCase() === wanted);
  }

  byId(id: string): DataRecord | undefined {
    return this.byIdMap.get(id);
  }

  /** Canonical spelling of every object that has records. */
  types(): string[] {
    return [...new Set(this.all.map((r) => r.type))];
  }

  /** Field names used by any record of the object. */
  fieldNames(type: string): string[] {
    const names = new Set<string>();
    for (const record of this.records(type)) for (const name of Object.keys(record.fields)) names.add(name);
    return [...names];
  }

  private addRecord(raw: RawRecord, source: string, parent?: { type: string; referenceId: string }): void {
    const type = raw.attributes?.type;
    if (!type) throw new Error(`record without attributes.type in data/${source}`);
    const referenceId = raw.attributes?.referenceId ?? `${type}Ref${this.all.length + 1}`;
    const fields: Record<string, FieldValue> = {};
    const children: RawRecord[] = [];
    for (const [name, value] of Object.entries(raw)) {
      if (name === 'attributes') continue;
      if (isChildList(value)) children.push(...(value.records as RawRecord[]));
      else fields[name] = toFieldValue(value);
    }
    // Nested export: the child's lookup to its parent is implied by the nesting.
    if (parent && !(`${parent.type}Id` in fields)) fields[`${parent.type}Id`] = `@${parent.referenceId}`;
    const id = typeof fields['Id'] === 'string' ? fields['Id'] : deterministicId(objectKeyPrefix(type), `${type}:${referenceId}`);
    // Person objects' Name is compound (Salesforce fills it from FirstName and LastName); exports carry only the parts.
    if (PERSON_OBJECTS.has(type.toLowerCase()) && fields['Name'] === undefined && (fields['FirstName'] || fields['LastName'])) {
      fields['Name'] = [fields['FirstName'], fields['LastName']].filter((p) => typeof p === 'string' && p !== '').join(' ');
    }
    const record: DataRecord = { type, id, fields: { Id: id, ...fields } };
    this.all.push(record);
    this.byIdMap.set(id, record);
    this.referenceIds.set(referenceId, id);
    for (const child of children) this.addRecord(child, source, { type, referenceId });
  }

  /** Turns "@AccountRef1" lookups into the referenced record's Id. */
  private resolveReferences(): void {
    for (const record of this.all) {
      for (const [name, value] of Object.entries(record.fields)) {
        if (typeof value === 'string' && value.startsWith('@')) {
          const id = this.referenceIds.get(value.slice(1));
          if (id) record.fields[name] = id;
        }
      }
    }
  }
}

function isChildList(value: unknown): value is { records: unknown[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { records?: unknown }).records);
}

function toFieldValue(value: unknown): FieldValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // Compound values (addresses) are kept as JSON text; the emulator does not query into them.
  return value === undefined ? null : JSON.stringify(value);
}

async function jsonFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
