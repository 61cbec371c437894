import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFieldCatalog } from './fields';
import type { FieldDef } from './fields';
import { OPERATOR_NAMES } from './model';
import { OPERATORS, compileCondition, operatorsForField } from './operators';
import { SAMPLE_CASE_FIELDS } from './testing/sampleCaseFields';

const catalog = buildFieldCatalog(SAMPLE_CASE_FIELDS);

function field(key: string): FieldDef {
  const def = catalog.fields.get(key);
  if (!def) throw new Error(`no field ${key}`);
  return def;
}

/** Runs one condition; `previous` given means the snapshot has the field. */
function check(
  key: string,
  operator: string,
  value: unknown,
  current: unknown,
  change: { previous?: unknown; hasPrevious?: boolean; hint?: boolean } = {},
): boolean {
  const compiled = compileCondition(field(key), operator, value);
  if (!compiled.ok) throw new Error(`did not compile: ${JSON.stringify(compiled.problems)}`);
  const has = change.hasPrevious ?? 'previous' in change;
  return compiled.test(current, change.previous, has, change.hint);
}

function problems(key: string, operator: string, value: unknown): string[] {
  const compiled = compileCondition(field(key), operator, value);
  if (compiled.ok) return [];
  return compiled.problems.map((p) => `${p.at.join('.')}: ${p.message}`);
}

type Row = [operator: string, value: unknown, current: unknown, outcome: boolean];

function table(key: string, rows: Row[]): void {
  it.each(rows)(`${key} %s %j on %j → %s`, (operator, value, current, outcome) => {
    expect(check(key, operator, value, current)).toBe(outcome);
  });
}

describe('operator applicability by type', () => {
  const expected: Record<string, string[]> = {
    string: [
      'equals',
      'not_equals',
      'contains',
      'not_contains',
      'starts_with',
      'ends_with',
      'in',
      'not_in',
      'is_blank',
      'is_not_blank',
      'changed',
      'changed_to',
      'changed_from',
    ],
    id: ['equals', 'not_equals', 'in', 'not_in', 'is_blank', 'is_not_blank', 'changed', 'changed_to', 'changed_from'],
    number: ['equals', 'not_equals', 'in', 'not_in', 'lt', 'lte', 'gt', 'gte', 'is_blank', 'is_not_blank', 'changed', 'changed_to', 'changed_from'],
    boolean: ['equals', 'not_equals', 'changed', 'changed_to', 'changed_from'],
    date: ['equals', 'not_equals', 'lt', 'lte', 'gt', 'gte', 'is_blank', 'is_not_blank', 'changed', 'changed_to', 'changed_from'],
    multi: ['equals', 'not_equals', 'contains', 'not_contains', 'in', 'not_in', 'is_blank', 'is_not_blank', 'changed', 'changed_to', 'changed_from'],
  };
  it.each([
    ['Case.Subject', 'string'],
    ['Case.Description', 'string'],
    ['Case.Status', 'string'],
    ['Case.Type', 'string'],
    ['Case.SuppliedEmail', 'string'],
    ['Case.SuppliedPhone', 'string'],
    ['Case.Runbook_URL__c', 'string'],
    ['Case.OwnerId', 'id'],
    ['Case.Id', 'id'],
    ['Case.Severity__c', 'number'],
    ['Case.Impact_Score__c', 'number'],
    ['Case.Revenue_At_Risk__c', 'number'],
    ['Case.SLA_Used__c', 'number'],
    ['Case.IsEscalated', 'boolean'],
    ['Case.Due_Date__c', 'date'],
    ['Case.CreatedDate', 'date'],
    ['Case.Products__c', 'multi'],
  ])('%s offers the %s operators', (key, group) => {
    expect(operatorsForField(field(key))).toEqual(expected[group]);
  });

  it('offers no change operators on the event kind (it has no previous value)', () => {
    const ops = operatorsForField(field('incident.event_type'));
    expect(ops).not.toContain('changed');
    expect(problems('incident.event_type', 'changed', undefined)[0]).toMatch(/no previous value/);
  });

  it('every registered operator has a spec with its own name', () => {
    for (const name of OPERATOR_NAMES) expect(OPERATORS[name].name).toBe(name);
  });
});

describe('text (string, textarea, picklist, combobox, email, phone, url)', () => {
  table('Case.Subject', [
    ['equals', 'Disk Full', 'Disk Full', true],
    ['equals', 'Disk Full', 'disk full', true],
    ['equals', 'disk full', 'DISK FULL', true],
    ['equals', 'Disk Full', 'Disk Full ', false],
    ['equals', 'Disk Full', 'Disk', false],
    ['equals', 'Disk Full', null, false],
    ['equals', 'Disk Full', undefined, false],
    ['equals', 'Disk Full', '', false],
    ['equals', '42', 42, true],
    ['equals', 'true', true, true],
    ['equals', 42, '42', true],
    ['equals', 'ÄRGER', 'ärger', true],
    ['equals', 'resume', 'résumé', false],
    ['equals', 'x', { an: 'object' }, false],
    ['not_equals', 'Disk Full', 'disk full', false],
    ['not_equals', 'Disk Full', 'Other', true],
    ['not_equals', 'Disk Full', null, true],
    ['not_equals', 'Disk Full', undefined, true],
    ['not_equals', 'Disk Full', '', true],
    ['contains', 'disk', 'Big DISK issue', true],
    ['contains', 'disk', 'Big drive issue', false],
    ['contains', 'disk', null, false],
    ['contains', 'disk', '', false],
    ['not_contains', 'disk', 'Big DISK issue', false],
    ['not_contains', 'disk', 'Big drive issue', true],
    ['not_contains', 'disk', null, true],
    ['starts_with', 'URGENT', 'urgent: db down', true],
    ['starts_with', 'URGENT', 'not urgent', false],
    ['starts_with', 'URGENT', null, false],
    ['ends_with', 'down', 'DB is DOWN', true],
    ['ends_with', 'down', 'down DB', false],
    ['ends_with', 'down', undefined, false],
    ['in', ['a', 'B'], 'b', true],
    ['in', ['a', 'B'], 'c', false],
    ['in', ['a', 'B'], null, false],
    ['not_in', ['a', 'B'], 'b', false],
    ['not_in', ['a', 'B'], 'c', true],
    ['not_in', ['a', 'B'], null, true],
    ['is_blank', undefined, null, true],
    ['is_blank', undefined, undefined, true],
    ['is_blank', undefined, '', true],
    ['is_blank', undefined, ' ', false],
    ['is_blank', undefined, 'x', false],
    ['is_not_blank', undefined, '', false],
    ['is_not_blank', undefined, 'x', true],
  ]);
  table('Case.Status', [
    ['equals', 'closed', 'Closed', true],
    ['in', ['New', 'Working'], 'WORKING', true],
    ['contains', 'clo', 'Closed', true],
  ]);
  table('Case.Description', [['contains', 'stack trace', 'line 1\nSee STACK TRACE below', true]]);
  table('Case.Type', [['equals', 'Other', 'other', true]]);
  table('Case.SuppliedEmail', [
    ['ends_with', '@example.com', 'Ops@Example.COM', true],
    ['equals', 'ops@example.com', 'OPS@example.com', true],
  ]);
  table('Case.SuppliedPhone', [['starts_with', '+1', '+1 555 0100', true]]);
  table('Case.Runbook_URL__c', [['contains', 'wiki', 'https://WIKI.example.com/rb', true]]);

  it('rejects values outside a restricted picklist, but not for partial matches', () => {
    expect(problems('Case.Status', 'equals', 'Bogus')[0]).toMatch(/"bogus" is not a value of Status; choose one of: New, Working, Escalated, Closed/);
    expect(problems('Case.Status', 'in', ['New', 'Nope'])[0]).toMatch(/^value\.1: "nope" is not a value/);
    expect(problems('Case.Status', 'changed_to', 'Gone')).toHaveLength(1);
    expect(problems('Case.Status', 'contains', 'Clo')).toEqual([]);
    expect(problems('Case.Type', 'equals', 'Anything')).toEqual([]);
  });

  it('requires a non-blank value and the right shape', () => {
    expect(problems('Case.Subject', 'equals', undefined)[0]).toMatch(/needs a value/);
    expect(problems('Case.Subject', 'equals', '')[0]).toMatch(/use "is blank"/);
    expect(problems('Case.Subject', 'equals', ['a'])[0]).toMatch(/takes one value, not a list/);
    expect(problems('Case.Subject', 'in', 'a')[0]).toMatch(/needs a list of values/);
    expect(problems('Case.Subject', 'in', [])[0]).toMatch(/needs a list of values/);
    expect(problems('Case.Subject', 'is_blank', 'x')[0]).toMatch(/takes no value/);
    expect(problems('Case.Subject', 'lt', 'x')[0]).toMatch(/^operator: "less than" does not apply to Subject \(string\)/);
    expect(problems('Case.Subject', 'like', 'x')[0]).toMatch(/^operator: Unknown operator "like"; for Subject use one of: equals, not_equals/);
  });
});

describe('id and reference (15 and 18 characters)', () => {
  const owner15 = '005000000000AbC';
  const owner18 = '005000000000AbCAAU';
  table('Case.OwnerId', [
    ['equals', owner15, owner18, true],
    ['equals', owner18, owner15, true],
    // The lower-case 15-character Id is a different record; its 18-character form differs too.
    ['equals', owner18, '005000000000abcAAA', false],
    ['equals', owner15, '005000000000abc', false],
    ['equals', owner18, owner18.toUpperCase(), true],
    ['equals', owner15, '005000000000ABC', false],
    ['equals', owner15, null, false],
    ['equals', owner15, '', false],
    ['equals', owner15, 'not-an-id', false],
    ['not_equals', owner15, 'not-an-id', true],
    ['not_equals', owner15, null, true],
    ['not_equals', owner15, owner18, false],
    ['in', [owner15, '005000000000001'], owner18, true],
    ['in', ['005000000000001'], owner18, false],
    ['not_in', ['005000000000001'], owner18, true],
    ['not_in', ['005000000000001'], null, true],
    ['is_blank', undefined, null, true],
    ['is_blank', undefined, 'garbage', true],
    ['is_not_blank', undefined, owner18, true],
  ]);
  it('rejects values that are not Ids and text operators', () => {
    expect(problems('Case.OwnerId', 'equals', 'abc')[0]).toMatch(/is not a Salesforce Id/);
    expect(problems('Case.OwnerId', 'in', [owner15, 42])[0]).toMatch(/^value\.1:/);
    expect(problems('Case.OwnerId', 'contains', '005')[0]).toMatch(/does not apply/);
  });
});

describe('numbers (int, double, currency, percent)', () => {
  table('Case.Severity__c', [
    ['equals', 3, 3, true],
    ['equals', 3, '3', true],
    ['equals', 3, '3.0', true],
    ['equals', '3', 3, true],
    ['equals', 3, 3.5, false],
    ['equals', 0, -0, true],
    ['equals', 1000, '1e3', true],
    ['equals', 3, null, false],
    ['equals', 3, undefined, false],
    ['equals', 3, '', false],
    ['equals', 3, 'abc', false],
    ['equals', 3, ' 3', false],
    ['equals', 3, Number.NaN, false],
    ['equals', 3, true, false],
    ['not_equals', 3, 'abc', true],
    ['not_equals', 3, null, true],
    ['not_equals', 3, 4, true],
    ['not_equals', 3, '3', false],
    ['lt', 3, 2, true],
    ['lt', 3, 3, false],
    ['lt', 3, null, false],
    ['lt', 3, -1e9, true],
    ['lte', 3, 3, true],
    ['lte', 3, 3.0001, false],
    ['lte', 3, '', false],
    ['gt', 3, 4, true],
    ['gt', 3, 3, false],
    ['gt', 3, null, false],
    ['gte', 3, 3, true],
    ['gte', 3, 2.9999, false],
    ['gte', '-2.5', -2.5, true],
    ['in', [1, '2', 3], 2, true],
    ['in', [1, 2, 3], '3.00', true],
    ['in', [1, 2, 3], 4, false],
    ['in', [1, 2, 3], null, false],
    ['not_in', [1, 2, 3], 4, true],
    ['not_in', [1, 2, 3], null, true],
    ['is_blank', undefined, 0, false],
    ['is_blank', undefined, null, true],
    ['is_blank', undefined, '', true],
    ['is_blank', undefined, 'abc', true],
    ['is_not_blank', undefined, 0, true],
  ]);
  table('Case.Impact_Score__c', [
    ['gt', 0.1, 0.30000000000000004, true],
    ['equals', 0.3, 0.1 + 0.2, false],
    ['equals', '.5', 0.5, true],
  ]);
  table('Case.Revenue_At_Risk__c', [['gte', 10000, '10000.00', true]]);
  table('Case.SLA_Used__c', [['gt', 80, 80.5, true]]);
  it('rejects values that are not numbers', () => {
    expect(problems('Case.Severity__c', 'equals', 'two')[0]).toMatch(/Enter a number/);
    expect(problems('Case.Severity__c', 'equals', true)[0]).toMatch(/Enter a number/);
    expect(problems('Case.Severity__c', 'gt', Number.POSITIVE_INFINITY)[0]).toMatch(/Enter a number/);
    expect(problems('Case.Severity__c', 'contains', '3')[0]).toMatch(/does not apply/);
  });
});

describe('boolean (checkbox: never blank, blank reads as false)', () => {
  table('Case.IsEscalated', [
    ['equals', true, true, true],
    ['equals', true, 'true', true],
    ['equals', true, 'TRUE', true],
    ['equals', true, false, false],
    ['equals', true, null, false],
    ['equals', false, null, true],
    ['equals', false, undefined, true],
    ['equals', false, '', true],
    ['equals', 'false', false, true],
    ['equals', true, 'yes', false],
    ['equals', false, 'yes', false],
    ['not_equals', true, 'yes', true],
    ['not_equals', true, false, true],
    ['not_equals', false, null, false],
  ]);
  it('rejects non-boolean values and blank operators', () => {
    expect(problems('Case.IsEscalated', 'equals', 'yes')[0]).toMatch(/true or false/);
    expect(problems('Case.IsEscalated', 'equals', 1)[0]).toMatch(/true or false/);
    expect(problems('Case.IsEscalated', 'is_blank', undefined)[0]).toMatch(/does not apply/);
    expect(problems('Case.IsEscalated', 'gt', true)[0]).toMatch(/does not apply/);
  });
});

describe('date (calendar days) and datetime (instants)', () => {
  table('Case.Due_Date__c', [
    ['equals', '2024-05-01', '2024-05-01', true],
    ['equals', '2024-05-01', '2024-05-02', false],
    ['equals', '2024-05-01', '2024-05-01T00:00:00Z', false],
    ['equals', '2024-05-01', null, false],
    ['not_equals', '2024-05-01', null, true],
    ['not_equals', '2024-05-01', '2024-02-30', true],
    ['lt', '2024-05-01', '2024-04-30', true],
    ['lt', '2024-05-01', '2024-05-01', false],
    ['lte', '2024-05-01', '2024-05-01', true],
    ['gt', '2024-02-28', '2024-02-29', true],
    ['gt', '2023-12-31', '2024-01-01', true],
    ['gte', '2024-05-01', '1999-05-01', false],
    ['gt', '2024-05-01', '2024-13-01', false],
    ['is_blank', undefined, '', true],
    ['is_blank', undefined, 'not a date', true],
    ['is_not_blank', undefined, '2024-05-01', true],
  ]);
  table('Case.CreatedDate', [
    ['equals', '2024-05-01T12:00:00+02:00', '2024-05-01T10:00:00.000+0000', true],
    ['equals', '2024-05-01T10:00:00Z', '2024-05-01T10:00:00.001Z', false],
    ['equals', '2024-05-01T10:00:00.123Z', '2024-05-01T10:00:00.1234Z', true],
    ['equals', '2024-05-01T10:00Z', '2024-05-01T10:00:00Z', true],
    ['equals', '2024-05-01T10:00:00Z', '2024-05-01', false],
    ['equals', '2024-05-01T10:00:00Z', null, false],
    ['lt', '2024-05-01T10:00:00Z', '2024-05-01T09:59:59.999Z', true],
    ['lt', '2024-05-01T10:00:00Z', '2024-05-01T11:59:59+02:00', true],
    ['lte', '2024-05-01T10:00:00Z', '2024-05-01T10:00:00Z', true],
    ['gt', '2024-05-01T10:00:00Z', '2024-05-01T06:00:01-04:00', true],
    ['gte', '2024-05-01T10:00:00Z', '2024-05-01T10:00:00-00:01', true],
    ['gt', '2024-05-01T10:00:00Z', '2024-05-01T25:00:00Z', false],
    ['not_equals', '2024-05-01T10:00:00Z', 'yesterday', true],
    ['is_blank', undefined, null, true],
  ]);
  it('rejects malformed dates and datetimes without a zone', () => {
    expect(problems('Case.Due_Date__c', 'equals', '2024-5-1')[0]).toMatch(/YYYY-MM-DD/);
    expect(problems('Case.Due_Date__c', 'equals', '2023-02-29')[0]).toMatch(/YYYY-MM-DD/);
    expect(problems('Case.CreatedDate', 'equals', '2024-05-01')[0]).toMatch(/a time and a zone are needed/);
    expect(problems('Case.CreatedDate', 'equals', '2024-05-01T10:00:00')[0]).toMatch(/Enter a date and time/);
    expect(problems('Case.CreatedDate', 'in', ['2024-05-01T10:00:00Z'])[0]).toMatch(/does not apply/);
  });
});

describe('multi-select picklist (A;B;C sets)', () => {
  table('Case.Products__c', [
    ['equals', 'billing;api', 'API;Billing', true],
    ['equals', ['API', 'Billing'], 'Billing;API', true],
    ['equals', 'API', 'API;Billing', false],
    ['equals', 'API', null, false],
    ['not_equals', 'API', 'API;Billing', true],
    ['not_equals', 'API', null, true],
    ['contains', 'api', 'API;Billing', true],
    ['contains', 'API;Mobile', 'API;Billing', false],
    ['contains', ['API', 'Billing'], 'Billing;Web;API', true],
    ['contains', 'API', null, false],
    ['contains', 'API', ['api'], true],
    ['not_contains', 'Mobile', 'API;Billing', true],
    ['not_contains', 'API', 'API;Billing', false],
    ['not_contains', 'API', '', true],
    ['in', ['Mobile', 'API'], 'API;Billing', true],
    ['in', ['Mobile'], 'API;Billing', false],
    ['in', ['Mobile'], null, false],
    ['not_in', ['Mobile'], 'API;Billing', true],
    ['not_in', ['Mobile'], null, true],
    ['is_blank', undefined, '', true],
    ['is_blank', undefined, ';', true],
    ['is_blank', undefined, [], true],
    ['is_blank', undefined, 'API', false],
    ['is_not_blank', undefined, ' API ; ', true],
  ]);
  table('incident.assignee_names', [
    ['contains', 'alice', ['Alice', 'Bob'], true],
    ['in', ['Carol', 'bob'], ['Alice', 'Bob'], true],
    ['is_blank', undefined, [], true],
  ]);
  it('checks values against a restricted multi-select and rejects text-only operators', () => {
    expect(problems('Case.Products__c', 'contains', 'Hardware')[0]).toMatch(/"hardware" is not a value of Products/);
    expect(problems('Case.Products__c', 'starts_with', 'A')[0]).toMatch(/does not apply/);
    expect(problems('Case.Products__c', 'equals', ';')[0]).toMatch(/one or more values/);
  });
});

describe('changed, changed_to, changed_from', () => {
  it('compares current and previous exactly, blank to blank is no change', () => {
    expect(check('Case.Status', 'changed', undefined, 'Working', { previous: 'New' })).toBe(true);
    expect(check('Case.Status', 'changed', undefined, 'New', { previous: 'New' })).toBe(false);
    expect(check('Case.Subject', 'changed', undefined, 'Disk', { previous: 'disk' })).toBe(true);
    expect(check('Case.Subject', 'changed', undefined, '', { previous: null })).toBe(false);
    expect(check('Case.Subject', 'changed', undefined, 'x', { previous: null })).toBe(true);
    expect(check('Case.Subject', 'changed', undefined, null, { previous: 'x' })).toBe(true);
    expect(check('Case.Severity__c', 'changed', undefined, 3, { previous: '3.0' })).toBe(false);
    expect(check('Case.Products__c', 'changed', undefined, 'API;Web', { previous: 'Web;API' })).toBe(false);
    expect(check('Case.Products__c', 'changed', undefined, 'API;Web', { previous: 'API' })).toBe(true);
    expect(check('Case.IsEscalated', 'changed', undefined, true, { previous: false })).toBe(true);
    expect(check('Case.IsEscalated', 'changed', undefined, false, { previous: null })).toBe(false);
    expect(check('Case.CreatedDate', 'changed', undefined, '2024-05-01T10:00:00Z', { previous: '2024-05-01T12:00:00+02:00' })).toBe(false);
    expect(check('Case.OwnerId', 'changed', undefined, '005000000000AbCAAU', { previous: '005000000000AbC' })).toBe(false);
  });

  it('without a previous value uses the event changed-fields hint, else is false', () => {
    expect(check('Case.Status', 'changed', undefined, 'Working')).toBe(false);
    expect(check('Case.Status', 'changed', undefined, 'Working', { hint: true })).toBe(true);
    expect(check('Case.Status', 'changed', undefined, 'Working', { hint: false })).toBe(false);
    expect(check('Case.Status', 'changed_to', 'working', 'Working', { hint: true })).toBe(true);
    expect(check('Case.Status', 'changed_from', 'New', 'Working', { hint: true })).toBe(false);
  });

  it('changed_to needs a change and the new value', () => {
    expect(check('Case.Status', 'changed_to', 'closed', 'Closed', { previous: 'New' })).toBe(true);
    expect(check('Case.Status', 'changed_to', 'closed', 'Closed', { previous: 'Closed' })).toBe(false);
    expect(check('Case.Status', 'changed_to', 'closed', 'Working', { previous: 'New' })).toBe(false);
    expect(check('Case.Status', 'changed_to', 'closed', null, { previous: 'New' })).toBe(false);
    expect(check('Case.Severity__c', 'changed_to', 1, '1', { previous: 2 })).toBe(true);
  });

  it('changed_from needs a known previous value equal to the given one', () => {
    expect(check('Case.Status', 'changed_from', 'new', 'Working', { previous: 'New' })).toBe(true);
    expect(check('Case.Status', 'changed_from', 'new', 'New', { previous: 'New' })).toBe(false);
    expect(check('Case.Status', 'changed_from', 'new', 'Working', { previous: 'Escalated' })).toBe(false);
    expect(check('Case.Status', 'changed_from', 'new', 'Working', { previous: null })).toBe(false);
    expect(check('Case.Due_Date__c', 'changed_from', '2024-05-01', '2024-06-01', { previous: '2024-05-01' })).toBe(true);
  });

  it('validates their values like equals does', () => {
    expect(problems('Case.Status', 'changed', 'x')[0]).toMatch(/takes no value/);
    expect(problems('Case.Status', 'changed_to', undefined)[0]).toMatch(/needs a value/);
    expect(problems('Case.Severity__c', 'changed_from', 'high')[0]).toMatch(/Enter a number/);
  });
});

describe('negative operators are exact complements', () => {
  const anyRuntimeValue = fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.constant(''),
    fc.string(),
    fc.constantFrom('API;Billing', 'Web', '2024-05-01', '2024-05-01T10:00:00Z', '005000000000AbC', 'true', 'FALSE', '3', '3.0'),
    fc.integer({ min: -5, max: 5 }),
    fc.double(),
    fc.boolean(),
    fc.array(fc.constantFrom('API', 'Billing', 'Web', 'x')),
  );
  const cases: [string, string, string, unknown][] = [
    ['Case.Subject', 'equals', 'not_equals', 'Disk'],
    ['Case.Subject', 'contains', 'not_contains', 'is'],
    ['Case.Subject', 'in', 'not_in', ['a', 'b', '3']],
    ['Case.Subject', 'is_blank', 'is_not_blank', undefined],
    ['Case.OwnerId', 'equals', 'not_equals', '005000000000AbC'],
    ['Case.Severity__c', 'equals', 'not_equals', 3],
    ['Case.Severity__c', 'in', 'not_in', [3, -1]],
    ['Case.Severity__c', 'is_blank', 'is_not_blank', undefined],
    ['Case.IsEscalated', 'equals', 'not_equals', false],
    ['Case.Due_Date__c', 'equals', 'not_equals', '2024-05-01'],
    ['Case.CreatedDate', 'equals', 'not_equals', '2024-05-01T10:00:00Z'],
    ['Case.Products__c', 'contains', 'not_contains', 'API'],
    ['Case.Products__c', 'in', 'not_in', ['Web']],
    ['Case.Products__c', 'equals', 'not_equals', 'API;Billing'],
  ];
  it.each(cases)('%s: %s vs %s', (key, positive, negative, value) => {
    fc.assert(
      fc.property(anyRuntimeValue, (current) => {
        expect(check(key, negative, value, current)).toBe(!check(key, positive, value, current));
      }),
      { numRuns: 300 },
    );
  });

  it('no operator throws on any runtime value', () => {
    const fieldKeys = ['Case.Subject', 'Case.OwnerId', 'Case.Severity__c', 'Case.IsEscalated', 'Case.Due_Date__c', 'Case.CreatedDate', 'Case.Products__c'];
    const sampleValue: Record<string, unknown> = {
      'Case.Subject': 'a',
      'Case.OwnerId': '005000000000AbC',
      'Case.Severity__c': 1,
      'Case.IsEscalated': true,
      'Case.Due_Date__c': '2024-05-01',
      'Case.CreatedDate': '2024-05-01T10:00:00Z',
      'Case.Products__c': 'API',
    };
    for (const key of fieldKeys) {
      for (const operator of operatorsForField(field(key))) {
        const spec = OPERATORS[operator];
        const value = spec.value === 'none' ? undefined : spec.value === 'list' ? [sampleValue[key] as string] : sampleValue[key];
        const compiled = compileCondition(field(key), operator, value);
        expect(compiled.ok, `${key} ${operator}`).toBe(true);
        if (!compiled.ok) continue;
        fc.assert(
          fc.property(anyRuntimeValue, anyRuntimeValue, fc.boolean(), fc.option(fc.boolean(), { nil: undefined }), (cur, prev, has, hint) => {
            expect(typeof compiled.test(cur, prev, has, hint)).toBe('boolean');
          }),
          { numRuns: 50 },
        );
      }
    }
  });
});
