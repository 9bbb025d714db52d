import type { DataRecord } from '../model/types.js';
import type { Finding, Outcome } from '../report/finding.js';
import type { Rule, Severity } from '../ruleset/types.js';
import type { ResolvedField, Selection } from '../records/select.js';
import { RecordSourceError, type RecordSource } from '../records/types.js';
import { recordLabel } from '../records/values.js';
import { finding, pass } from './outcome.js';

/**
 * Findings of data rules (`records`, `links`): they name the record (name and Id, with a
 * link to it in the org when the instance URL is known) and the field, and say what was
 * expected and what the record holds.
 */

export interface RecordRef {
  object: string;
  label: string;
  url?: string;
  source?: DataRecord['source'];
}

export function recordRef(record: DataRecord, selection: Selection, source: RecordSource): RecordRef {
  return {
    object: record.object,
    label: recordLabel(record, selection.nameField),
    url: source.recordUrl?.(record),
    source: record.source,
  };
}

export function fieldLocation(field: ResolvedField): string {
  return `field ${field.display}`;
}

/** How the record reads in a sentence: `Opportunity "Acme expansion (006...)"`. */
export function recordPhrase(ref: RecordRef): string {
  return `${ref.object} "${ref.label}"`;
}

export function recordFinding(
  rule: Rule<any, any>,
  ref: RecordRef,
  field: ResolvedField,
  body: { expected: string; actual: string; message: string; fix: string; status?: Finding['status']; severity?: Severity },
): Finding {
  const { severity, ...rest } = body;
  const f = finding(rule, {
    metadataType: ref.object,
    component: ref.label,
    location: fieldLocation(field),
    ...rest,
    ...(ref.url ? { url: ref.url } : {}),
    ...(ref.source ? { source: ref.source } : {}),
  });
  return severity ? { ...f, severity } : f;
}

export function recordPass(ref: RecordRef, field: ResolvedField): Outcome {
  return pass(ref.object, ref.label, fieldLocation(field));
}

/** Where to change a record, said the way a user finds it. */
export function editFix(ref: RecordRef, field: ResolvedField, what: string): string {
  return `${ref.url ? `Open ${ref.url}` : `Open ${recordPhrase(ref)} in Salesforce`} and edit ${field.display}: ${what}.`;
}

/**
 * Checked fields the org lacks are discrepancies (as a field missing from a layout is);
 * a filter sfaudit cannot resolve means the rule could not be evaluated.
 */
export function planErrors(rule: Rule<any, any>, object: string, problems: string[], missingFields: string[] = []): Outcome[] {
  const missing = missingFields.map((message) =>
    finding(rule, {
      metadataType: 'CustomField',
      component: `${object} fields`,
      location: `records of ${object}`,
      expected: 'the field the rule checks',
      actual: 'not found',
      message: `${message[0]!.toUpperCase()}${message.slice(1)}, so its values cannot be checked`,
      fix: `Create the field on ${object} (Setup › Object Manager › ${object} › Fields & Relationships), or correct the rule in ${rule.position.file}:${rule.position.line}.`,
    }),
  );
  return [...missing, ...problems.map((message) =>
    finding(rule, {
      status: 'error',
      metadataType: 'Rule',
      component: rule.id,
      location: `records of ${object}`,
      message: `Could not evaluate: ${message}`,
      fix: `Correct the rule in ${rule.position.file}:${rule.position.line} (fields by label or API name, as on ${object}).`,
    }),
  )];
}

/** The records could not be read at all: never a pass. */
export function sourceError(rule: Rule<any, any>, selection: Selection, error: unknown): Outcome {
  if (!(error instanceof RecordSourceError)) throw error;
  if (error.notExported) {
    return finding(rule, {
      status: 'manual',
      metadataType: selection.object,
      component: `${selection.object} records`,
      ...(selection.whereText ? { location: `where ${selection.whereText}` } : {}),
      message: `Manual check: ${rule.step}. This metadata folder has no records, so sfaudit could not look at them.`,
      fix: `Check the records by hand, or export them next to the metadata and run the audit again: ${error.fix ?? ''}`.trim(),
    });
  }
  return finding(rule, {
    status: 'error',
    metadataType: selection.object,
    component: `${selection.object} records`,
    ...(selection.whereText ? { location: `where ${selection.whereText}` } : {}),
    message: `Could not evaluate: ${error.message}`,
    fix: error.fix ?? 'Check the records and the rule, then run the audit again.',
  });
}

/** More records match than the cap allows: the rest were not checked, and the report says so. */
export function capReached(rule: Rule<any, any>, selection: Selection): Outcome {
  return finding(rule, {
    status: 'error',
    metadataType: selection.object,
    component: `${selection.object} records`,
    ...(selection.whereText ? { location: `where ${selection.whereText}` } : {}),
    expected: `at most ${selection.cap} records to check`,
    actual: `more than ${selection.cap} records match`,
    message: `Checked only the first ${selection.cap} ${selection.object} records: more match${selection.whereText ? ` the filter` : ''}, and the rest were not checked`,
    fix: `Narrow the rule's where, or raise the cap (target.maxRecords in the rule, or --max-records), then run the audit again.`,
  });
}

export function noneMatchedNote(rule: Rule<any, any>, selection: Selection): string {
  return `Rule ${rule.id}: no ${selection.object} records${selection.whereText ? ` match ${selection.whereText}` : ''}; nothing was checked.`;
}
