import { describe, expect, it } from 'vitest';
import { SoqlError } from './index';
import { expectError, run, soqlError } from './testHelpers';
import { atToken } from './errors';

const CUSTOM_FIELD_HINT =
  "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";

describe('SOQL errors', () => {
  it('unknown object: INVALID_TYPE with the position, as Salesforce words it', () => {
    const error = expectError('SELECT Id FROM Foo', 'INVALID_TYPE', "sObject type 'Foo' is not supported.");
    expect(error.message).toBe(
      "\nSELECT Id FROM Foo\n               ^\nERROR at Row:1:Column:16\nsObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
    );
    expect(error).toBeInstanceOf(SoqlError);
    expect(error).toBeInstanceOf(Error);
  });

  it('unknown field: INVALID_FIELD naming the column and the entity it was looked up on', () => {
    const error = expectError('SELECT Id, Foo FROM Case', 'INVALID_FIELD', `No such column 'Foo' on entity 'Case'. ${CUSTOM_FIELD_HINT}`);
    expect(error.message.startsWith('\nSELECT Id, Foo FROM Case\n           ^\nERROR at Row:1:Column:12\n')).toBe(true);
    expectError('SELECT Account.Foo FROM Case', 'INVALID_FIELD', "No such column 'Foo' on entity 'Account'");
    expectError("SELECT Id FROM Case WHERE Foo__c = 'x'", 'INVALID_FIELD', "No such column 'Foo__c' on entity 'Case'");
    expectError('SELECT Id FROM Case ORDER BY Nope', 'INVALID_FIELD', "No such column 'Nope' on entity 'Case'");
  });

  it('unknown relationship: INVALID_FIELD', () => {
    expectError('SELECT Acount.Name FROM Case', 'INVALID_FIELD', "Didn't understand relationship 'Acount' in field path.");
    expectError('SELECT Subject.Name FROM Case', 'INVALID_FIELD', "Didn't understand relationship 'Subject' in field path.");
  });

  it('filtering or sorting on a long text area: INVALID_FIELD', () => {
    expectError("SELECT Id FROM Case WHERE Description LIKE '%x%'", 'INVALID_FIELD', "field 'Description' can not be filtered in a query call");
    expectError('SELECT Id FROM Case ORDER BY Description', 'INVALID_FIELD', "field 'Description' can not be sorted in a query call");
    expect(run('SELECT Description FROM Case LIMIT 1').records[0]).toHaveProperty('Description');
  });

  it('syntax errors: MALFORMED_QUERY with the unexpected token', () => {
    expectError('SELECT Id FROM', 'MALFORMED_QUERY', "unexpected token: '<EOF>'");
    expectError("SELECT Id FROM Case WHERE Status = 'New' AND", 'MALFORMED_QUERY', "unexpected token: '<EOF>'");
    expectError('SELECT Id FROM Case WHERE Status = "New"', 'MALFORMED_QUERY', `unexpected character: '"'`);
    expectError('SELECT Id FROM Case LIMIT', 'MALFORMED_QUERY', 'unexpected token');
    expectError('', 'MALFORMED_QUERY', "unexpected token: '<EOF>'");
    expectError('DELETE FROM Case', 'MALFORMED_QUERY', 'unexpected token');
  });

  it('mixing AND and OR without parentheses: MALFORMED_QUERY as Salesforce', () => {
    expectError("SELECT Id FROM Case WHERE Status = 'New' OR Priority = 'High' AND IsEscalated = true", 'MALFORMED_QUERY', 'unexpected token: AND');
    expectError("SELECT Id FROM Case WHERE Status = 'New' AND Priority = 'High' OR IsEscalated = true", 'MALFORMED_QUERY', 'unexpected token: OR');
  });

  it('unsupported constructs: MALFORMED_QUERY naming them', () => {
    expectError('SELECT Status, COUNT(Id) FROM Case GROUP BY Status', 'MALFORMED_QUERY', 'GROUP BY is not supported by this emulator');
    expectError(
      'SELECT Id, (SELECT Id, (SELECT Id FROM CaseComments) FROM Cases) FROM Account',
      'MALFORMED_QUERY',
      'A subquery inside a subquery is not supported by this emulator',
    );
    expectError(
      'SELECT Id FROM Case WHERE CALENDAR_YEAR(CreatedDate) = 2024',
      'MALFORMED_QUERY',
      'The function CALENDAR_YEAR(CreatedDate) in WHERE is not supported by this emulator',
    );
    expectError('SELECT toLabel(Status) FROM Case', 'MALFORMED_QUERY', 'in the select list is not supported by this emulator');
    expectError('SELECT Id FROM Case ORDER BY COUNT(Id)', 'MALFORMED_QUERY', 'in ORDER BY is not supported by this emulator');
    expectError('SELECT Id FROM Case USING SCOPE mine', 'MALFORMED_QUERY', 'USING SCOPE is not supported by this emulator');
    expectError('SELECT Id FROM Case FOR UPDATE', 'MALFORMED_QUERY', 'FOR UPDATE is not supported by this emulator');
  });

  it('accepts WITH SECURITY_ENFORCED (the emulator has no field-level security)', () => {
    expect(run("SELECT Id FROM Case WHERE Status = 'New' WITH SECURITY_ENFORCED").totalSize).toBe(2);
  });

  it('literal of the wrong type: INVALID_FIELD in Salesforce words', () => {
    expectError(
      'SELECT Id FROM Case WHERE Status = 1',
      'INVALID_FIELD',
      "value of filter criterion for field 'Status' must be of type string and should be enclosed in quotes",
    );
    expectError(
      "SELECT Id FROM Case WHERE IsEscalated = 'true'",
      'INVALID_FIELD',
      "value of filter criterion for field 'IsEscalated' must be of type boolean and should not be enclosed in quotes",
    );
    expectError("SELECT Id FROM Case WHERE Score__c > '4'", 'INVALID_FIELD', "field 'Score__c' must be of type double and should not be enclosed in quotes");
    expectError("SELECT Id FROM Account WHERE NumberOfEmployees = 'x'", 'INVALID_FIELD', 'must be of type integer');
    expectError('SELECT Id FROM Case WHERE Subject = TODAY', 'INVALID_FIELD', 'must be of type string');
  });

  it('bad Ids and operators that do not fit the field: INVALID_QUERY_FILTER_OPERATOR', () => {
    expectError("SELECT Id FROM Case WHERE Id = 'abc'", 'INVALID_QUERY_FILTER_OPERATOR', 'invalid ID field: abc');
    expectError("SELECT Id FROM Case WHERE IsEscalated LIKE 'x'", 'INVALID_QUERY_FILTER_OPERATOR', 'invalid operator on boolean field');
    expectError('SELECT Id FROM Case WHERE IsEscalated > false', 'INVALID_QUERY_FILTER_OPERATOR', 'invalid operator on boolean field');
    expectError("SELECT Id FROM Case WHERE Status INCLUDES ('New')", 'INVALID_QUERY_FILTER_OPERATOR', 'only valid on multipicklist field');
    expectError("SELECT Id FROM Case WHERE Tags__c LIKE 'V%'", 'INVALID_QUERY_FILTER_OPERATOR', 'invalid operator on multipicklist field');
  });

  it('bad string escapes: MALFORMED_QUERY', () => {
    expectError("SELECT Id FROM Case WHERE Subject = 'a\\qb'", 'MALFORMED_QUERY', "Illegal character sequence '\\q' in string literal");
  });

  it('OFFSET above 2000: NUMBER_OUTSIDE_VALID_RANGE', () => {
    expectError('SELECT Id FROM Case LIMIT 5 OFFSET 2001', 'NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000');
    expect(run('SELECT Id FROM Case OFFSET 2000').totalSize).toBe(0);
  });

  it('COUNT() and aggregates that Salesforce refuses', () => {
    expectError('SELECT Id, COUNT() FROM Case', 'MALFORMED_QUERY', 'COUNT()');
    expectError('SELECT Status, COUNT(Id) FROM Case', 'MALFORMED_QUERY', 'Field must be grouped or aggregated: Status');
    expectError('SELECT COUNT() FROM Case ORDER BY Subject', 'MALFORMED_QUERY', 'Ordered field must be grouped or aggregated: Subject');
    expectError('SELECT MAX(CreatedDate) FROM Case ORDER BY Status', 'MALFORMED_QUERY', 'Ordered field must be grouped or aggregated: Status');
    expectError('SELECT SUM(Subject) FROM Case', 'MALFORMED_QUERY', 'does not support aggregate operator SUM');
  });

  it('FIELDS(ALL) needs a LIMIT of at most 200', () => {
    expectError('SELECT FIELDS(ALL) FROM Case', 'MALFORMED_QUERY', 'The SOQL FIELDS function must have a LIMIT of at most 200');
    expectError('SELECT FIELDS(CUSTOM) FROM Case LIMIT 201', 'MALFORMED_QUERY', 'LIMIT of at most 200');
  });

  it('never throws anything but SoqlError for hostile input', () => {
    for (const soql of [
      "SELECT Id FROM Case WHERE Subject = '\\",
      'SELECT',
      '))))',
      "SELECT Id FROM Case WHERE Subject = '\\u12'",
      'SELECT Id FROM Case WHERE (Status = 1',
      '\u0000',
    ]) {
      expect(soqlError(soql)).toBeInstanceOf(SoqlError);
    }
  });

  it('locates tokens outside string literals and falls back to the bare text', () => {
    expect(atToken("SELECT Id FROM Case WHERE Subject = 'Foo' AND Foo = 1", 'Foo', 'x')).toContain('Column:47');
    expect(atToken('SELECT Id FROM Case', 'Missing', 'bare text')).toBe('bare text');
    expect(atToken('SELECT Id\nFROM Foo', 'Foo', 't')).toBe('\nFROM Foo\n     ^\nERROR at Row:2:Column:6\nt');
  });
});
