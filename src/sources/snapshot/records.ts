import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DataRecord } from '../../model/types.js';
import type { RecordQuery, RecordSource } from '../../records/types.js';
import { conditionPaths } from '../../records/where.js';

/**
 * A record source that remembers every record the data rules read through it,
 * so a snapshot can hold exactly those records. Records met by several queries
 * are merged by Id (the union of the fields asked for).
 */
export interface RecordingSource extends RecordSource {
  /** Object → records, in the order first met. */
  readonly recorded: Map<string, Map<string, Record<string, unknown>>>;
}

export function recordingSource(inner: RecordSource): RecordingSource {
  const recorded = new Map<string, Map<string, Record<string, unknown>>>();
  return {
    kind: inner.kind,
    recorded,
    ...(inner.recordUrl ? { recordUrl: (r: DataRecord) => inner.recordUrl!(r) } : {}),
    async *query(query: RecordQuery) {
      let byId = recorded.get(query.object);
      if (!byId) recorded.set(query.object, (byId = new Map()));
      // The fields the filter reads are kept too, so the folder can apply the same filter to the records.
      const filterFields = query.where ? conditionPaths(query.where).map((p) => p.join('.')) : [];
      const fields = [...new Set([...query.fields, ...filterFields])];
      for await (const record of inner.query({ ...query, fields })) {
        const key = record.id ?? `#${byId.size}`;
        byId.set(key, { ...byId.get(key), ...record.fields });
        yield record;
      }
    },
  };
}

/**
 * Writes the recorded records as `data/<Object>.json` in `sf data export tree`
 * format (each record keeps its `Id`, so findings name the same records), which
 * the folder reader loads for data rules.
 */
export async function writeRecords(dir: string, recording: RecordingSource): Promise<string[]> {
  const written: string[] = [];
  for (const [object, byId] of [...recording.recorded].sort(([a], [b]) => (a < b ? -1 : 1))) {
    // No file for no records: an empty export would read as "nothing exported" anyway.
    if (byId.size === 0 || !/^[A-Za-z][A-Za-z0-9_]*$/.test(object)) continue;
    const records = [...byId.values()].map((fields, i) => ({ attributes: { type: object, referenceId: `${object}Ref${i + 1}` }, ...fields }));
    const file = path.join('data', `${object}.json`);
    await mkdir(path.join(dir, 'data'), { recursive: true });
    await writeFile(path.join(dir, file), `${JSON.stringify({ records }, null, 2)}\n`);
    written.push(file.split(path.sep).join('/'));
  }
  return written;
}
