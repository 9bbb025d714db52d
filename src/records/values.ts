import type { DataRecord } from '../model/types.js';

/** Objects whose `Name` is compound (FirstName LastName): an export has the parts only. */
const PERSON_OBJECTS = new Set(['contact', 'lead', 'user']);

function getCaseInsensitive(obj: Record<string, unknown>, key: string): unknown {
  if (key in obj) return obj[key];
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(obj)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/**
 * A field's value on a record, `null` when absent or empty (Salesforce stores empty text as null).
 * `path` may be a relationship path, read flat (`fields['Account.Name']`) or nested (`fields.Account.Name`).
 */
export function fieldValue(record: DataRecord, path: string): unknown {
  let value = getCaseInsensitive(record.fields, path);
  if (value === undefined && path.includes('.')) {
    let current: unknown = record.fields;
    for (const step of path.split('.')) {
      current = current && typeof current === 'object' ? getCaseInsensitive(current as Record<string, unknown>, step) : undefined;
    }
    value = current;
  }
  if (value === undefined && path.toLowerCase() === 'name' && PERSON_OBJECTS.has(record.object.toLowerCase())) {
    const parts = ['FirstName', 'LastName'].map((p) => getCaseInsensitive(record.fields, p)).filter((p) => typeof p === 'string' && p !== '');
    if (parts.length) value = parts.join(' ');
  }
  if (value === undefined || value === '') return null;
  return value;
}

/** How a value is shown in a finding: text as-is in quotes, `(empty)` for null. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '(empty)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `Acme expansion (0065g00000AbCdE)`; the Id alone when the record has no name. */
export function recordLabel(record: DataRecord, nameField = 'Name'): string {
  const name = fieldValue(record, nameField);
  const id = record.id ?? '(no Id)';
  return typeof name === 'string' || typeof name === 'number' ? `${name} (${id})` : id;
}

/** The record's page in Lightning Experience. */
export function lightningRecordUrl(instanceUrl: string, record: DataRecord): string | undefined {
  if (!record.id) return undefined;
  return `${instanceUrl.replace(/\/+$/, '')}/lightning/r/${encodeURIComponent(record.object)}/${encodeURIComponent(record.id)}/view`;
}
