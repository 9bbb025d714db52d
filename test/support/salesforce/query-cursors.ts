/**
 * Server-side query cursors: a query's records are cut into batches and the
 * rest is fetched through `nextRecordsUrl`, `/services/data/v<v>/query/<locator>-<offset>`,
 * the format Salesforce uses (`01gD0000002HU6KIAW-2000`). jsforce takes the last
 * path segment of nextRecordsUrl as the locator.
 */
import { deterministicId } from './ids.js';
import type { ResultRecord } from './query-engine.js';

export interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: ResultRecord[];
}

export class QueryCursors {
  private readonly cursors = new Map<string, ResultRecord[]>();
  private issued = 0;

  constructor(private readonly batchSize: number) {}

  firstPage(records: ResultRecord[], totalSize: number, version: string): QueryPage {
    if (records.length <= this.batchSize) return { totalSize, done: true, records };
    const cursorId = deterministicId('01g', `cursor:${++this.issued}`);
    this.cursors.set(cursorId, records);
    return this.page(cursorId, 0, version);
  }

  /** The batch at `locator`, or undefined for an unknown or malformed locator. */
  nextPage(locator: string, version: string): QueryPage | undefined {
    const match = /^(\w{18})-(\d+)$/.exec(locator);
    if (!match?.[1] || !this.cursors.has(match[1])) return undefined;
    return this.page(match[1], Number(match[2]), version);
  }

  private page(cursorId: string, offset: number, version: string): QueryPage {
    const records = this.cursors.get(cursorId) ?? [];
    const end = offset + this.batchSize;
    const done = end >= records.length;
    return {
      totalSize: records.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${cursorId}-${end}` }),
      records: records.slice(offset, end),
    };
  }
}
