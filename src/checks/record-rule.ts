import type { CheckContext, Need } from './kind.js';
import type { Outcome } from '../report/finding.js';
import type { Rule } from '../ruleset/types.js';
import { folderRecordSource } from '../records/folder-source.js';
import type { RecordQuery, RecordSource } from '../records/types.js';
import { planSelection, scanRecords, type RecordTarget, type ResolvedField, type Selection } from '../records/select.js';
import type { DataRecord } from '../model/types.js';
import { capReached, noneMatchedNote, planErrors, recordRef, sourceError, type RecordRef } from './record-findings.js';

/** What every data rule needs: the object's metadata for labels, its fields, and its records. */
export function recordNeeds(rule: Rule<RecordTarget, unknown>): Need[] {
  return [
    { type: 'CustomObject', name: rule.target.object },
    { type: 'CustomField', object: rule.target.object },
    { type: 'Record', object: rule.target.object },
  ];
}

export type PlannedRecordRule =
  | { ok: true; selection: Selection; fields: ResolvedField[]; source: RecordSource }
  | { ok: false; outcomes: Outcome[] };

/**
 * Resolves the fields a data rule checks and where its records come from; a field the
 * org lacks or a filter that does not resolve comes back as the rule's outcomes.
 */
export function planRecordRule(rule: Rule<RecordTarget, unknown>, fieldRefs: string[], ctx: CheckContext): PlannedRecordRule {
  const planned = planSelection(rule.target, fieldRefs, ctx.fields, {
    defaultCap: ctx.maxRecords,
    // With the object's metadata read, an unknown custom field is known to be missing.
    customFieldsKnown: (ctx.org.objects.get(rule.target.object)?.fields.size ?? 0) > 0,
  });
  if (!planned.ok) return { ok: false, outcomes: planErrors(rule, rule.target.object, planned.problems, planned.missingFields) };
  return {
    ok: true,
    selection: planned.selection,
    fields: planned.selection.fields as ResolvedField[],
    source: ctx.records ?? folderRecordSource(ctx.org.records),
  };
}

/** The fields a data rule checks, as its `expect.fields` name them (labels or API names). */
export function fieldRefs(expect: { fields: Array<{ field: string }> }): string[] {
  return expect.fields.map((f) => f.field);
}

/** The query `scanSelection` will make for the rule, when its fields resolve (a kind's `queries`). */
export function plannedQueries(rule: Rule<RecordTarget, unknown>, fieldRefs: string[], ctx: CheckContext): RecordQuery[] {
  const planned = planRecordRule(rule, fieldRefs, ctx);
  return planned.ok ? [planned.selection.query] : [];
}

/**
 * Visits each record the rule selects, and says what the scan itself has to say: a source that failed
 * (an `error` outcome, added to `out`), the cap reached, no record matched, the records counted.
 * Returns how many records were seen, or undefined when the source failed.
 */
export async function scanSelection(
  rule: Rule<RecordTarget, unknown>,
  planned: Extract<PlannedRecordRule, { ok: true }>,
  ctx: CheckContext,
  out: Outcome[],
  visit: (record: DataRecord, ref: RecordRef) => void,
): Promise<number | undefined> {
  const { selection, source } = planned;
  let scanned;
  try {
    scanned = await scanRecords(source, selection, (record) => visit(record, recordRef(record, selection, source)));
  } catch (error) {
    out.push(sourceError(rule, selection, error));
    return undefined;
  }
  ctx.count?.('recordsChecked', scanned.seen);
  if (scanned.capped) out.push(capReached(rule, selection));
  if (scanned.seen === 0) ctx.note?.(noneMatchedNote(rule, selection));
  return scanned.seen;
}
