import type { ListComparison, ListItemView } from '../report/finding.js';

/** `ghost`: a missing item drawn where it belongs; `other`: in the org, not named by the rule, and allowed. */
export type Cell = ListItemView & { ghost?: boolean; other?: boolean };

/**
 * The found list with a ghost where each missing item belongs: after the last
 * expected item before it that the org has, so the gap shows in place.
 */
export function foundWithGhosts(c: ListComparison): Cell[] {
  const named = new Set(c.expected.map((e) => e.label));
  const cells: Cell[] = c.actual.map((a) => ({ ...a, ...(a.mark === 'ok' && !named.has(a.label) ? { other: true } : {}) }));
  const present = new Set(c.actual.map((a) => a.label));
  let anchor = -1;
  for (const e of c.expected) {
    if (e.mark === 'missing' && !present.has(e.label)) {
      cells.splice(anchor + 1, 0, { label: e.label, mark: 'missing', ghost: true });
      anchor++;
      continue;
    }
    const at = cells.findIndex((cell) => !cell.ghost && cell.label === e.label);
    if (at >= 0) anchor = at;
  }
  return cells;
}

