import type { Condition, Literal } from './types.js';

/**
 * Evaluates a condition the way SOQL does, for records that are not in an org (a folder's
 * `data/` export): text compares without regard to case, empty text is null, `!=` and
 * `NOT IN` match nulls, ordering comparisons never match null.
 */

type Value = string | number | boolean | null;

function normalize(value: unknown): Value {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function literalText(literal: Exclude<Literal, null>): string {
  return typeof literal === 'object' ? literal.date : String(literal);
}

/** -1, 0, 1, or undefined when the two cannot be compared (e.g. text against a number). */
function compare(value: Value, literal: Literal): number | undefined {
  if (value === null || literal === null) return undefined;
  if (typeof literal === 'boolean') {
    const v = typeof value === 'boolean' ? value : String(value).toLowerCase() === 'true' ? true : String(value).toLowerCase() === 'false' ? false : undefined;
    return v === undefined ? undefined : v === literal ? 0 : v ? 1 : -1;
  }
  if (typeof literal === 'number') {
    const v = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    return Number.isNaN(v) ? undefined : Math.sign(v - literal);
  }
  if (typeof literal === 'object') {
    // A date literal against a datetime value compares the day.
    const text = String(value);
    const v = literal.date.length === 10 && text.length > 10 ? text.slice(0, 10) : text;
    return v === literal.date ? 0 : v < literal.date ? -1 : 1;
  }
  const a = String(value).toLowerCase();
  const b = literalText(literal).toLowerCase();
  return a === b ? 0 : a < b ? -1 : 1;
}

function equals(value: Value, literal: Literal): boolean {
  if (literal === null) return value === null;
  return compare(value, literal) === 0;
}

const likeCache = new Map<string, RegExp>();

/** `%` any run, `_` one character, `\%` `\_` literal; case-insensitive, whole value. */
export function likeRegExp(pattern: string): RegExp {
  let re = likeCache.get(pattern);
  if (!re) {
    let source = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charAt(i);
      if (c === '\\' && (pattern.charAt(i + 1) === '%' || pattern.charAt(i + 1) === '_')) {
        source += pattern.charAt(++i);
      } else if (c === '%') source += '.*';
      else if (c === '_') source += '.';
      else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
    re = new RegExp(`^${source}$`, 'is');
    likeCache.set(pattern, re);
  }
  return re;
}

/** Whether a record matches; `get` reads a field path (already resolved to API names). */
export function matches(cond: Condition, get: (path: string[]) => unknown): boolean {
  switch (cond.kind) {
    case 'and':
      return cond.operands.every((c) => matches(c, get));
    case 'or':
      return cond.operands.some((c) => matches(c, get));
    case 'not':
      return !matches(cond.operand, get);
    case 'like': {
      const value = normalize(get(cond.path));
      return value !== null && likeRegExp(cond.pattern).test(String(value));
    }
    case 'in': {
      const value = normalize(get(cond.path));
      const found = cond.values.some((v) => equals(value, v));
      return cond.negated ? !found : found;
    }
    case 'compare': {
      const value = normalize(get(cond.path));
      if (cond.op === '=') return equals(value, cond.value);
      if (cond.op === '!=') return !equals(value, cond.value);
      const order = compare(value, cond.value);
      if (order === undefined) return false;
      if (cond.op === '<') return order < 0;
      if (cond.op === '<=') return order <= 0;
      if (cond.op === '>') return order > 0;
      return order >= 0;
    }
  }
}
