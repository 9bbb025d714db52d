import { expect } from 'vitest';
import type { Finding, Outcome } from '../../src/report/finding.js';
import type { Rule } from '../../src/ruleset/types.js';

type Text = string | RegExp;

/** What one outcome must be. `status component | location` is compared exactly, the rest where given. */
export interface Want {
  /** `pass Account-Account Layout | section "Accounting"` style key: status, component, optional location. */
  is: string;
  expected?: Text;
  actual?: Text;
  /** Texts (or patterns) the message must contain. */
  message?: Text[];
  /** Texts the message must not contain (e.g. a list that is right). */
  notMessage?: string[];
  /** Texts the fix must contain. */
  fix?: Text[];
}

export function outcomeKey(o: Outcome): string {
  return `${o.status} ${o.component}${o.location ? ` | ${o.location}` : ''}`;
}

function contains(text: string | undefined, want: Text, what: string): void {
  if (typeof want === 'string') expect(text, what).toContain(want);
  else expect(text, what).toMatch(want);
}

function equals(text: string | undefined, want: Text, what: string): void {
  if (typeof want === 'string') expect(text, what).toBe(want);
  else expect(text, what).toMatch(want);
}

/**
 * Asserts the outcomes of a rule precisely: the same outcomes in the same order,
 * each with its texts; every non-pass is stamped with the rule, and every fail
 * tells the user how to fix it.
 */
export function expectOutcomes(outcomes: Outcome[], wants: Want[], r: Rule): void {
  expect(outcomes.map(outcomeKey)).toEqual(wants.map((w) => w.is));
  outcomes.forEach((o, i) => {
    const w = wants[i]!;
    const key = outcomeKey(o);
    if (o.status === 'pass') return;
    const f = o as Finding;
    expect({ ruleId: f.ruleId, step: f.step, severity: f.severity }, key).toEqual({ ruleId: r.id, step: r.step, severity: r.severity });
    expect(f.message, `${key}: message`).toBeTruthy();
    if (f.status === 'fail') expect(f.fix, `${key}: a fail must say how to fix it`).toMatch(/\S/);
    if (w.expected !== undefined) equals(f.expected, w.expected, `${key}: expected`);
    if (w.actual !== undefined) equals(f.actual, w.actual, `${key}: actual`);
    for (const m of w.message ?? []) contains(f.message, m, `${key}: message`);
    for (const m of w.notMessage ?? []) expect(f.message, `${key}: message`).not.toContain(m);
    for (const m of w.fix ?? []) contains(f.fix, m, `${key}: fix`);
  });
}
