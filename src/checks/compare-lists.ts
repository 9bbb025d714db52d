import type { ListComparison, ListItemView } from '../report/finding.js';

export const MATCH_MODES = ['contains', 'ordered', 'first', 'exact'] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

export const MATCH_MODE_DOCS: Record<MatchMode, string> = {
  contains: 'every expected item is present, in any order',
  ordered: 'every expected item is present, in this relative order (others may sit between)',
  first: 'the expected items come first, in this order',
  exact: 'exactly these items, in this order, nothing else',
};

export interface ListItem {
  key: string;
  label: string;
}

export interface ListResult {
  ok: boolean;
  missing: ListItem[];
  outOfOrder: ListItem[];
  extra: ListItem[];
  comparison: ListComparison;
}

/** Indices (into `seq`) of one longest strictly increasing subsequence. */
function longestIncreasing(seq: number[]): Set<number> {
  const tails: number[] = [];
  const prev: number[] = new Array(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) keep.add(i);
  return keep;
}

/**
 * Compares what a rule expects with what the org has. Items are matched by key
 * (API name, case-insensitive); "out of order" items are the fewest that must
 * move for the rest to be in the expected order.
 */
export function compareLists(expected: ListItem[], actual: ListItem[], mode: MatchMode): ListResult {
  const pos = new Map<string, number>();
  actual.forEach((a, i) => {
    if (!pos.has(a.key.toLowerCase())) pos.set(a.key.toLowerCase(), i);
  });
  const present = expected.filter((e) => pos.has(e.key.toLowerCase()));
  const missing = expected.filter((e) => !pos.has(e.key.toLowerCase()));
  const expectedKeys = new Set(expected.map((e) => e.key.toLowerCase()));

  let outOfOrder: ListItem[] = [];
  if (mode !== 'contains') {
    const seq = present.map((e) => pos.get(e.key.toLowerCase())!);
    const keep = longestIncreasing(seq);
    outOfOrder = present.filter((_, i) => !keep.has(i));
  }
  let extra: ListItem[] = [];
  if (mode === 'exact') {
    extra = actual.filter((a) => !expectedKeys.has(a.key.toLowerCase()));
  } else if (mode === 'first') {
    // Items that push the expected ones down: anything else standing before the last expected item.
    const end = Math.max(-1, ...present.map((e) => pos.get(e.key.toLowerCase())!));
    extra = actual.slice(0, end + 1).filter((a) => !expectedKeys.has(a.key.toLowerCase()));
  }

  const misplaced = new Set(outOfOrder.map((o) => o.key.toLowerCase()));
  const missingKeys = new Set(missing.map((m) => m.key.toLowerCase()));
  const expectedView: ListItemView[] = expected.map((e) => ({
    label: e.label,
    mark: missingKeys.has(e.key.toLowerCase()) ? 'missing' : misplaced.has(e.key.toLowerCase()) ? 'out-of-order' : 'ok',
  }));
  const actualView: ListItemView[] = actual.map((a) => ({
    label: a.label,
    mark: misplaced.has(a.key.toLowerCase())
      ? 'out-of-order'
      : expectedKeys.has(a.key.toLowerCase())
        ? 'ok'
        : extra.includes(a)
          ? 'extra'
          : 'ok',
  }));
  return {
    ok: missing.length === 0 && outOfOrder.length === 0 && extra.length === 0,
    missing,
    outOfOrder,
    extra,
    comparison: { mode, expected: expectedView, actual: actualView },
  };
}

export function describeListProblems(result: ListResult, mode: MatchMode): string {
  const parts: string[] = [];
  if (result.missing.length) parts.push(`missing ${result.missing.map((m) => m.label).join(', ')}`);
  if (result.outOfOrder.length) parts.push(`out of order: ${result.outOfOrder.map((m) => m.label).join(', ')}`);
  if (result.extra.length) {
    parts.push(
      mode === 'first'
        ? `${result.extra.map((m) => m.label).join(', ')} ${result.extra.length === 1 ? 'comes' : 'come'} before the expected fields`
        : `not expected: ${result.extra.map((m) => m.label).join(', ')}`,
    );
  }
  return parts.join('; ');
}
