import type { Document, LineCounter } from 'yaml';
import { didYouMean } from '../ruleset/did-you-mean.js';
import { locate, pointerSegments } from '../ruleset/positions.js';
import type { ConfigIssue, Waiver } from '../ruleset/types.js';

/** A waiver as written in YAML, after schema validation. */
export interface RawWaiver {
  rule: string;
  component?: string;
  reason: string;
  owner: string;
  expires: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/**
 * The waivers of one schema-valid rules file, with positions, and the problems
 * the schema cannot see (dates). Rule references are checked across all files
 * by `unknownWaiverRules` once every file is loaded.
 */
export function readWaivers(
  raw: RawWaiver[] | undefined,
  doc: Document,
  counter: LineCounter,
  file: string,
): { waivers: Waiver[]; issues: ConfigIssue[] } {
  const waivers: Waiver[] = [];
  const issues: ConfigIssue[] = [];
  (raw ?? []).forEach((w, i) => {
    const at = (suffix: string) => locate(doc, counter, pointerSegments(`/waivers/${i}${suffix}`));
    if (!isCalendarDate(w.expires)) {
      issues.push({
        file,
        ...at('/expires'),
        path: `/waivers/${i}/expires`,
        message: `"${w.expires}" is not a date`,
        hint: 'write the last day the waiver applies as YYYY-MM-DD, e.g. 2026-06-30',
      });
      return;
    }
    waivers.push({
      rule: w.rule,
      ...(w.component !== undefined ? { component: w.component } : {}),
      reason: w.reason,
      owner: w.owner,
      expires: w.expires,
      position: { file, ...at('') },
    });
  });
  return { waivers, issues };
}

/** A waiver naming a rule no file defines is almost always a typo: say so, with the nearest id. */
export function unknownWaiverRules(waivers: Waiver[], ruleIds: string[]): ConfigIssue[] {
  const known = new Set(ruleIds);
  return waivers
    .filter((w) => !known.has(w.rule))
    .map((w) => ({
      ...w.position,
      path: '',
      message: `waiver for unknown rule "${w.rule}"`,
      hint: didYouMean(w.rule, ruleIds) ?? 'write the id of a rule defined in the rules files',
    }));
}
