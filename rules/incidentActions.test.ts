import { describe, expect, it } from 'vitest';
import { compileRulesets, validateRuleset } from './compile';
import { evaluate } from './evaluate';
import { buildFieldCatalog, lookupField, type IncidentRecord } from './fields';
import { migrateRulesetDocument } from './migrate';
import type { Action, IncidentEventType, Rule, Ruleset } from './model';
import { actionSchema, newRule, newRuleset } from './model';
import { SAMPLE_CASE_FIELDS } from './testing/sampleCaseFields';

const catalog = buildFieldCatalog(SAMPLE_CASE_FIELDS);

function rulesetOf(rule: Partial<Rule>): Ruleset {
  return { ...newRuleset({ id: 'rs1', name: 'Main', position: 0 }), enabled: true, rules: [{ ...newRule({ id: 'r1', name: 'Rule' }), ...rule }] };
}

function caseRule(actions: Action[]): Ruleset {
  return rulesetOf({ runOn: { kind: 'case', on: 'both' }, actions });
}

function errorsOf(ruleset: unknown): { path: string; message: string }[] {
  const result = validateRuleset(ruleset, catalog);
  return result.ok ? [] : result.errors;
}

const record = { Id: '500000000000001AAA', CaseNumber: '00001001', Subject: 'Checkout is down', Priority: 'High' };

function renderCase(actions: Action[]) {
  const compiled = compileRulesets([caseRule(actions)], catalog);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return evaluate(compiled.compiled, { kind: 'case', change: 'create', record }, undefined).actions.map((selected) => selected.action);
}

describe('Case rule actions on the linked incident', () => {
  it('render every new action, templates filled from the Case', () => {
    expect(
      renderCase([
        { type: 'escalate_incident', level: 2 },
        { type: 'snooze_incident', durationMinutes: 90 },
        { type: 'resolve_incident', resolution: 'Case {{Case.CaseNumber}} solved' },
        { type: 'resolve_incident' },
        { type: 'add_responders', userIds: ['PU1', 'PU1'], escalationPolicyIds: ['PEP1'], message: 'Help with {{Case.Subject}}' },
        { type: 'publish_status_update', message: '{{Case.Subject}}: we are on it' },
        { type: 'start_incident_workflow', workflowId: 'PWF1' },
        { type: 'set_conference_bridge', conferenceNumber: '+1 555 0100', conferenceUrl: 'https://meet.example.com/{{Case.CaseNumber}}' },
      ]),
    ).toEqual([
      { type: 'escalate_incident', level: 2 },
      { type: 'snooze_incident', durationMinutes: 90 },
      { type: 'resolve_incident', resolution: 'Case 00001001 solved' },
      { type: 'resolve_incident' },
      { type: 'add_responders', userIds: ['PU1'], escalationPolicyIds: ['PEP1'], message: 'Help with Checkout is down' },
      { type: 'publish_status_update', message: 'Checkout is down: we are on it' },
      { type: 'start_incident_workflow', workflowId: 'PWF1' },
      { type: 'set_conference_bridge', conferenceNumber: '+1 555 0100', conferenceUrl: 'https://meet.example.com/00001001' },
    ]);
  });

  it('refuses bad shapes with the field path and what to do', () => {
    expect(errorsOf(caseRule([{ type: 'escalate_incident', level: 0 }]))).toEqual([{ path: 'rules[0].actions[0].level', message: 'Levels start at 1' }]);
    expect(errorsOf(caseRule([{ type: 'snooze_incident', durationMinutes: 20_000 }]))).toEqual([
      { path: 'rules[0].actions[0].durationMinutes', message: 'At most 7 days (10,080 minutes)' },
    ]);
    expect(errorsOf(caseRule([{ type: 'add_responders', userIds: [], message: 'Help' }]))).toEqual([
      { path: 'rules[0].actions[0]', message: 'Choose at least one user or escalation policy to add as responders' },
    ]);
    expect(errorsOf(caseRule([{ type: 'publish_status_update', message: '' }]))).toEqual([
      { path: 'rules[0].actions[0].message', message: 'Enter the status update' },
    ]);
    expect(errorsOf(caseRule([{ type: 'start_incident_workflow', workflowId: ' ' }]))).toEqual([
      { path: 'rules[0].actions[0].workflowId', message: 'Required' },
    ]);
    expect(errorsOf(caseRule([{ type: 'set_conference_bridge', conferenceNumber: ' ' }]))).toEqual([
      { path: 'rules[0].actions[0]', message: 'Enter a conference number, a URL or both' },
    ]);
  });

  it('checks templates and literal URLs against the catalog', () => {
    expect(errorsOf(caseRule([{ type: 'publish_status_update', message: 'Now {{Case.Subjet}}' }]))).toEqual([
      { path: 'rules[0].actions[0].message', message: 'Unknown field Case.Subjet at column 4' },
    ]);
    expect(errorsOf(caseRule([{ type: 'add_responders', userIds: ['PU1'], message: '{{incident.title}}' }]))).toEqual([
      { path: 'rules[0].actions[0].message', message: 'incident.title at column 0 is not available in Case rules; use Case.… fields' },
    ]);
    expect(errorsOf(caseRule([{ type: 'set_conference_bridge', conferenceUrl: 'meet.example.com' }]))).toEqual([
      { path: 'rules[0].actions[0].conferenceUrl', message: 'Enter a web address starting with https:// (or a template that renders one)' },
    ]);
    expect(errorsOf(caseRule([{ type: 'resolve_incident', resolution: 'Fixed in {{Case.CaseNumber}}' }]))).toEqual([]);
  });

  it('belong to Case rules only', () => {
    const incidentRule = rulesetOf({ runOn: { kind: 'incident', events: ['incident.resolved'] }, actions: [{ type: 'snooze_incident', durationMinutes: 5 }] });
    expect(errorsOf(incidentRule)[0]?.path).toBe('rules[0].actions[0].type');
  });

  it('parse as stored, and stored version-1 documents with the older actions still read', () => {
    expect(actionSchema.parse({ type: 'add_responders', escalationPolicyIds: ['PEP1'], message: 'Help' })).toEqual({
      type: 'add_responders',
      escalationPolicyIds: ['PEP1'],
      message: 'Help',
    });
    const stored = { schemaVersion: 1, ruleset: caseRule([{ type: 'update_incident', priorityId: 'PPRI1', urgency: 'low' }]) };
    expect(migrateRulesetDocument(stored).rules[0]?.actions).toEqual([{ type: 'update_incident', priorityId: 'PPRI1', urgency: 'low' }]);
  });

  it('version-0 rules that ran on "every" incident event keep the kinds of their release', () => {
    const migrated = migrateRulesetDocument({ id: 'rs0', name: 'Old', rules: [{ id: 'r0', name: 'Any', runOn: 'incident', actions: [] }] });
    const runOn = migrated.rules[0]?.runOn;
    expect(runOn?.kind === 'incident' && runOn.events).toHaveLength(9);
    expect(runOn?.kind === 'incident' && runOn.events).not.toContain('incident.responder.added');
  });
});

describe('PagerDuty rules on responders, status updates, workflows, custom fields and bridges', () => {
  function incidentRules(events: IncidentEventType[], conditions: Rule['conditions'], actions: Action[]) {
    const compiled = compileRulesets([rulesetOf({ runOn: { kind: 'incident', events }, conditions, actions })], catalog);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    return compiled.compiled;
  }

  const incident: Partial<IncidentRecord> & Record<string, unknown> = {
    id: 'PINC1',
    number: 7,
    title: 'Checkout down',
    status: 'acknowledged',
    urgency: 'high',
    priority_name: 'P1',
    assignee_names: ['Grace Hopper', 'Alan Turing'],
    responder_ids: ['PU1', 'PU2'],
    responder_names: ['Ada Lovelace', 'Edsger Dijkstra'],
    status_update_message: 'A fix is being deployed',
    conference_number: '+1 555 0100',
    conference_url: 'https://meet.example.com/7',
    'custom_fields.environment': 'production',
  };

  it('renders responder and assignee names into a Case text field as "A, B", and the status update into a comment', () => {
    const compiled = incidentRules(
      ['incident.status_update_published', 'incident.responder.added'],
      [],
      [
        { type: 'set_case_fields', values: { Description: 'Responders: {{incident.responders}}; assignees: {{incident.assignee_names}}' } },
        { type: 'add_case_comment', body: 'PagerDuty status update: {{incident.status_update_message}}', isPublished: true },
      ],
    );
    const { actions } = evaluate(compiled, { kind: 'incident', eventType: 'incident.status_update_published', incident }, undefined);
    expect(actions.map((selected) => selected.action)).toEqual([
      { type: 'set_case_fields', values: { Description: 'Responders: Ada Lovelace, Edsger Dijkstra; assignees: Grace Hopper, Alan Turing' } },
      { type: 'add_case_comment', body: 'PagerDuty status update: A fix is being deployed', isPublished: true },
    ]);
  });

  it('"changed", "changed from" and "changed to" work on the new fields against the snapshot', () => {
    const compiled = incidentRules(
      ['incident.custom_field_values.updated', 'incident.conference_bridge.updated', 'incident.responder.added', 'incident.priority_updated'],
      [
        { field: 'incident.custom_fields.environment', operator: 'changed_from', value: 'staging' },
        { field: 'incident.conference_url', operator: 'changed' },
        { field: 'incident.responder_names', operator: 'changed' },
        { field: 'incident.status_update_message', operator: 'changed_to', value: 'A fix is being deployed' },
      ],
      [{ type: 'add_case_comment', body: 'Environment now {{incident.custom_fields.environment}}' }],
    );
    const previous = {
      ...incident,
      'custom_fields.environment': 'staging',
      conference_url: null,
      responder_names: ['Ada Lovelace'],
      status_update_message: null,
    };
    const changed = evaluate(compiled, { kind: 'incident', eventType: 'incident.custom_field_values.updated', incident }, previous);
    expect(changed.trace[0]?.conditions.map((condition) => condition.outcome)).toEqual([true, true, true, true]);
    expect(changed.actions[0]?.action).toEqual({ type: 'add_case_comment', body: 'Environment now production', isPublished: false });
    const same = evaluate(compiled, { kind: 'incident', eventType: 'incident.custom_field_values.updated', incident }, incident);
    expect(same.trace[0]?.conditions.map((condition) => condition.outcome)).toEqual([false, false, false, false]);
  });

  it('matches workflow events by workflow name and the event kind by its new values', () => {
    const compiled = incidentRules(
      ['incident.workflow.completed'],
      [
        { field: 'incident.workflow_name', operator: 'equals', value: 'Major incident' },
        { field: 'incident.event_type', operator: 'equals', value: 'incident.workflow.completed' },
      ],
      [{ type: 'add_case_comment', body: 'Workflow {{incident.workflow}} completed' }],
    );
    const event = {
      kind: 'incident' as const,
      eventType: 'incident.workflow.completed' as const,
      incident: { ...incident, workflow_name: 'Major incident', workflow_id: 'PWF1' },
    };
    expect(evaluate(compiled, event, undefined).actions[0]?.action).toEqual({
      type: 'add_case_comment',
      body: 'Workflow Major incident completed',
      isPublished: false,
    });
  });

  it('knows custom fields by definition when given, else as text by name', () => {
    expect(lookupField(catalog, 'incident.custom_fields.region')).toMatchObject({ name: 'custom_fields.region', kind: 'text', trackable: true });
    expect(lookupField(catalog, 'incident.custom_fields.bad name')).toBeUndefined();
    const typed = buildFieldCatalog(SAMPLE_CASE_FIELDS, [
      { name: 'impact', displayName: 'Impact', dataType: 'integer', fieldType: 'single_value' },
      { name: 'teams', dataType: 'string', fieldType: 'multi_value_fixed', options: ['web', 'api'] },
    ]);
    expect(lookupField(typed, 'incident.custom_fields.impact')).toMatchObject({ label: 'Custom Field: Impact', kind: 'number' });
    expect(lookupField(typed, 'incident.custom_fields.teams')).toMatchObject({ kind: 'multi', restrictedPicklist: true, picklistValues: ['web', 'api'] });
    const result = validateRuleset(
      rulesetOf({
        runOn: { kind: 'incident', events: ['incident.custom_field_values.updated'] },
        conditions: [{ field: 'incident.custom_fields.impact', operator: 'gt', value: 'high' }],
      }),
      typed,
    );
    expect(result.ok).toBe(false);
  });
});
