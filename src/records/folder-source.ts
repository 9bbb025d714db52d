import type { DataRecord } from '../model/types.js';
import { matches } from './evaluate.js';
import { RecordSourceError, type RecordQuery, type RecordSource } from './types.js';
import { conditionPaths } from './where.js';
import { fieldValue } from './values.js';

/**
 * Records of a folder's `data/` export (`sf data export tree`), queried like an org:
 * the same WHERE semantics, relationship paths followed through lookups (`Account.Type`
 * on a contact reads its account), and a limit. Lookups must already hold record ids
 * (the folder reader resolves the export's `@AccountRef1` references).
 */

const EXPORT_FIX = 'Export the records next to the metadata: sf data export tree --query "SELECT ... FROM <Object>" --plan --output-dir data';

/** `Account` is read through `AccountId`, `Partner__r` through `Partner__c`. */
function lookupField(relationship: string): string {
  return /__r$/i.test(relationship) ? `${relationship.slice(0, -3)}__c` : `${relationship}Id`;
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function folderRecordSource(records: DataRecord[]): RecordSource {
  const byId = new Map<string, DataRecord>();
  for (const r of records) if (r.id) byId.set(r.id, r);

  const read = (record: DataRecord, path: string[]): unknown => {
    let current: DataRecord | undefined = record;
    for (let i = 0; i < path.length - 1; i++) {
      const id: unknown = current ? fieldValue(current, lookupField(path[i]!)) : null;
      current = typeof id === 'string' ? byId.get(id) : undefined;
      if (!current) return null;
    }
    return fieldValue(current!, path[path.length - 1]!);
  };

  /** A filter on a field no exported record has would silently select nothing: refuse it instead. */
  const checkFilterFields = (object: string, ofObject: DataRecord[], query: RecordQuery): void => {
    if (!query.where || ofObject.length === 0) return;
    for (const path of conditionPaths(query.where)) {
      const field = path.length > 1 ? lookupField(path[0]!) : path[0]!;
      if (sameName(field, 'Id')) continue;
      if (ofObject.some((r) => fieldValue(r, field) !== null)) continue;
      throw new RecordSourceError(
        `the filter uses ${path.join('.')}, but no ${object} record in the folder's data/ has a value for ${field}`,
        `Include ${field} in the export (${EXPORT_FIX}), or filter on a field the records have.`,
      );
    }
  };

  return {
    kind: 'folder',
    async *query(query: RecordQuery) {
      if (records.length === 0) {
        throw new RecordSourceError('the folder has no records (no data/ folder in sf data export tree format)', EXPORT_FIX, true);
      }
      const ofObject = records.filter((r) => sameName(r.object, query.object));
      checkFilterFields(query.object, ofObject, query);
      const limit = query.limit ?? Infinity;
      let count = 0;
      for (const record of ofObject) {
        if (count >= limit) return;
        if (query.where && !matches(query.where, (path) => read(record, path))) continue;
        count++;
        const fields: Record<string, unknown> = { ...record.fields, Id: record.id ?? null };
        for (const path of query.fields) if (path.includes('.')) fields[path] = read(record, path.split('.'));
        yield { object: record.object, id: record.id, fields, source: record.source };
      }
    },
  };
}
