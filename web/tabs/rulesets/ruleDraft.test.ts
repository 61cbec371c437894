import { describe, expect, it } from 'vitest';
import { INCIDENT_FIELDS, OPERATORS, operatorsForField } from '../../../rules';
import type { CaseFieldMetadata, PagerDutyMetadataReply } from '../../../contracts/authoring';
import {
  actionTypesFor,
  caseValueFields,
  choicesFor,
  conditionFields,
  conditionValueFrom,
  datetimeLocalValue,
  describeRulePath,
  describeRulesetPath,
  describeRunOn,
  inputIdForPath,
  insertAt,
  templateFields,
  isListedValue,
  isPicklistField,
  errorsForRule,
  missingRequiredFields,
  newAction,
  newRuleId,
  renameKey,
  valueAsList,
  valueAsText,
  type EditorMetadata,
} from './ruleDraft';

function caseField(name: string, type: string, flags: Partial<CaseFieldMetadata> = {}): CaseFieldMetadata {
  return {
    name,
    label: name,
    type,
    length: null,
    picklistValues: [],
    restrictedPicklist: false,
    createable: true,
    updateable: true,
    nillable: true,
    defaultedOnCreate: false,
    requiredForCreate: false,
    supported: true,
    operators: [{ name: 'equals', label: 'equals', value: 'single' }],
    ...flags,
  };
}

const pagerduty: PagerDutyMetadataReply = {
  services: [{ id: 'PS1', name: 'Checkout API', escalationPolicyId: 'PE1' }],
  escalationPolicies: [{ id: 'PE1', name: 'Engineering' }],
  priorities: [{ id: 'PP1', name: 'P1' }],
  users: [{ id: 'PU1', name: 'Ada', email: 'ada@example.com' }],
  incidentWorkflows: [{ id: 'PW1', name: 'Notify stakeholders' }],
  incidentCustomFields: [
    { id: 'PF1', name: 'environment', displayName: 'Environment', dataType: 'string', fieldType: 'single_value_fixed', options: ['production', 'staging'] },
    { id: 'PF2', name: 'impacted_regions', displayName: 'Impacted regions', dataType: 'string', fieldType: 'multi_value', options: [] },
  ],
  fetchedAt: '2024-05-01T00:00:00.000Z',
};

const meta: EditorMetadata = {
  caseFields: [
    caseField('Subject', 'string'),
    caseField('Status', 'picklist', { picklistValues: ['New', 'Closed'] }),
    caseField('Origin__c', 'picklist', { requiredForCreate: true, nillable: false }),
    caseField('CaseNumber', 'string', { createable: false, updateable: false }),
    caseField('Address', 'address', { supported: false, operators: [] }),
  ],
  incident: {
    fields: INCIDENT_FIELDS.map((field) => ({
      key: field.key,
      name: field.name,
      label: field.label,
      type: field.type,
      picklistValues: [...(field.picklistValues ?? [])],
      operators: operatorsForField(field).map((name) => ({ name, label: OPERATORS[name].label, value: OPERATORS[name].value })),
    })),
    eventTypes: [],
  },
  pagerduty,
  pagerdutyProblem: null,
};

describe('condition pickers', () => {
  it('offers supported Case fields for Case rules and incident fields for PagerDuty rules', () => {
    expect(conditionFields(meta, 'case').map((f) => f.key)).toEqual(['Case.Subject', 'Case.Status', 'Case.Origin__c', 'Case.CaseNumber']);
    const incident = conditionFields(meta, 'incident');
    expect(incident.find((f) => f.key === 'incident.number')?.kind).toBe('number');
  });

  it('offers PagerDuty lists for incident reference fields, picklist values, and true/false', () => {
    const incident = conditionFields(meta, 'incident');
    expect(
      choicesFor(
        incident.find((f) => f.key === 'incident.service_id')!,
        meta,
      ),
    ).toEqual([{ value: 'PS1', label: 'Checkout API' }]);
    expect(
      choicesFor(
        incident.find((f) => f.key === 'incident.assignee_names')!,
        meta,
      ),
    ).toEqual([{ value: 'Ada', label: 'Ada' }]);
    expect(
      choicesFor(
        incident.find((f) => f.key === 'incident.status')!,
        meta,
      )?.map((c) => c.value),
    ).toEqual(['triggered', 'acknowledged', 'resolved']);
    expect(choicesFor(conditionFields(meta, 'case')[0]!, meta)).toBeNull();
    expect(choicesFor({ key: 'Case.IsEscalated', label: '', type: 'boolean', kind: 'boolean', picklistValues: [], operators: [] }, meta)).toHaveLength(2);
    expect(
      choicesFor(
        incident.find((f) => f.key === 'incident.service_id')!,
        { ...meta, pagerduty: null },
      ),
    ).toBeNull();
  });
});

describe('condition values by type', () => {
  it('converts inputs into the model: numbers, booleans, ISO instants, lists', () => {
    expect(conditionValueFrom('number', 'single', '42.5')).toBe(42.5);
    expect(conditionValueFrom('number', 'single', 'abc')).toBe('abc');
    expect(conditionValueFrom('boolean', 'single', 'false')).toBe(false);
    expect(conditionValueFrom('text', 'single', ' x ')).toBe(' x ');
    expect(conditionValueFrom('text', 'list', 'a, b,,c ')).toEqual(['a', 'b', 'c']);
    expect(conditionValueFrom('number', 'list', '1, 2, x')).toEqual([1, 2, 'x']);
    expect(conditionValueFrom('text', 'list', ['High', 'Low'])).toEqual(['High', 'Low']);
    expect(conditionValueFrom('text', 'none', 'ignored')).toBeUndefined();
    expect(conditionValueFrom('date', 'single', '2024-05-01')).toBe('2024-05-01');
    const instant = conditionValueFrom('datetime', 'single', '2024-05-01T09:30') as string;
    expect(new Date(instant).getTime()).toBe(new Date(2024, 4, 1, 9, 30).getTime());
    expect(datetimeLocalValue(instant)).toBe('2024-05-01T09:30');
    expect(datetimeLocalValue('not a date')).toBe('');
  });

  it('shows values as text or lists', () => {
    expect(valueAsText(['a', 'b'])).toBe('a, b');
    expect(valueAsText(undefined)).toBe('');
    expect(valueAsList('x')).toEqual(['x']);
    expect(valueAsList([1, 2])).toEqual(['1', '2']);
  });
});

describe('actions', () => {
  it('offers the action types of the rule side', () => {
    expect(actionTypesFor({ kind: 'case', on: 'both' })).toEqual([
      'create_incident',
      'update_incident',
      'add_note',
      'escalate_incident',
      'snooze_incident',
      'resolve_incident',
      'add_responders',
      'publish_status_update',
      'start_incident_workflow',
      'set_conference_bridge',
    ]);
    expect(actionTypesFor({ kind: 'incident', events: ['incident.resolved'] })).toEqual(['set_case_fields', 'create_case', 'add_case_comment']);
  });

  it('pre-fills new actions: the first service, every required Case field for Create Case', () => {
    expect(newAction('create_incident', meta)).toEqual({ type: 'create_incident', serviceId: 'PS1' });
    expect(newAction('create_case', meta)).toEqual({ type: 'create_case', values: { Origin__c: '' } });
    expect(newAction('set_case_fields', meta)).toEqual({ type: 'set_case_fields', values: { Subject: '' } });
  });

  it('pre-fills the linked-incident actions (issue 16): the first workflow, no optional text', () => {
    expect(newAction('start_incident_workflow', meta)).toEqual({ type: 'start_incident_workflow', workflowId: 'PW1' });
    expect(newAction('start_incident_workflow', { ...meta, pagerduty: null })).toEqual({ type: 'start_incident_workflow', workflowId: '' });
    expect(newAction('resolve_incident', meta)).toEqual({ type: 'resolve_incident' });
    expect(newAction('add_responders', meta)).toEqual({ type: 'add_responders', userIds: [], message: '' });
    expect(newAction('snooze_incident', meta)).toEqual({ type: 'snooze_incident', durationMinutes: 60 });
  });

  it('lists writable fields and the required ones still missing', () => {
    expect(caseValueFields(meta, 'set_case_fields').map((f) => f.name)).toEqual(['Subject', 'Status', 'Origin__c']);
    expect(missingRequiredFields({ Origin__c: '' }, meta).map((f) => f.name)).toEqual(['Origin__c']);
    expect(missingRequiredFields({ Origin__c: 'Web' }, meta)).toEqual([]);
  });

  it('renames a record key in place and refuses to overwrite another key', () => {
    expect(Object.keys(renameKey({ a: 1, b: 2, c: 3 }, 'b', 'z'))).toEqual(['a', 'z', 'c']);
    expect(renameKey({ a: 1, b: 2 }, 'a', 'b')).toEqual({ a: 1, b: 2 });
  });
});

describe('errors, ids, labels', () => {
  it('splits server error paths into this rule (relative) and the rest', () => {
    const { own, others } = errorsForRule(
      [
        { path: 'rules[1].conditions[0].field', message: 'Unknown field' },
        { path: 'rules[1]', message: 'whole rule' },
        { path: 'rules[10].name', message: 'other rule' },
        { path: 'name', message: 'ruleset' },
      ],
      1,
    );
    expect([...own.entries()]).toEqual([
      ['conditions[0].field', 'Unknown field'],
      ['', 'whole rule'],
    ]);
    expect(others.map((o) => o.path)).toEqual(['rules[10].name', 'name']);
  });

  it('makes distinct rule ids and describes run-on', () => {
    expect(newRuleId(() => 0.5)).toMatch(/^rule-[a-z0-9]+-[a-z0-9]{6}$/);
    expect(newRuleId()).not.toBe(newRuleId(() => 0.123));
    expect(describeRunOn({ kind: 'case', on: 'create' })).toBe('Case created');
    expect(describeRunOn({ kind: 'incident', events: ['incident.resolved', 'incident.acknowledged'] })).toBe(
      'PagerDuty: Incident resolved, Incident acknowledged',
    );
    const eventKind = conditionFields(meta, 'incident').find((f) => f.key === 'incident.event_type')!;
    expect(choicesFor(eventKind, meta)?.[1]).toEqual({ value: 'incident.acknowledged', label: 'Incident acknowledged' });
  });
});

describe('incident fields of issue 16 in the pickers', () => {
  it('offers responders and workflows from the PagerDuty lists, with the change operators', () => {
    const fields = conditionFields(meta, 'incident');
    const responders = fields.find((f) => f.key === 'incident.responder_names')!;
    expect(choicesFor(responders, meta)).toEqual([{ value: 'Ada', label: 'Ada' }]);
    expect(responders.operators.map((o) => o.name)).toEqual(expect.arrayContaining(['changed', 'changed_to', 'changed_from']));
    expect(
      choicesFor(
        fields.find((f) => f.key === 'incident.workflow_id')!,
        meta,
      ),
    ).toEqual([{ value: 'PW1', label: 'Notify stakeholders' }]);
    const update = fields.find((f) => f.key === 'incident.status_update_message')!;
    expect(update.label).toBe('Latest Status Update');
    expect(update.operators.map((o) => o.name)).toEqual(expect.arrayContaining(['contains', 'changed']));
  });

  it("adds the account's custom fields, typed by their definition, to conditions and templates", () => {
    const fields = conditionFields(meta, 'incident');
    const environment = fields.find((f) => f.key === 'incident.custom_fields.environment')!;
    expect(environment).toMatchObject({ label: 'Custom Field: Environment', type: 'picklist', picklistValues: ['production', 'staging'] });
    expect(choicesFor(environment, meta)).toEqual([
      { value: 'production', label: 'production' },
      { value: 'staging', label: 'staging' },
    ]);
    expect(environment.operators.map((o) => o.name)).toEqual(expect.arrayContaining(['equals', 'changed', 'changed_to', 'changed_from']));
    const regions = fields.find((f) => f.key === 'incident.custom_fields.impacted_regions')!;
    expect(regions).toMatchObject({ type: 'multipicklist', kind: 'multi' });
    expect(templateFields(meta, 'incident')).toContainEqual({ key: 'incident.custom_fields.environment', label: 'Custom Field: Environment' });
    expect(conditionFields({ ...meta, pagerduty: null }, 'incident').some((f) => f.key.startsWith('incident.custom_fields.'))).toBe(false);
  });
});

describe("error paths in the editor's words (D9)", () => {
  const rule = {
    id: 'r1',
    name: 'Close the Case',
    runOn: { kind: 'incident' as const, events: ['incident.resolved' as const] },
    conditions: [{ field: '', operator: '' }],
    filterLogic: { kind: 'custom' as const, expression: '1 AND' },
    actions: [
      { type: 'add_case_comment' as const, body: '{{incident.nope}}' },
      { type: 'set_case_fields' as const, values: { Subject: 'x', Status: 'Gone' } },
    ],
    stopProcessing: false,
  };

  it('names conditions and actions by number and inputs by their labels, never by internal paths', () => {
    expect(describeRulePath('conditions[0].field', rule, meta)).toBe('Condition 1 › Field');
    expect(describeRulePath('conditions[0].operator', rule, meta)).toBe('Condition 1 › Operator');
    expect(describeRulePath('conditions[2].value[1]', rule, meta)).toBe('Condition 3 › Value');
    expect(describeRulePath('conditions[0]', rule, meta)).toBe('Condition 1');
    expect(describeRulePath('filterLogic.expression', rule, meta)).toBe('Filter logic');
    expect(describeRulePath('runOn.events', rule, meta)).toBe('PagerDuty events');
    expect(describeRulePath('name', rule, meta)).toBe('Rule name');
    expect(describeRulePath('actions[0].body', rule, meta)).toBe('Action 1 › Comment');
    expect(describeRulePath('actions[1].values.Status', rule, meta)).toBe('Action 2 › Status');
    expect(describeRulePath('actions[1].values.Origin__c', rule, meta)).toBe('Action 2 › Origin__c');
    expect(describeRulePath('actions[1].values', rule, meta)).toBe('Action 2 › Case fields');
    expect(describeRulePath('actions[0].title', rule, meta)).toBe('Action 1 › Title override');
    expect(describeRulePath('actions[0]', rule, meta)).toBe('Action 1');
    expect(describeRulePath('', rule, meta)).toBe('');
  });

  it('names the other rules of the ruleset, and rulesets of an import, by number and name', () => {
    const ruleset = { id: 'rs', name: 'Support', enabled: false, position: 0, rules: [rule] };
    expect(describeRulesetPath('rules[0].conditions[0].field', ruleset, meta)).toBe('Rule 1 "Close the Case" › Condition 1 › Field');
    expect(describeRulesetPath('rules[4].name', ruleset, meta)).toBe('Rule 5 › Rule name');
    expect(describeRulesetPath('name', ruleset, meta)).toBe('Ruleset name');
    expect(describeRulesetPath('rulesets[1].rules[0].conditions[2].field', undefined, meta)).toBe('Ruleset 2 › Rule 1 › Condition 3 › Field');
  });

  it('finds the input a path belongs to, so the banner can take the admin there', () => {
    expect(inputIdForPath('conditions[0].field', rule)).toBe('condition-0-field');
    expect(inputIdForPath('actions[1].values.Status', rule)).toBe('action-1-value-1');
    expect(inputIdForPath('actions[0].body', rule)).toBe('action-0-body');
    expect(inputIdForPath('filterLogic.expression', rule)).toBe('logic-expression');
    expect(inputIdForPath('name', rule)).toBe('rule-name');
    expect(inputIdForPath('stopProcessing', rule)).toBeUndefined();
  });

  it('names the inputs of the linked-incident actions and takes whole-action errors to the input that fixes them', () => {
    const incidentRule = {
      ...rule,
      runOn: { kind: 'case' as const, on: 'both' as const },
      actions: [
        { type: 'add_responders' as const, userIds: [], message: '' },
        { type: 'publish_status_update' as const, message: '' },
        { type: 'snooze_incident' as const, durationMinutes: 0 },
        { type: 'set_conference_bridge' as const },
        { type: 'escalate_incident' as const, level: 30 },
      ],
    };
    expect(describeRulePath('actions[0].message', incidentRule, meta)).toBe('Action 1 › Message to responders');
    expect(describeRulePath('actions[0].userIds[0]', incidentRule, meta)).toBe('Action 1 › Responders');
    expect(describeRulePath('actions[1].message', incidentRule, meta)).toBe('Action 2 › Status update');
    expect(describeRulePath('actions[2].durationMinutes', incidentRule, meta)).toBe('Action 3 › Snooze for');
    expect(describeRulePath('actions[4].level', incidentRule, meta)).toBe('Action 5 › Escalation level');
    expect(inputIdForPath('actions[0]', incidentRule)).toBe('action-0-responders-user');
    expect(inputIdForPath('actions[0].userIds[1]', incidentRule)).toBe('action-0-responders-user');
    expect(inputIdForPath('actions[0].escalationPolicyIds', incidentRule)).toBe('action-0-responders-policy');
    expect(inputIdForPath('actions[1].message', incidentRule)).toBe('action-1-message');
    expect(inputIdForPath('actions[2].durationMinutes', incidentRule)).toBe('action-2-durationMinutes');
    expect(inputIdForPath('actions[3]', incidentRule)).toBe('action-3-conferenceNumber');
  });
});

describe('picklist values in Case actions (D10)', () => {
  const status = caseField('Status', 'picklist', { picklistValues: ['New', 'Closed'] });
  const tags = caseField('Tags__c', 'multipicklist', { picklistValues: ['A', 'B'] });
  it('picks listed values from the list and shows templates and other values as text', () => {
    expect(isPicklistField(status)).toBe(true);
    expect(isPicklistField(caseField('Subject', 'string'))).toBe(false);
    expect(isPicklistField(caseField('Empty__c', 'picklist'))).toBe(false);
    expect(isListedValue(status, 'Closed')).toBe(true);
    expect(isListedValue(status, '')).toBe(true);
    expect(isListedValue(status, '{{incident.status}}')).toBe(false);
    expect(isListedValue(status, 'closed')).toBe(false);
    expect(isListedValue(tags, 'A;B')).toBe(true);
    expect(isListedValue(tags, 'A;C')).toBe(false);
  });
});

describe('templates in the editor (D11)', () => {
  it('lists the fields a template may use, and inserts a placeholder where the cursor is', () => {
    expect(templateFields(meta, 'incident').find((f) => f.key === 'incident.number')).toEqual({ key: 'incident.number', label: 'Incident Number' });
    expect(templateFields(meta, 'case').map((f) => f.key)).toEqual(['Case.Subject', 'Case.Status', 'Case.Origin__c', 'Case.CaseNumber']);
    expect(insertAt('Case  is open', 5, 5, '{{Case.CaseNumber}}')).toEqual({ text: 'Case {{Case.CaseNumber}} is open', caret: 24 });
    expect(insertAt('replace me', 0, 10, '{{x}}')).toEqual({ text: '{{x}}', caret: 5 });
    expect(insertAt('end', 99, 99, '!')).toEqual({ text: 'end!', caret: 4 });
  });
});
