import { describe, expect, it } from 'vitest';
import { parseSoql, SoqlSyntaxError } from './salesforce/soql.js';

describe('Salesforce emulator: SOQL parser', () => {
  it('parses fields, relationship paths, WHERE, ORDER BY, LIMIT and OFFSET', () => {
    expect(
      parseSoql("select Id, Account.Name from Contact where (Email != null or Title like 'VP%') and Age__c >= -5 order by LastName desc nulls first, Id limit 10 offset 5"),
    ).toEqual({
      select: [
        { kind: 'field', path: ['Id'] },
        { kind: 'field', path: ['Account', 'Name'] },
      ],
      from: 'Contact',
      where: {
        kind: 'and',
        operands: [
          {
            kind: 'or',
            operands: [
              { kind: 'compare', path: ['Email'], op: '!=', value: null },
              { kind: 'like', path: ['Title'], pattern: 'VP%' },
            ],
          },
          { kind: 'compare', path: ['Age__c'], op: '>=', value: -5 },
        ],
      },
      orderBy: [
        { path: ['LastName'], descending: true, nullsLast: false },
        { path: ['Id'], descending: false, nullsLast: false },
      ],
      limit: 10,
      offset: 5,
    });
  });

  it('parses IN / NOT IN lists, NOT, booleans, dates and escaped strings', () => {
    const query = parseSoql(
      "SELECT Id FROM Account WHERE Industry NOT IN ('A', 'B\\'s') AND NOT IsDeleted = true AND CreatedDate > 2024-01-31T00:00:00Z AND Rating IN ('Hot')",
    );
    expect(query.where).toEqual({
      kind: 'and',
      operands: [
        { kind: 'in', path: ['Industry'], negated: true, values: ['A', "B's"] },
        { kind: 'not', operand: { kind: 'compare', path: ['IsDeleted'], op: '=', value: true } },
        { kind: 'compare', path: ['CreatedDate'], op: '>', value: { date: '2024-01-31T00:00:00Z' } },
        { kind: 'in', path: ['Rating'], negated: false, values: ['Hot'] },
      ],
    });
    expect(parseSoql('SELECT COUNT() FROM Lead').select).toEqual([{ kind: 'count' }]);
    expect(parseSoql("SELECT Id FROM Lead WHERE Name <> 'x'").where).toMatchObject({ op: '!=' });
    expect(parseSoql('SELECT Id FROM Order ORDER BY Id')).toMatchObject({ from: 'Order', orderBy: [{ path: ['Id'] }] });
  });

  it.each([
    'SELECT Id FROM Account GROUP BY Name',
    'SELECT Id, (SELECT Id FROM Contacts) FROM Account',
    "SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'",
    'SELECT Id FROM Account WHERE CreatedDate = TODAY',
    'SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:3',
    'SELECT toLabel(Industry) FROM Account',
    'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact)',
    "SELECT Id FROM Account WHERE Name = 'unterminated",
    'SELECT Id FROM Account WHERE Name = :bind',
    'SELECT FROM Account',
    'SELECT Id FROM ORDER BY Id',
    'SELECT Id FROM Account LIMIT',
    'SELECT Id FROM Account WITH SECURITY_ENFORCED',
  ])('rejects %s', (soql) => {
    expect(() => parseSoql(soql)).toThrow(SoqlSyntaxError);
  });

  it('words errors like Salesforce: position and unexpected token', () => {
    expect(() => parseSoql('SELECT Id FROM Account GROUP BY Name')).toThrow('ERROR at Row:1:Column:24\nunexpected token: GROUP');
  });
});
