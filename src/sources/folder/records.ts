import type { DataRecord } from '../../model/types.js';

/** The export's referenceId of records that also have an exported Id (references name the referenceId). */
const referenceIds = new WeakMap<DataRecord, string>();

/** 1-based line of each `"referenceId": "..."` in the file, so findings can point at the record. */
function referenceLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const re = /"referenceId"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
  let line = 1;
  let last = 0;
  for (const m of text.matchAll(re)) {
    for (let i = last; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    last = m.index;
    if (!lines.has(m[1]!)) lines.set(m[1]!, line);
  }
  return lines;
}

/**
 * Reads a `sf data export tree` file: `{ "records": [ { "attributes": { "type", "referenceId" }, ...fields } ] }`.
 * Nested child relationships (`"Contacts": { "records": [...] }`) are flattened into records of their own,
 * with a `<ParentType>Id` lookup to their parent (what the nesting implies, as `sf data import tree` does).
 * A record's `id` is its `Id` when exported, else its `referenceId`.
 */
export function readRecordsFile(text: string, file: string): DataRecord[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`invalid JSON: ${(e as Error).message}`);
  }
  const records = (doc as { records?: unknown } | null)?.records;
  if (!Array.isArray(records)) throw new Error('expected an object with a "records" array (sf data export tree format)');
  const lines = referenceLines(text);
  const out: DataRecord[] = [];
  const visit = (list: unknown[], parent?: { type: string; id: string }) => {
    for (const item of list) {
      if (!item || typeof item !== 'object') continue;
      const { attributes, ...rest } = item as Record<string, unknown> & { attributes?: { type?: string; referenceId?: string } };
      const fields: Record<string, unknown> = {};
      const children: unknown[][] = [];
      for (const [key, value] of Object.entries(rest)) {
        const nested = value && typeof value === 'object' && Array.isArray((value as { records?: unknown }).records);
        if (nested) children.push((value as { records: unknown[] }).records);
        else fields[key] = value;
      }
      const type = attributes?.type ?? 'Unknown';
      const id = typeof fields.Id === 'string' ? fields.Id : attributes?.referenceId;
      if (parent) fields[`${parent.type}Id`] ??= `@${parent.id}`;
      const line = attributes?.referenceId ? lines.get(attributes.referenceId) : undefined;
      const record: DataRecord = { object: type, id, fields, source: line ? { file, line } : { file } };
      if (attributes?.referenceId && attributes.referenceId !== id) referenceIds.set(record, attributes.referenceId);
      out.push(record);
      for (const childRecords of children) visit(childRecords, id ? { type, id } : undefined);
    }
  };
  visit(records);
  return out;
}

/**
 * Turns the export's `@AccountRef1` lookups into the referenced record's id, across files
 * (the --plan style keeps each object in its own file). Unknown references stay as written.
 */
export function resolveRecordReferences(records: DataRecord[]): void {
  const byRef = new Map<string, string>();
  for (const r of records) if (r.id) byRef.set(r.id, r.id);
  for (const r of records) {
    const ref = referenceIds.get(r);
    if (ref && r.id) byRef.set(ref, r.id);
  }
  for (const record of records) {
    for (const [name, value] of Object.entries(record.fields)) {
      if (typeof value !== 'string' || !value.startsWith('@')) continue;
      const id = byRef.get(value.slice(1));
      if (id) record.fields[name] = id;
    }
  }
}
