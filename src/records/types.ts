import type { DataRecord } from '../model/types.js';

/**
 * Records behind data rules come from a `RecordSource`: the folder's `data/` export
 * (`folderRecordSource`) or a live org's REST query (`liveRecordSource`). Checks only
 * ever see this interface, so they never know where records came from.
 */

export type Literal = string | number | boolean | null | { date: string };

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/**
 * A parsed SOQL `WHERE` clause. `path` is a field reference split on dots:
 * `['Type']`, `['Account', 'Type']`; after `resolveCondition` every path holds API names.
 */
export type Condition =
  | { kind: 'and' | 'or'; operands: Condition[] }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; path: string[]; op: ComparisonOp; value: Literal }
  | { kind: 'like'; path: string[]; pattern: string }
  | { kind: 'in'; path: string[]; negated: boolean; values: Literal[] };

export interface RecordQuery {
  /** sObject API name, e.g. `Opportunity`. */
  object: string;
  /** Field API names to return, relationship paths allowed (`Account.Name`). `Id` is always returned. */
  fields: string[];
  /** Filter, with API names (see `resolveCondition`). */
  where?: Condition;
  /** Most records to return (the source stops there: `LIMIT` on a live org). */
  limit?: number;
}

/**
 * Where data rules read records from. `query` streams: an implementation holds at most
 * one page (live: one REST batch) at a time, so memory stays bounded whatever the org's size.
 *
 * Each yielded `DataRecord` has `object`, `id` (the record Id; for folder records without
 * one, the export's `referenceId`) and `fields` keyed by the requested paths (`Account.Name`
 * may also come nested as `{ Account: { Name } }`: read values with `fieldValue`).
 * Failures (bad field, API error, no records at all) throw `RecordSourceError`.
 */
export interface RecordSource {
  /** `folder` or `org`: wording of messages ("in the folder's data/" vs "in the org"). */
  readonly kind: 'folder' | 'org';
  query(query: RecordQuery): AsyncIterable<DataRecord>;
  /** Link to a record in Salesforce's UI, when the instance URL is known. */
  recordUrl?(record: DataRecord): string | undefined;
}

/** The source could not answer (unknown field, API failure, no records exported): the rule is an `error`. */
export class RecordSourceError extends Error {
  constructor(
    message: string,
    /** What the user can do about it. */
    readonly fix?: string,
    /**
     * The source holds no records by design (a metadata folder exported without `data/`):
     * the step needs a person or an export, which is a manual check, not a failure to read.
     */
    readonly notExported = false,
  ) {
    super(message);
    this.name = 'RecordSourceError';
  }
}
