import { describe, expect, it } from 'vitest';
import { compileRulesets, validateRuleset } from './compile';
import { buildFieldCatalog, caseFieldInfoFromDescribe, requiredCaseFieldsForCreate } from './fields';
import type { Rule, Ruleset } from './model';
import { newRule, newRuleset } from './model';
import { SAMPLE_CASE_FIELDS } from './testing/sampleCaseFields';

/** An expected message by pattern (expect.stringMatching is typed any). */
const matching = (pattern: RegExp): string => expect.stringMatching(pattern) as string;

const catalog = buildFieldCatalog(SAMPLE_CASE_FIELDS);

function caseRule(overrides: Partial<Rule> = {}): Rule {
  return { ...newRule({ id: 'r1', name: 'High priority' }), ...overrides };
}

function ruleset(rules: Rule[], overrides: Partial<Ruleset> = {}): Ruleset {
  return { ...newRuleset({ id: 'rs1', name: 'Main', position: 0 }), enabled: true, rules, ...overrides };
}

function errorsOf(rulesets: Ruleset[]): { path: string; message: string }[] {
  const result = compileRulesets(rulesets, catalog);
  return result.ok ? [] : result.errors;
}

describe('compileRulesets: save-time errors carry their path', () => {
  it('accepts a valid ruleset of both rule kinds', () => {
    const result = compileRulesets(
      [
        ruleset([
          caseRule({
            conditions: [
              { field: 'Case.Priority', operator: 'equals', value: 'High' },
              { field: 'Case.Status', operator: 'changed_to', value: 'Escalated' },
            ],
            filterLogic: { kind: 'custom', expression: '1 OR 2' },
            actions: [{ type: 'create_incident', serviceId: 'PSVC1', title: '{{Case.CaseNumber}}: {{Case.Subject}}' }],
          }),
          {
            id: 'r2',
            name: 'Resolved',
            runOn: { kind: 'incident', events: ['incident.resolved'] },
            conditions: [{ field: 'incident.urgency', operator: 'equals', value: 'high' }],
            filterLogic: { kind: 'all' },
            actions: [{ type: 'set_case_fields', values: { Status: 'Closed', PagerDuty_Status__c: '{{incident.status}}' } }],
            stopProcessing: false,
          },
        ]),
      ],
      catalog,
    );
    expect(result.ok).toBe(true);
  });

  it('reports unknown fields, wrong scopes, bad operators and values with paths', () => {
    const errors = errorsOf([
      ruleset([caseRule()]),
      ruleset(
        [
          caseRule({ id: 'a' }),
          caseRule({ id: 'b' }),
          caseRule({
            id: 'c',
            conditions: [
              { field: 'Case.Subject', operator: 'equals', value: 'x' },
              { field: 'Case.subject', operator: 'equals', value: 'x' },
              { field: 'incident.status', operator: 'equals', value: 'resolved' },
              { field: 'Case.Severity__c', operator: 'contains', value: '1' },
              { field: 'Case.Severity__c', operator: 'gt', value: 'high' },
              { field: 'Case.Status', operator: 'matches', value: 'x' },
            ],
            filterLogic: { kind: 'custom', expression: '1 AND 2 AND 3 AND 4 AND 5 AND 6' },
          }),
        ],
        { id: 'rs2' },
      ),
    ]);
    expect(errors).toEqual([
      { path: 'rulesets[1].rules[2].conditions[1].field', message: 'Unknown field Case.subject; did you mean Case.Subject?' },
      { path: 'rulesets[1].rules[2].conditions[2].field', message: 'incident.status is a PagerDuty field; Case rules use Case fields' },
      { path: 'rulesets[1].rules[2].conditions[3].operator', message: matching(/^"contains" does not apply to Severity \(int\)/) },
      { path: 'rulesets[1].rules[2].conditions[4].value', message: matching(/^Enter a number/) },
      { path: 'rulesets[1].rules[2].conditions[5].operator', message: matching(/^Unknown operator "matches"/) },
    ]);
  });

  it('reports filter logic errors with the column', () => {
    const errors = errorsOf([
      ruleset([
        caseRule({
          conditions: [
            { field: 'Case.Subject', operator: 'is_blank' },
            { field: 'Case.Origin', operator: 'is_blank' },
          ],
          filterLogic: { kind: 'custom', expression: '1 AND (2 OR 3)' },
        }),
      ]),
    ]);
    expect(errors).toEqual([
      { path: 'rulesets[0].rules[0].filterLogic.expression', message: 'Condition 3 at column 12 does not exist; conditions are numbered 1 to 2' },
    ]);
  });

  it('reports template, value and required-field errors in actions', () => {
    const errors = errorsOf([
      ruleset([
        caseRule({
          actions: [
            { type: 'create_incident', serviceId: 'P1', title: 'Case {{Case.Subjct}}', details: '{{incident.title}}' },
            { type: 'add_note', content: 'open {{Case.Subject' },
          ],
        }),
        {
          id: 'r2',
          name: 'PD',
          runOn: { kind: 'incident', events: ['incident.triggered'] },
          conditions: [],
          filterLogic: { kind: 'all' },
          actions: [
            {
              type: 'set_case_fields',
              values: { CaseNumber: 'x', Status: 'Nope', Severity__c: 'high', IsEscalated: '{{incident.title}}', Region__c: null, Nope__c: 'x' },
            },
            { type: 'create_case', values: { Subject: '{{incident.title}}' } },
            { type: 'add_case_comment', body: '{{Case.Subject}}' },
          ],
          stopProcessing: false,
        },
      ]),
    ]);
    expect(errors).toEqual([
      { path: 'rulesets[0].rules[0].actions[0].title', message: 'Unknown field Case.Subjct at column 5' },
      { path: 'rulesets[0].rules[0].actions[0].details', message: 'incident.title at column 0 is not available in Case rules; use Case.… fields' },
      { path: 'rulesets[0].rules[0].actions[1].content', message: '"{{" at column 5 is never closed with "}}"' },
      { path: 'rulesets[0].rules[1].actions[0].values.CaseNumber', message: 'Case Number (CaseNumber) cannot be updated' },
      { path: 'rulesets[0].rules[1].actions[0].values.Status', message: matching(/^"Nope" is not a value of Status/) },
      { path: 'rulesets[0].rules[1].actions[0].values.Severity__c', message: matching(/^Severity: Enter a number/) },
      {
        path: 'rulesets[0].rules[1].actions[0].values.IsEscalated',
        message: matching(/^Escalated is true or false: use a literal value or a single placeholder/),
      },
      { path: 'rulesets[0].rules[1].actions[0].values.Region__c', message: 'Region cannot be blank' },
      { path: 'rulesets[0].rules[1].actions[0].values.Nope__c', message: 'Unknown Case field Nope__c' },
      { path: 'rulesets[0].rules[1].actions[1].values', message: 'Create Case must set every required field; missing: Region__c' },
      { path: 'rulesets[0].rules[1].actions[2].body', message: 'Case.Subject at column 0 is not available in PagerDuty incident rules; use incident.… fields' },
    ]);
  });

  it('rejects duplicate ruleset ids and still validates disabled rulesets', () => {
    const errors = errorsOf([ruleset([]), ruleset([caseRule({ conditions: [{ field: 'Case.Nope', operator: 'is_blank' }] })], { enabled: false })]);
    expect(errors.map((e) => e.path)).toEqual(['rulesets[1].id', 'rulesets[1].rules[0].conditions[0].field']);
  });
});

describe('validateRuleset: the server-side check of untrusted input', () => {
  it('returns zod shape errors with paths', () => {
    const result = validateRuleset(
      {
        id: 'rs',
        name: '',
        enabled: 'yes',
        position: -1,
        rules: [{ ...newRule({ id: 'r', name: 'R' }), extra: true, actions: [{ type: 'set_case_fields', values: { Status: 'Closed' } }] }],
      },
      catalog,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'enabled', 'position', 'rules[0]', 'rules[0].actions[0].type']));
    expect(result.errors.find((e) => e.path === 'rules[0].actions[0].type')?.message).toMatch(/A Case rule can only create_incident/);
  });

  it('returns catalog errors relative to the ruleset', () => {
    const result = validateRuleset(ruleset([caseRule({ conditions: [{ field: 'Case.Nope', operator: 'is_blank' }] })]), catalog);
    expect(result).toEqual({ ok: false, errors: [{ path: 'rules[0].conditions[0].field', message: 'Unknown field Case.Nope' }] });
  });

  it('rejects duplicate rule ids, empty incident event lists and empty update actions', () => {
    const result = validateRuleset(
      ruleset([
        caseRule({ id: 'same', actions: [{ type: 'update_incident' } as never] }),
        { ...caseRule({ id: 'same' }), runOn: { kind: 'incident', events: [] } },
      ]),
      catalog,
    );
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['rules[0].actions[0]', 'rules[1].runOn.events', 'rules[1].id']));
  });

  it('accepts a new, empty, disabled ruleset', () => {
    const created = newRuleset({ id: 'rs9', name: 'New', position: 3 });
    expect(created.enabled).toBe(false);
    expect(validateRuleset(created, catalog)).toEqual({ ok: true, ruleset: created });
  });
});

describe('field catalog', () => {
  it('maps a raw describe, keeping active picklist values and dropping unsupported types', () => {
    const infos = caseFieldInfoFromDescribe([
      {
        name: 'Status',
        label: 'Status',
        type: 'picklist',
        createable: true,
        nillable: true,
        defaultedOnCreate: true,
        updateable: true,
        restrictedPicklist: true,
        picklistValues: [
          { value: 'New', active: true },
          { value: 'Old', active: false },
        ],
      },
      { name: 'MailingAddress', label: 'Address', type: 'address', createable: false, nillable: true, defaultedOnCreate: false, updateable: false },
    ]);
    expect(infos).toEqual([
      {
        name: 'Status',
        label: 'Status',
        type: 'picklist',
        picklistValues: ['New'],
        restrictedPicklist: true,
        createable: true,
        nillable: true,
        defaultedOnCreate: true,
        updateable: true,
      },
    ]);
    const built = buildFieldCatalog(infos);
    expect(built.fields.get('Case.Status')?.kind).toBe('text');
    expect(built.fields.get('incident.number')?.kind).toBe('number');
    expect(built.fields.has('Case.MailingAddress')).toBe(false);
  });

  it('lists required fields for Create Case: createable, not nillable, not defaulted, not a checkbox', () => {
    expect(requiredCaseFieldsForCreate(catalog).map((f) => f.name)).toEqual(['Region__c']);
  });
});
