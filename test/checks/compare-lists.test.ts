import { describe, expect, it } from 'vitest';
import { compareLists, describeListProblems, type MatchMode } from '../../src/checks/compare-lists.js';

const items = (s: string) => (s ? s.split(' ').map((key) => ({ key, label: key.toUpperCase() })) : []);
const keys = (list: Array<{ key: string }>) => list.map((i) => i.key).join(' ');

describe('compareLists', () => {
  // Of two swapped items, the one expected first is the one reported out of order.
  it.each<[MatchMode, string, string, { missing?: string; outOfOrder?: string; extra?: string }]>([
    // contains: presence only
    ['contains', 'a b', 'b x a', {}],
    ['contains', 'a b', 'a', { missing: 'b' }],
    ['contains', 'a b c', '', { missing: 'a b c' }],
    // ordered: relative order, others may sit between
    ['ordered', 'a b c', 'a x b y c', {}],
    ['ordered', 'a b c', 'c a b', { outOfOrder: 'c' }],
    ['ordered', 'a b c', 'b a c', { outOfOrder: 'a' }],
    ['ordered', 'a b c d', 'd c b a', { outOfOrder: 'a b c' }],
    ['ordered', 'a b c', 'b c', { missing: 'a' }],
    ['ordered', 'a b c', 'c x b', { missing: 'a', outOfOrder: 'b' }],
    // first: the expected items lead, in order; anything after them is fine
    ['first', 'a b', 'a b x y', {}],
    ['first', 'a b', 'x a b', { extra: 'x' }],
    ['first', 'a b', 'a x b', { extra: 'x' }],
    ['first', 'a b', 'b a x', { outOfOrder: 'a' }],
    ['first', 'a b', 'a x', { missing: 'b' }],
    ['first', 'a b', 'x y', { missing: 'a b' }],
    // exact: these, in this order, nothing else
    ['exact', 'a b', 'a b', {}],
    ['exact', 'a b', 'a b x', { extra: 'x' }],
    ['exact', 'a b', 'b a', { outOfOrder: 'a' }],
    ['exact', 'a b c', 'a x', { missing: 'b c', extra: 'x' }],
    ['exact', 'a', '', { missing: 'a' }],
  ])('%s: expected [%s], actual [%s]', (mode, expected, actual, want) => {
    const result = compareLists(items(expected), items(actual), mode);
    expect({ missing: keys(result.missing), outOfOrder: keys(result.outOfOrder), extra: keys(result.extra) }).toEqual({
      missing: want.missing ?? '',
      outOfOrder: want.outOfOrder ?? '',
      extra: want.extra ?? '',
    });
    expect(result.ok).toBe(!want.missing && !want.outOfOrder && !want.extra);
    expect(result.comparison.mode).toBe(mode);
    expect(result.comparison.expected.map((i) => i.label)).toEqual(items(expected).map((i) => i.label));
    expect(result.comparison.actual.map((i) => i.label)).toEqual(items(actual).map((i) => i.label));
  });

  it('matches keys case-insensitively (API names)', () => {
    const result = compareLists([{ key: 'LinkedIn_Company_URL__c', label: 'L' }], [{ key: 'linkedin_company_url__c', label: 'l' }], 'exact');
    expect(result.ok).toBe(true);
  });

  it('marks items in both columns of the comparison', () => {
    const result = compareLists(items('a b c'), items('b x a'), 'exact');
    expect(result.comparison.expected).toEqual([
      { label: 'A', mark: 'out-of-order' },
      { label: 'B', mark: 'ok' },
      { label: 'C', mark: 'missing' },
    ]);
    expect(result.comparison.actual).toEqual([
      { label: 'B', mark: 'ok' },
      { label: 'X', mark: 'extra' },
      { label: 'A', mark: 'out-of-order' },
    ]);
  });

  it('does not mark other items as extra where extras are allowed', () => {
    const result = compareLists(items('a b'), items('a x b'), 'ordered');
    expect(result.comparison.actual.map((i) => i.mark)).toEqual(['ok', 'ok', 'ok']);
  });

  it.each<[MatchMode, string, string, string]>([
    ['contains', 'a b', 'a', 'missing B'],
    ['ordered', 'a b', 'b a', 'out of order: A'],
    ['first', 'a b', 'x a b', 'X comes before the expected fields'],
    ['first', 'a b', 'x y a b', 'X, Y come before the expected fields'],
    ['exact', 'a b c', 'c a x', 'missing B; out of order: A; not expected: X'],
  ])('describes %s [%s] vs [%s] as "%s"', (mode, expected, actual, text) => {
    expect(describeListProblems(compareLists(items(expected), items(actual), mode), mode)).toBe(text);
  });
});
