import type { DataRecord } from '../../model/types.js';

/**
 * Reads a `sf data export tree` file: `{ "records": [ { "attributes": { "type", "referenceId" }, ...fields } ] }`.
 * Nested child relationships (`"Contacts": { "records": [...] }`) are flattened into records of their own.
 */
export function readRecordsFile(text: string, file: string): DataRecord[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`invalid JSON: ${(e as Error).message}`);
  }
  const records = (doc as { records?: unknown }).records;
  if (!Array.isArray(records)) throw new Error('expected an object with a "records" array (sf data export tree format)');
  const out: DataRecord[] = [];
  const visit = (list: unknown[], parentRef?: { field: string; id: string }) => {
    for (const item of list) {
      if (!item || typeof item !== 'object') continue;
      const { attributes, ...rest } = item as Record<string, unknown> & { attributes?: { type?: string; referenceId?: string } };
      const fields: Record<string, unknown> = {};
      const children: Array<[string, unknown[]]> = [];
      for (const [key, value] of Object.entries(rest)) {
        const nested = value && typeof value === 'object' && Array.isArray((value as { records?: unknown }).records);
        if (nested) children.push([key, (value as { records: unknown[] }).records]);
        else fields[key] = value;
      }
      const id = typeof fields.Id === 'string' ? fields.Id : attributes?.referenceId;
      if (parentRef) fields[parentRef.field] ??= `@${parentRef.id}`;
      out.push({ object: attributes?.type ?? 'Unknown', id, fields, source: { file } });
      for (const [, childRecords] of children) {
        // A nested list's lookup to its parent is not named in the export; keep the parent reference for links.
        visit(childRecords, id ? { field: '_parent', id } : undefined);
      }
    }
  };
  visit(records);
  return out;
}
