import { fieldResolver } from '../checks/fields.js';
import type { CheckContext } from '../checks/kind.js';
import { linkService, type LinkCheckSetup } from '../checks/link-service.js';
import type { OrgModel } from '../model/types.js';
import { folderRecordSource } from '../records/folder-source.js';
import { RecordSourceError, type RecordSource } from '../records/types.js';

/** The audit options data rules read (records, link checks, caps). */
export interface DataRuleOptions {
  /** Where data rules read records; default: the records the folder reader found in `data/`. */
  records?: RecordSource;
  /** Live link checks of `links` rules: network on/off, timeouts, resolver ... */
  links?: LinkCheckSetup;
  /** Default cap on records per data rule (a rule's `target.maxRecords` overrides it). Default 10,000. */
  maxRecords?: number;
}

/** A live org audited without a record source: data rules say so instead of reading nothing. */
const noRecords: RecordSource = {
  kind: 'org',
  async *query() {
    throw new RecordSourceError('records were not read from this org (no record source was given to the audit)');
  },
};

/** Everything a check may use during one run; notes and counters land in the report. */
export function checkContext(
  org: OrgModel,
  options: DataRuleOptions,
  notes: Set<string>,
  counters: Record<string, number>,
): CheckContext {
  return {
    org,
    fields: fieldResolver(org),
    records: options.records ?? (org.origin.kind === 'folder' ? folderRecordSource(org.records) : noRecords),
    links: linkService(options.links),
    maxRecords: options.maxRecords,
    note: (text) => notes.add(text),
    count: (name, n = 1) => {
      counters[name] = (counters[name] ?? 0) + n;
    },
  };
}
