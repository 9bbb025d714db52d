import type { Connection } from 'jsforce';
import type { DataRecord } from '../model/types.js';
import { RecordSourceError, type RecordQuery, type RecordSource } from './types.js';
import { lightningRecordUrl } from './values.js';
import { toSoql } from './where.js';

/**
 * Records of a live org through the REST query API. Pages are fetched one at a time
 * as the caller iterates (following `nextRecordsUrl`), so a rule over a large object
 * holds one batch (Salesforce: up to 2,000 records) in memory, never the whole result.
 */

export interface LiveRecordSourceOptions {
  /**
   * Every REST request (first page, each next page) goes through this: a live read passes its bound on
   * calls in flight, its API budget and its counters. Default: sent at once.
   */
  send?: <T>(kind: 'query' | 'queryMore', request: () => Promise<T>) => Promise<T>;
}

const SOQL_NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** The SOQL a query runs: only the fields needed, `Id` always. */
export function buildSoql(query: RecordQuery): string {
  const fields = new Map<string, string>([['id', 'Id']]);
  for (const f of query.fields) if (!fields.has(f.toLowerCase())) fields.set(f.toLowerCase(), f);
  for (const name of [query.object, ...fields.values()]) {
    // Names reach SOQL unquoted: anything but an API name (path) is refused, never interpolated.
    if (!SOQL_NAME.test(name)) throw new RecordSourceError(`"${name}" is not an API name that can be queried`);
  }
  const where = query.where ? ` WHERE ${toSoql(query.where)}` : '';
  const limit = query.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(query.limit))}` : '';
  return `SELECT ${[...fields.values()].join(', ')} FROM ${query.object}${where}${limit}`;
}

/** Drops the REST `attributes` (also inside relationship values); keeps nested parents as objects. */
function plain(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== 'attributes') out[k] = plain(v);
  return out;
}

function toRecord(object: string, raw: Record<string, unknown>): DataRecord {
  const fields = plain(raw) as Record<string, unknown>;
  const type = (raw.attributes as { type?: string } | undefined)?.type ?? object;
  return { object: type, id: typeof fields.Id === 'string' ? fields.Id : undefined, fields };
}

interface Page {
  records: Array<Record<string, unknown>>;
  done: boolean;
  nextRecordsUrl?: string;
}

function queryFailure(error: unknown, object: string): RecordSourceError {
  const e = error as { errorCode?: string; name?: string; message?: string };
  const code = e.errorCode ?? e.name;
  const text = (e.message ?? String(error)).trim();
  return new RecordSourceError(
    `the org refused the query of ${object} records${code && code !== 'Error' ? ` (${code})` : ''}: ${text}`,
    code === 'INVALID_FIELD' || code === 'INVALID_TYPE'
      ? 'Check the field and object names in the rule (and that the user may read them).'
      : 'Check the connection and the user’s permissions, then run the audit again.',
  );
}

export interface LiveRecordSource extends RecordSource {
  /**
   * Sends a query for its first page now, before the audit asks (a live read knows a data rule's query
   * once the rule's objects are read). The first `query` with the same SOQL takes that page instead of
   * asking again; a query asked for in other terms asks again, so a guess that was wrong costs a call,
   * never a finding.
   */
  prefetch(query: RecordQuery): void;
}

export function liveRecordSource(conn: Connection, options: LiveRecordSourceOptions = {}): LiveRecordSource {
  const send = options.send ?? ((_kind, request) => request());
  const sent = new Map<string, Promise<Page>>();
  const firstPage = (soql: string): Promise<Page> => send('query', async () => (await conn.query(soql)) as unknown as Page);
  return {
    kind: 'org',
    prefetch(query) {
      let soql: string;
      try {
        soql = buildSoql(query);
      } catch {
        return; // not a query that can be sent: the audit's own attempt says why
      }
      if (sent.has(soql)) return;
      const page = firstPage(soql);
      // Taken (and its failure reported) when the audit asks; a page no rule asks for must not crash the run.
      page.catch(() => undefined);
      sent.set(soql, page);
    },
    async *query(query: RecordQuery) {
      const soql = buildSoql(query);
      const early = sent.get(soql);
      sent.delete(soql);
      let page: Page;
      try {
        page = await (early ?? firstPage(soql));
      } catch (error) {
        throw queryFailure(error, query.object);
      }
      for (;;) {
        for (const raw of page.records ?? []) yield toRecord(query.object, raw);
        if (page.done || !page.nextRecordsUrl) return;
        const next = page.nextRecordsUrl;
        try {
          page = await send('queryMore', async () => (await conn.queryMore(next)) as unknown as Page);
        } catch (error) {
          throw queryFailure(error, query.object);
        }
      }
    },
    recordUrl(record) {
      return conn.instanceUrl ? lightningRecordUrl(conn.instanceUrl, record) : undefined;
    },
  };
}
