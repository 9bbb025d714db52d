import { describe, expect, it } from 'vitest';
import { conditionPaths, mapPaths, parseWhere, toSoql, WhereSyntaxError } from '../../src/records/where.js';
import { parseSoql } from '../support/salesforce/soql.js';

function syntaxError(text: string): WhereSyntaxError {
  try {
    parseWhere(text);
  } catch (e) {
    if (e instanceof WhereSyntaxError) return e;
    throw e;
  }
  throw new Error(`parsed: ${text}`);
}

describe('parseWhere', () => {
  it('reads comparisons, booleans, IN, LIKE and relationship paths', () => {
    expect(parseWhere('IsClosed = false')).toEqual({ kind: 'compare', path: ['IsClosed'], op: '=', value: false });
    expect(parseWhere("Type = 'Customer' AND Account.Industry != null")).toEqual({
      kind: 'and',
      operands: [
        { kind: 'compare', path: ['Type'], op: '=', value: 'Customer' },
        { kind: 'compare', path: ['Account', 'Industry'], op: '!=', value: null },
      ],
    });
    expect(parseWhere("StageName IN ('Closed Won', 'Closed Lost')")).toEqual({
      kind: 'in',
      path: ['StageName'],
      negated: false,
      values: ['Closed Won', 'Closed Lost'],
    });
    expect(parseWhere("Name like '%2026%'")).toEqual({ kind: 'like', path: ['Name'], pattern: '%2026%' });
    expect(parseWhere('Amount >= -1.5')).toMatchObject({ op: '>=', value: -1.5 });
    expect(parseWhere('CloseDate < 2026-01-31')).toMatchObject({ value: { date: '2026-01-31' } });
    expect(parseWhere('Type <> null')).toMatchObject({ op: '!=', value: null });
  });

  it('takes a double-quoted label as one field, with spaces', () => {
    expect(parseWhere(`"Opportunity Name" LIKE 'Acme%'`)).toEqual({ kind: 'like', path: ['Opportunity Name'], pattern: 'Acme%' });
  });

  it('reads NOT, NOT IN, NOT LIKE and parentheses', () => {
    const cond = parseWhere("NOT (Type = 'Customer' OR Type = 'Partner') AND Name NOT LIKE 'Test%' AND Rating NOT IN ('Cold')");
    expect(cond).toMatchObject({
      kind: 'and',
      operands: [
        { kind: 'not', operand: { kind: 'or' } },
        { kind: 'not', operand: { kind: 'like', pattern: 'Test%' } },
        { kind: 'in', negated: true, values: ['Cold'] },
      ],
    });
  });

  it('refuses AND and OR mixed without parentheses, as SOQL does', () => {
    const e = syntaxError("Type = 'A' AND Rating = 'Hot' OR Rating = 'Warm'");
    expect(e.message).toMatch(/parentheses/);
    expect(e.column).toBe(31);
  });

  it('explains mistakes with the column', () => {
    expect(syntaxError("Type = Customer").message).toBe(`"Customer" is not a value: quote text, e.g. 'Customer' (at column 8)`);
    expect(syntaxError('CloseDate = TODAY').message).toMatch(/date literals such as TODAY are not supported/);
    expect(syntaxError('CreatedDate = LAST_N_DAYS:30').message).toMatch(/LAST_N_DAYS:30.*not supported/);
    expect(syntaxError("Type = 'Customer").message).toMatch(/unterminated text.*column 8/);
    expect(syntaxError("WHERE Type = 'x'").message).toMatch(/leave out the WHERE keyword/);
    expect(syntaxError("Type 'x'").message).toMatch(/expected an operator/);
    expect(syntaxError("Type = 'x' Rating = 'y'").message).toMatch(/join conditions with AND or OR/);
    expect(syntaxError('(Type = null').message).toMatch(/closing \)/);
    expect(syntaxError('Amount > null').message).toMatch(/null can only be compared with = or !=/);
    expect(syntaxError("Tags INCLUDES ('a')").message).toMatch(/INCLUDES.*not supported/);
    expect(syntaxError('').message).toMatch(/empty filter/);
  });
});

describe('toSoql', () => {
  it('writes SOQL the org (and the emulator) parses back to the same condition', () => {
    const clauses = [
      "Type = 'Customer' AND IsClosed = false",
      "(Type = 'A' OR Type = 'B') AND Amount > 10",
      "NOT Name LIKE 'Test\\_%'",
      "Name = 'O\\'Brien \\\\ Sons'",
      "StageName NOT IN ('Closed Won', 'Closed Lost')",
      'CloseDate >= 2026-01-01 AND CreatedDate < 2026-01-01T00:00:00Z',
      'Account.Industry = null',
    ];
    for (const clause of clauses) {
      const cond = parseWhere(clause);
      const soql = toSoql(cond);
      expect(parseWhere(soql), soql).toEqual(cond);
      expect(() => parseSoql(`SELECT Id FROM Account WHERE ${soql}`), soql).not.toThrow();
    }
    expect(toSoql(parseWhere("Name = 'O\\'Brien'"))).toBe("Name = 'O\\'Brien'");
    expect(toSoql(parseWhere('NOT Type = null AND (A = 1 OR B = 2)'))).toBe('(NOT Type = null) AND (A = 1 OR B = 2)');
  });

  it('lists and maps the field paths (labels to API names)', () => {
    const cond = parseWhere(`"Opportunity Name" LIKE '%x%' AND Account.Type = 'Customer'`);
    expect(conditionPaths(cond)).toEqual([['Opportunity Name'], ['Account', 'Type']]);
    const mapped = mapPaths(cond, (p) => (p[0] === 'Opportunity Name' ? ['Name'] : p));
    expect(toSoql(mapped)).toBe("Name LIKE '%x%' AND Account.Type = 'Customer'");
  });
});
