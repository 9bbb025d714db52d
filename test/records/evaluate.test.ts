import { describe, expect, it } from 'vitest';
import { likeRegExp, matches } from '../../src/records/evaluate.js';
import { parseWhere } from '../../src/records/where.js';

const record = {
  Name: 'Acme expansion 2026',
  Type: 'Customer',
  IsClosed: false,
  Amount: 25000,
  CloseDate: '2026-09-30',
  CreatedDate: '2026-01-15T10:00:00.000+0000',
  Description: '',
};

function test(clause: string, fields: Record<string, unknown> = record): boolean {
  return matches(parseWhere(clause), (path) => fields[path.join('.')]);
}

describe('matches (SOQL semantics for folder records)', () => {
  it('compares text without regard to case', () => {
    expect(test("Type = 'customer'")).toBe(true);
    expect(test("Type != 'CUSTOMER'")).toBe(false);
    expect(test("Type IN ('prospect', 'CUSTOMER')")).toBe(true);
  });

  it('treats a missing field and empty text as null', () => {
    expect(test('Description = null')).toBe(true);
    expect(test('Rating = null')).toBe(true);
    expect(test("Rating != 'Hot'")).toBe(true); // != matches nulls, as in SOQL
    expect(test("Rating NOT IN ('Hot')")).toBe(true);
    expect(test("Rating = 'Hot'")).toBe(false);
    expect(test("Rating < 'Hot'")).toBe(false); // ordering never matches null
    expect(test("Rating LIKE '%'")).toBe(false);
  });

  it('compares booleans, numbers and dates by type', () => {
    expect(test('IsClosed = false')).toBe(true);
    expect(test('IsClosed = true')).toBe(false);
    expect(test('IsClosed = false', { IsClosed: 'false' })).toBe(true);
    expect(test('Amount > 20000 AND Amount <= 25000')).toBe(true);
    expect(test('Amount > 20000', { Amount: '30000' })).toBe(true);
    expect(test("Amount > 5", { Amount: 'many' })).toBe(false);
    expect(test('CloseDate >= 2026-01-01 AND CloseDate < 2027-01-01')).toBe(true);
    expect(test('CreatedDate = 2026-01-15')).toBe(true); // a date against a datetime compares the day
  });

  it('combines with AND, OR and NOT', () => {
    expect(test("Type = 'Customer' AND (Amount > 1000000 OR IsClosed = false)")).toBe(true);
    expect(test("NOT Type = 'Customer'")).toBe(false);
    expect(test("Name NOT LIKE '%2026%'")).toBe(false);
  });

  it('reads LIKE wildcards and escapes', () => {
    expect(test("Name LIKE 'acme%'")).toBe(true);
    expect(test("Name LIKE '%expansion ____'")).toBe(true);
    expect(likeRegExp('100\\%').test('100%')).toBe(true);
    expect(likeRegExp('100\\%').test('1000')).toBe(false);
    expect(likeRegExp('a\\_b').test('axb')).toBe(false);
    expect(likeRegExp('(x).*[y]').test('(x).*[y]')).toBe(true); // regex characters are literal
  });
});
