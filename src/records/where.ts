import type { ComparisonOp, Condition, Literal } from './types.js';

/**
 * Parser for the `WHERE` clauses data rules are written with: the SOQL subset
 * both a folder's records and a live org answer the same way.
 *
 *   cond     := term ((AND term)* | (OR term)*)        -- mixing needs parentheses, as in SOQL
 *   term     := NOT term | '(' cond ')' | field op value | field [NOT] LIKE 'pattern' | field [NOT] IN (values)
 *   field    := Name | Account.Type | "Opportunity Name"  -- a double-quoted label is sfaudit's extension
 *   value    := 'text' | 12 | 3.5 | true | false | null | 2026-01-31 | 2026-01-31T10:00:00Z
 *
 * Date literals such as TODAY and functions are not supported: the folder could not
 * evaluate them the way the org does, so they are refused up front.
 */

export class WhereSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based column in the clause. */
    readonly column: number,
  ) {
    super(`${message} (at column ${column})`);
    this.name = 'WhereSyntaxError';
  }
}

type TokenKind = 'ident' | 'label' | 'string' | 'number' | 'date' | 'punct' | 'eof';
interface Token {
  kind: TokenKind;
  text: string;
  column: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))?(?![\w-])/;
const NUMBER = /^-?\d+(?:\.\d+)?(?![\w.])/;
// `LAST_N_DAYS:30` is read as one word so the error can name it.
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*(?::\d+)?/;
const PUNCT = /^(?:!=|<>|<=|>=|[(),=<>])/;
// `\%` and `\_` stay escaped: they mean a literal % or _ inside LIKE patterns.
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\', '%': '\\%', _: '\\_' };
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'LIKE', 'IN', 'TRUE', 'FALSE', 'NULL', 'INCLUDES', 'EXCLUDES']);

function readQuoted(text: string, start: number, quote: string, column: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  for (; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === quote) return { value, end: i + 1 };
    if (c === '\\') {
      const escaped = ESCAPES[text.charAt(i + 1)];
      if (escaped === undefined) throw new WhereSyntaxError(`unknown escape \\${text.charAt(i + 1)} in a quoted text`, i + 1);
      value += escaped;
      i++;
    } else {
      value += c;
    }
  }
  throw new WhereSyntaxError(`unterminated ${quote === "'" ? 'text' : 'field label'}: add the closing ${quote}`, column);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const column = i + 1;
    const c = rest.charAt(0);
    if (c === "'" || c === '"') {
      const { value, end } = readQuoted(text, i, c, column);
      tokens.push({ kind: c === "'" ? 'string' : 'label', text: value, column });
      i = end;
      continue;
    }
    const m =
      (DATE.exec(rest) && { kind: 'date' as const, m: DATE.exec(rest)! }) ||
      (NUMBER.exec(rest) && { kind: 'number' as const, m: NUMBER.exec(rest)! }) ||
      (IDENT.exec(rest) && { kind: 'ident' as const, m: IDENT.exec(rest)! }) ||
      (PUNCT.exec(rest) && { kind: 'punct' as const, m: PUNCT.exec(rest)! });
    if (!m) throw new WhereSyntaxError(`unexpected character "${c}"`, column);
    tokens.push({ kind: m.kind, text: m.m[0], column });
    i += m.m[0].length;
  }
  tokens.push({ kind: 'eof', text: '', column: text.length + 1 });
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos]!;
  }
  private next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== 'eof') this.pos++;
    return t;
  }
  private isKeyword(word: string, t = this.peek()): boolean {
    return t.kind === 'ident' && t.text.toUpperCase() === word;
  }
  private isPunct(p: string, t = this.peek()): boolean {
    return t.kind === 'punct' && t.text === p;
  }
  private expectPunct(p: string, what: string): void {
    const t = this.next();
    if (!this.isPunct(p, t)) throw new WhereSyntaxError(`expected ${what}, found ${describe(t)}`, t.column);
  }

  parseAll(): Condition {
    const cond = this.condition();
    const t = this.peek();
    if (t.kind !== 'eof') throw new WhereSyntaxError(`unexpected ${describe(t)}; join conditions with AND or OR`, t.column);
    return cond;
  }

  private condition(): Condition {
    const first = this.term();
    let op: 'AND' | 'OR' | undefined;
    const operands = [first];
    while (this.isKeyword('AND') || this.isKeyword('OR')) {
      const t = this.next();
      const word = t.text.toUpperCase() as 'AND' | 'OR';
      if (op && op !== word) throw new WhereSyntaxError('put parentheses around the AND or the OR part: SOQL does not mix them without', t.column);
      op = word;
      operands.push(this.term());
    }
    return op ? { kind: op === 'AND' ? 'and' : 'or', operands } : first;
  }

  private term(): Condition {
    if (this.isKeyword('NOT')) {
      this.next();
      return { kind: 'not', operand: this.term() };
    }
    if (this.isPunct('(')) {
      this.next();
      const inner = this.condition();
      this.expectPunct(')', 'a closing )');
      return inner;
    }
    return this.predicate();
  }

  private field(): string[] {
    const t = this.next();
    if (t.kind === 'label') {
      if (t.text.trim() === '') throw new WhereSyntaxError('empty field label', t.column);
      return [t.text];
    }
    if (t.kind !== 'ident' || KEYWORDS.has(t.text.toUpperCase()) || t.text.includes(':')) {
      throw new WhereSyntaxError(`expected a field name, found ${describe(t)}`, t.column);
    }
    return t.text.split('.');
  }

  private predicate(): Condition {
    const path = this.field();
    const t = this.peek();
    if (this.isKeyword('NOT')) {
      this.next();
      if (this.isKeyword('IN')) {
        this.next();
        return { kind: 'in', path, negated: true, values: this.valueList() };
      }
      if (this.isKeyword('LIKE')) {
        this.next();
        return { kind: 'not', operand: { kind: 'like', path, pattern: this.likePattern() } };
      }
      throw new WhereSyntaxError(`expected IN or LIKE after NOT, found ${describe(this.peek())}`, this.peek().column);
    }
    if (this.isKeyword('LIKE')) {
      this.next();
      return { kind: 'like', path, pattern: this.likePattern() };
    }
    if (this.isKeyword('IN')) {
      this.next();
      return { kind: 'in', path, negated: false, values: this.valueList() };
    }
    if (this.isKeyword('INCLUDES') || this.isKeyword('EXCLUDES')) {
      throw new WhereSyntaxError(`${t.text.toUpperCase()} (multi-select picklists) is not supported`, t.column);
    }
    if (t.kind === 'punct' && ['=', '!=', '<>', '<', '<=', '>', '>='].includes(t.text)) {
      this.next();
      const op = (t.text === '<>' ? '!=' : t.text) as ComparisonOp;
      const value = this.value();
      if (value === null && op !== '=' && op !== '!=') throw new WhereSyntaxError(`null can only be compared with = or !=`, t.column);
      return { kind: 'compare', path, op, value };
    }
    throw new WhereSyntaxError(`expected an operator (=, !=, <, <=, >, >=, LIKE, IN) after ${path.join('.')}, found ${describe(t)}`, t.column);
  }

  private likePattern(): string {
    const t = this.next();
    if (t.kind !== 'string') throw new WhereSyntaxError(`LIKE needs a quoted pattern such as '%2026%', found ${describe(t)}`, t.column);
    return t.text;
  }

  private valueList(): Literal[] {
    this.expectPunct('(', 'a ( to open the list of values');
    const values: Literal[] = [this.value()];
    while (this.isPunct(',')) {
      this.next();
      values.push(this.value());
    }
    this.expectPunct(')', 'a , or the closing )');
    return values;
  }

  private value(): Literal {
    const t = this.next();
    switch (t.kind) {
      case 'string':
        return t.text;
      case 'number':
        return Number(t.text);
      case 'date':
        return { date: t.text };
      case 'ident': {
        const word = t.text.toUpperCase();
        if (word === 'TRUE') return true;
        if (word === 'FALSE') return false;
        if (word === 'NULL') return null;
        if (/^[A-Z][A-Z_]*(:\d+)?$/.test(t.text)) {
          throw new WhereSyntaxError(
            `"${t.text}" is not a value: quote text ('${t.text}'); date literals such as TODAY are not supported, write a date like 2026-01-31`,
            t.column,
          );
        }
        throw new WhereSyntaxError(`"${t.text}" is not a value: quote text, e.g. '${t.text}'`, t.column);
      }
      default:
        throw new WhereSyntaxError(`expected a value ('text', a number, true, false, null or a date), found ${describe(t)}`, t.column);
    }
  }
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the clause';
  if (t.kind === 'string') return `'${t.text}'`;
  if (t.kind === 'label') return `"${t.text}"`;
  return `"${t.text}"`;
}

/** Parses a WHERE clause (without the WHERE keyword). Throws `WhereSyntaxError`. */
export function parseWhere(text: string): Condition {
  if (text.trim() === '') throw new WhereSyntaxError('empty filter: leave `where` out to select every record', 1);
  if (/^\s*where\b/i.test(text)) throw new WhereSyntaxError('leave out the WHERE keyword: write only the condition', 1);
  return new Parser(tokenize(text)).parseAll();
}

/** Every field path a condition reads. */
export function conditionPaths(cond: Condition): string[][] {
  switch (cond.kind) {
    case 'and':
    case 'or':
      return cond.operands.flatMap(conditionPaths);
    case 'not':
      return conditionPaths(cond.operand);
    default:
      return [cond.path];
  }
}

/** A copy of the condition with every path mapped (labels to API names). */
export function mapPaths(cond: Condition, map: (path: string[]) => string[]): Condition {
  switch (cond.kind) {
    case 'and':
    case 'or':
      return { kind: cond.kind, operands: cond.operands.map((c) => mapPaths(c, map)) };
    case 'not':
      return { kind: 'not', operand: mapPaths(cond.operand, map) };
    default:
      return { ...cond, path: map(cond.path) };
  }
}

function soqlString(value: string, like: boolean): string {
  // LIKE patterns keep their `\%` / `\_` escapes; every other backslash is literal.
  const body = value
    .replace(like ? /\\(?![%_])/g : /\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return `'${body}'`;
}

function soqlLiteral(value: Literal): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') return value.date;
  return soqlString(value, false);
}

/** SOQL text for a resolved condition (paths must be API names). */
export function toSoql(cond: Condition): string {
  const group = (c: Condition) => (c.kind === 'and' || c.kind === 'or' ? `(${toSoql(c)})` : toSoql(c));
  switch (cond.kind) {
    case 'and':
    case 'or':
      return cond.operands.map(group).join(cond.kind === 'and' ? ' AND ' : ' OR ');
    case 'not':
      return `(NOT ${group(cond.operand)})`;
    case 'compare':
      return `${cond.path.join('.')} ${cond.op} ${soqlLiteral(cond.value)}`;
    case 'like':
      return `${cond.path.join('.')} LIKE ${soqlString(cond.pattern, true)}`;
    case 'in':
      return `${cond.path.join('.')} ${cond.negated ? 'NOT IN' : 'IN'} (${cond.values.map(soqlLiteral).join(', ')})`;
  }
}
