import type { Severity } from '../ruleset/types.js';
import type { SourceRef } from '../model/types.js';

/**
 * `fail`: a discrepancy (including a component or field that does not exist);
 * `error`: sfaudit could not look (unreadable file, API or permission failure);
 * `manual`: the step cannot be checked in Salesforce and needs a person.
 */
export type FindingStatus = 'fail' | 'error' | 'manual';

/** One item of a list the rule compares (fields of a section, components of a region ...), for side-by-side pictures. */
export interface ListItemView {
  label: string;
  /** `ok`, or what is wrong with this item. */
  mark: 'ok' | 'missing' | 'extra' | 'out-of-order';
}

export interface ListComparison {
  mode: string;
  expected: ListItemView[];
  actual: ListItemView[];
}

/** How a finding compares with the previous recorded run (see `src/history/changes.ts`). */
export type ChangeStatus = 'new' | 'persisting' | 'resolved';

/** A waiver as reports show it: who accepted the discrepancy, why, and until when. */
export interface WaiverInfo {
  rule: string;
  component?: string;
  reason: string;
  owner: string;
  /** Last day the waiver applies, `YYYY-MM-DD` (UTC). */
  expires: string;
  /** Where the waiver is written, `file:line`. */
  at?: string;
  /** For expired waivers: how many findings it would still cover. */
  matched?: number;
}

export interface Finding {
  ruleId: string;
  step: string;
  severity: Severity;
  status: FindingStatus;
  /** Metadata API type of the component, e.g. `Layout`, `ListView`, or `Rule` for rule-level problems. */
  metadataType: string;
  /** The component's name as people know it, e.g. `Account-Account Layout`, `Account.Customers`. */
  component: string;
  /** Where inside the component, e.g. `section "Accounting"`, `region "sidebar"`. */
  location?: string;
  expected?: string;
  actual?: string;
  message: string;
  fix?: string;
  /** Where the component lives in a metadata folder (for SARIF and editors). */
  source?: SourceRef;
  /** Link to the component in the org (e.g. the record's page), when the instance URL is known. */
  url?: string;
  comparison?: ListComparison;
  /** Set when the run is compared with a previous one (history); manual findings are never marked. */
  change?: ChangeStatus;
  /** ISO time of the first recorded run that had this finding. */
  firstSeen?: string;
  /** Set on findings in `Report.waived`: the waiver that accepted them. */
  waiver?: WaiverInfo;
}

/** A check either passes one (component, location) or produces a finding. */
export type Outcome = Finding | { status: 'pass'; metadataType: string; component: string; location?: string };
