import type { Finding } from '../report/finding.js';

/**
 * The stable identity of a finding across runs: rule id + component (type and
 * name) + location. Messages and expected/actual values are left out on
 * purpose: "missing A" becoming "missing A, B" is the same discrepancy, still there.
 */
export function findingKey(f: Pick<Finding, 'ruleId' | 'metadataType' | 'component' | 'location'>): string {
  return [f.ruleId, f.metadataType, f.component, f.location ?? ''].join('\u001f');
}

/** The same key, readable, for logs and the `diff` command. */
export function describeKey(f: Pick<Finding, 'ruleId' | 'metadataType' | 'component' | 'location'>): string {
  return `${f.ruleId}: ${[f.metadataType, f.component, f.location].filter(Boolean).join(' › ')}`;
}

/**
 * Keys for a list of findings; a key seen twice (two findings of one rule at
 * one place) gets its occurrence number, so both can be matched.
 */
export function keyed(findings: Finding[]): Array<{ key: string; finding: Finding }> {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const base = findingKey(finding);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { key: n === 1 ? base : `${base}\u001f#${n}`, finding };
  });
}
