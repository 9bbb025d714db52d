/**
 * Parser for the SOQL subset the emulator answers:
 *
 *   SELECT field, Parent.Field, COUNT() FROM Object
 *   [WHERE cond] [ORDER BY field [ASC|DESC] [NULLS FIRST|LAST], ...] [LIMIT n] [OFFSET n]
 *
 * cond: comparisons (= != <> < <= > >=), LIKE, IN (...), NOT IN (...), NOT,
 * AND, OR and parentheses; literals: 'strings', numbers, true/false, null and
 * date/datetime literals (2024-01-31, 2024-01-31T10:00:00Z). Like Salesforce,
 * AND and OR may not be mixed without parentheses. Anything else (subqueries,
 * GROUP BY, functions, date literals like TODAY, bind variables) is a
 * SoqlSyntaxError, which the REST layer turns into MALFORMED_QUERY.
 */

export type Literal = string | number | boolean | null | { date: string };

export type SelectItem = { kind: 'field'; path: string[] } | { kind: 'count' };

export type Condition =
  | { kind: 'and' | 'or'; operands: Condition[] }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; path: string[]; op: ComparisonOp; value: Literal }
  | { kind: 'like'; path: string[]; pattern: string }
  | { kind: 'in'; path: string[]; negated: boolean; values: Literal[] };

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export interface OrderItem {
  path: string[];
  descending: boolean;
  nullsLast: boolean;
}

export interface SoqlQuery {
  select: SelectItem[];
  from: string;
  where?: Condition;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
}

export class SoqlSyntaxError extends Error {}

type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'punct' | 'eof';
interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based column, for Salesforce-style error positions. */
  column: number;
}

const DATE_LITERAL = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2}))?/;
const NUMBER = /^\d+(\.\d+)?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_.]*/;
const PUNCT = /^(!=|<>|<=|>=|[(),=<>])/;
const STRING_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\', _: '\\_', '%': '\\%' };

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
    if (rest.startsWith("'")) {
      let value = '';
      let j = 1;
      for (; j < rest.length && rest.charAt(j) !== "'"; j++) {
        if (rest.charAt(j) === '\\') {
          const escaped = STRING_ESCAPES[rest.charAt(j + 1)];
          if (escaped === undefined) throw new SoqlSyntaxError(`Invalid string literal escape at column ${column + j}`);
          value += escaped;
          j++;
        } else {
          value += rest.charAt(j);
        }
      }
      if (j >= rest.length) throw new SoqlSyntaxError(`unterminated string literal at column ${column}`);
      tokens.push({ kind: 'string', text: value, column });
      i += j + 1;
      continue;
    }
    const previous = tokens[tokens.length - 1];
    // A '-' is a sign only where a value may start: after an operator, '(' or ','.
    const negativeAllowed = !previous || (previous.kind === 'punct' && previous.text !== ')');
    const date = DATE_LITERAL.exec(rest);
    const number = NUMBER.exec(rest) ?? (negativeAllowed && rest.startsWith('-') ? NUMBER.exec(rest.slice(1)) : null);
    if (date) {
      tokens.push({ kind: 'date', text: date[0], column });
      i += date[0].length;
    } else if (number) {
      const literal = rest.startsWith('-') ? `-${number[0]}` : number[0];
      tokens.push({ kind: 'number', text: literal, column });
      i += literal.length;
    } else {
      const match = IDENT.exec(rest) ?? PUNCT.exec(rest);
      if (!match) throw new SoqlSyntaxError(`unexpected token: '${rest.charAt(0)}' at column ${column}`);
      tokens.push({ kind: IDENT.test(rest) ? 'ident' : 'punct', text: match[0], column });
      i += match[0].length;
    }
  }
  tokens.push({ kind: 'eof', text: '<EOF>', column: text.length + 1 });
  return tokens;
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  parseQuery(): SoqlQuery {
    this.expectKeyword('SELECT');
    const select = this.parseList(() => this.parseSelectItem());
    this.expectKeyword('FROM');
    const from = this.expectObjectName();
    const query: SoqlQuery = { select, from, orderBy: [] };
    if (this.acceptKeyword('WHERE')) query.where = this.parseCondition();
    if (this.acceptKeyword('ORDER')) {
      this.expectKeyword('BY');
      query.orderBy = this.parseList(() => this.parseOrderItem());
    }
    if (this.acceptKeyword('LIMIT')) query.limit = this.expectInteger();
    if (this.acceptKeyword('OFFSET')) query.offset = this.expectInteger();
    if (this.peek().kind !== 'eof') this.fail(this.peek());
    return query;
  }

  private parseSelectItem(): SelectItem {
    if (this.isKeyword(this.peek(), 'COUNT') && this.peekAt(1).text === '(') {
      this.position++;
      this.expectPunct('(');
      this.expectPunct(')');
      return { kind: 'count' };
    }
    return { kind: 'field', path: this.parsePath() };
  }

  private parseOrderItem(): OrderItem {
    const path = this.parsePath();
    const descending = this.acceptKeyword('DESC');
    if (!descending) this.acceptKeyword('ASC');
    // SOQL default: nulls first when ascending, last when descending.
    let nullsLast = descending;
    if (this.acceptKeyword('NULLS')) {
      if (this.acceptKeyword('LAST')) nullsLast = true;
      else {
        this.expectKeyword('FIRST');
        nullsLast = false;
      }
    }
    return { path, descending, nullsLast };
  }

  /** OR-list of AND-lists; mixing both at one level without parentheses is an error, as in SOQL. */
  private parseCondition(): Condition {
    const first = this.parseUnary();
    const joiner = this.isKeyword(this.peek(), 'AND') ? 'AND' : this.isKeyword(this.peek(), 'OR') ? 'OR' : undefined;
    if (!joiner) return first;
    const operands = [first];
    while (this.acceptKeyword(joiner)) operands.push(this.parseUnary());
    const other = joiner === 'AND' ? 'OR' : 'AND';
    if (this.isKeyword(this.peek(), other)) this.fail(this.peek());
    return { kind: joiner === 'AND' ? 'and' : 'or', operands };
  }

  private parseUnary(): Condition {
    if (this.acceptKeyword('NOT')) return { kind: 'not', operand: this.parseUnary() };
    if (this.acceptPunct('(')) {
      if (this.isKeyword(this.peek(), 'SELECT')) this.fail(this.peek());
      const inner = this.parseCondition();
      this.expectPunct(')');
      return inner;
    }
    return this.parsePredicate();
  }

  private parsePredicate(): Condition {
    const path = this.parsePath();
    const token = this.peek();
    if (this.acceptKeyword('LIKE')) {
      const pattern = this.next();
      if (pattern.kind !== 'string') this.fail(pattern);
      return { kind: 'like', path, pattern: pattern.text };
    }
    const negated = this.acceptKeyword('NOT');
    if (this.acceptKeyword('IN')) {
      this.expectPunct('(');
      if (this.isKeyword(this.peek(), 'SELECT')) this.fail(this.peek());
      const values = this.parseList(() => this.parseLiteral());
      this.expectPunct(')');
      return { kind: 'in', path, negated, values };
    }
    if (negated) this.fail(this.peek());
    if (token.kind === 'punct' && ['=', '!=', '<>', '<', '<=', '>', '>='].includes(token.text)) {
      this.position++;
      const op = (token.text === '<>' ? '!=' : token.text) as ComparisonOp;
      return { kind: 'compare', path, op, value: this.parseLiteral() };
    }
    return this.fail(token);
  }

  private parseLiteral(): Literal {
    const token = this.next();
    switch (token.kind) {
      case 'string':
        return token.text;
      case 'number':
        return Number(token.text);
      case 'date':
        return { date: token.text };
      case 'ident': {
        const word = token.text.toUpperCase();
        if (word === 'TRUE') return true;
        if (word === 'FALSE') return false;
        if (word === 'NULL') return null;
        return this.fail(token);
      }
      default:
        return this.fail(token);
    }
  }

  private parsePath(): string[] {
    const token = this.next();
    if (token.kind !== 'ident' || this.isReserved(token) || token.text.endsWith('.') || token.text.includes('..')) this.fail(token);
    // A field followed by '(' is a function call (toLabel, FORMAT, CALENDAR_YEAR...): not supported.
    if (this.peek().text === '(') this.fail(this.peek());
    return token.text.split('.');
  }

  private parseList<T>(item: () => T): T[] {
    const items = [item()];
    while (this.acceptPunct(',')) items.push(item());
    return items;
  }

  private expectInteger(): number {
    const token = this.next();
    if (token.kind !== 'number' || !/^\d+$/.test(token.text)) this.fail(token);
    return Number(token.text);
  }

  /** Object names may be reserved words (`FROM Order`), just not clause keywords. */
  private expectObjectName(): string {
    const token = this.next();
    const word = token.text.toUpperCase();
    const isClause = CLAUSE_KEYWORDS.has(word) || (word === 'ORDER' && this.isKeyword(this.peek(), 'BY'));
    if (token.kind !== 'ident' || token.text.includes('.') || isClause) this.fail(token);
    return token.text;
  }

  private expectKeyword(word: string): void {
    if (!this.acceptKeyword(word)) this.fail(this.peek());
  }

  private acceptKeyword(word: string): boolean {
    if (!this.isKeyword(this.peek(), word)) return false;
    this.position++;
    return true;
  }

  private expectPunct(text: string): void {
    if (!this.acceptPunct(text)) this.fail(this.peek());
  }

  private acceptPunct(text: string): boolean {
    const token = this.peek();
    if (token.kind !== 'punct' || token.text !== text) return false;
    this.position++;
    return true;
  }

  private isKeyword(token: Token, word: string): boolean {
    return token.kind === 'ident' && token.text.toUpperCase() === word;
  }

  private isReserved(token: Token): boolean {
    return RESERVED.has(token.text.toUpperCase());
  }

  private peek(): Token {
    return this.peekAt(0);
  }

  private peekAt(offset: number): Token {
    return this.tokens[Math.min(this.position + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (this.position < this.tokens.length - 1) this.position++;
    return token;
  }

  /** Salesforce words these as "unexpected token: X" with a row/column. */
  private fail(token: Token): never {
    throw new SoqlSyntaxError(`ERROR at Row:1:Column:${token.column}\nunexpected token: ${token.kind === 'string' ? `'${token.text}'` : token.text}`);
  }
}

/** SOQL reserved words (SOQL and SOSL Reference, "Reserved Characters and Words"), minus those parsed above. */
const RESERVED = new Set([
  'AND', 'ASC', 'DESC', 'EXCLUDES', 'FIRST', 'FROM', 'GROUP', 'HAVING', 'IN', 'INCLUDES', 'LAST', 'LIKE', 'LIMIT',
  'NOT', 'NULL', 'NULLS', 'OR', 'SELECT', 'WHERE', 'WITH', 'TRUE', 'FALSE', 'ORDER', 'BY', 'OFFSET', 'FOR', 'USING',
  'TYPEOF', 'END', 'ROLLUP', 'CUBE',
]);

/** Words that start a clause, so cannot be the object name; ORDER only when BY follows (the Order object exists). */
const CLAUSE_KEYWORDS = new Set(['SELECT', 'FROM', 'WHERE', 'WITH', 'GROUP', 'LIMIT', 'OFFSET', 'FOR', 'USING']);

export function parseSoql(text: string): SoqlQuery {
  return new Parser(tokenize(text)).parseQuery();
}
