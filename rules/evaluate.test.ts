import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateEvents, generateRulesets } from '../bench/rulesWorkload';
import type { CompiledRules } from './compile';
import { compileRulesets } from './compile';
import { evaluate } from './evaluate';
import type { CaseEvent, IncidentEvent } from './events';
import { buildFieldCatalog } from './fields';
import type { Rule, Ruleset } from './model';
import { SAMPLE_CASE_FIELDS } from './testing/sampleCaseFields';

const catalog = buildFieldCatalog(SAMPLE_CASE_FIELDS);

function compile(rulesets: Ruleset[]): CompiledRules {
  const result = compileRulesets(rulesets, catalog);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.compiled;
}

function rule(id: string, overrides: Partial<Rule> = {}): Rule {
  return {
    id,
    name: `Rule ${id}`,
    runOn: { kind: 'case', on: 'both' },
    conditions: [{ field: 'Case.Priority', operator: 'equals', value: 'High' }],
    filterLogic: { kind: 'all' },
    actions: [{ type: 'add_note', content: `${id}: {{Case.Subject}}` }],
    stopProcessing: false,
    ...overrides,
  };
}

function ruleset(id: string, position: number, rules: Rule[], enabled = true): Ruleset {
  return { id, name: `Ruleset ${id}`, enabled, position, rules };
}

const highCase = (record: Record<string, unknown> = {}): CaseEvent => ({
  kind: 'case',
  change: 'update',
  record: { Id: '500000000000001AAA', CaseNumber: '00001001', Subject: 'DB down', Priority: 'High', Status: 'Working', ...record },
});

const ids = (result: ReturnType<typeof evaluate>) => result.matched.map((m) => `${m.rulesetId}/${m.ruleId}`);

describe('evaluate: order, enablement and stop processing', () => {
  const compiled = compile([
    ruleset('late', 5, [rule('l1')]),
    ruleset('early', 1, [rule('e1', { stopProcessing: true }), rule('e2')]),
    ruleset('off', 0, [rule('o1')], false),
    ruleset('tie', 5, [rule('t1')]),
  ]);

  it('runs enabled rulesets by position (ties in input order), stopping only the ruleset', () => {
    const result = evaluate(compiled, highCase(), undefined);
    expect(ids(result)).toEqual(['early/e1', 'late/l1', 'tie/t1']);
    expect(result.actions.map((a) => a.action)).toEqual([
      { type: 'add_note', content: 'e1: DB down' },
      { type: 'add_note', content: 'l1: DB down' },
      { type: 'add_note', content: 't1: DB down' },
    ]);
    expect(result.trace.map((t) => [t.ruleId, t.matched, t.skippedReason])).toEqual([
      ['e1', true, undefined],
      ['e2', false, 'stopped'],
      ['l1', true, undefined],
      ['t1', true, undefined],
    ]);
  });

  it('evaluates disabled rulesets only when asked (test this rule)', () => {
    expect(ids(evaluate(compiled, highCase(), undefined, { includeDisabled: true }))).toEqual(['off/o1', 'early/e1', 'late/l1', 'tie/t1']);
    expect(ids(evaluate(compiled, highCase(), undefined, { includeDisabled: true, trace: false }))).toEqual(['off/o1', 'early/e1', 'late/l1', 'tie/t1']);
  });

  it('the fast path selects the same rules and actions and returns no trace', () => {
    const fast = evaluate(compiled, highCase(), undefined, { trace: false });
    const full = evaluate(compiled, highCase(), undefined);
    expect(fast.matched).toEqual(full.matched);
    expect(fast.actions).toEqual(full.actions);
    expect(fast.trace).toEqual([]);
  });

  it('a non-matching stop rule does not stop its ruleset', () => {
    const result = evaluate(compiled, highCase({ Priority: 'Low' }), undefined);
    expect(result.matched).toEqual([]);
    expect(result.trace.map((t) => t.skippedReason)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('evaluate: run on', () => {
  const compiled = compile([
    ruleset('rs', 0, [
      rule('create', { runOn: { kind: 'case', on: 'create' } }),
      rule('update', { runOn: { kind: 'case', on: 'update' } }),
      rule('pd', {
        runOn: { kind: 'incident', events: ['incident.acknowledged', 'incident.resolved'] },
        conditions: [],
        actions: [
          { type: 'add_case_comment', body: 'Incident #{{incident.number}} {{incident.event_type}} by {{incident.agent_name}}' },
          { type: 'add_case_comment', body: 'Incident #{{incident.incident_number}} by {{incident.agent_name | default: "PagerDuty"}}' },
        ],
      }),
    ]),
  ]);

  it('case rules run on their change kind; incident rules on their event kinds', () => {
    expect(ids(evaluate(compiled, { ...highCase(), change: 'create' }, undefined))).toEqual(['rs/create']);
    expect(ids(evaluate(compiled, highCase(), undefined))).toEqual(['rs/update']);
    const resolved: IncidentEvent = { kind: 'incident', eventType: 'incident.resolved', incident: { number: 42, agent_name: null } };
    const result = evaluate(compiled, resolved, undefined);
    expect(result.actions).toEqual([
      { rulesetId: 'rs', ruleId: 'pd', action: { type: 'add_case_comment', body: 'Incident #42 incident.resolved by ', isPublished: false } },
      { rulesetId: 'rs', ruleId: 'pd', action: { type: 'add_case_comment', body: 'Incident #42 by PagerDuty', isPublished: false } },
    ]);
    expect(result.trace.map((t) => [t.ruleId, t.skippedReason, t.logic])).toEqual([
      ['create', 'run_on', '1'],
      ['update', 'run_on', '1'],
      ['pd', undefined, '(no conditions: always)'],
    ]);
    expect(evaluate(compiled, { ...resolved, eventType: 'incident.triggered' }, undefined).matched).toEqual([]);
  });
});

describe('evaluate: trace', () => {
  const compiled = compile([
    ruleset('rs', 0, [
      rule('r', {
        conditions: [
          { field: 'Case.Priority', operator: 'equals', value: 'High' },
          { field: 'Case.Severity__c', operator: 'gte', value: 3 },
          { field: 'Case.Status', operator: 'changed_to', value: 'Escalated' },
        ],
        filterLogic: { kind: 'custom', expression: '1 AND (2 OR 3)' },
      }),
    ]),
  ]);

  it('records each condition with the value seen, the previous value and the outcome', () => {
    const result = evaluate(compiled, highCase({ Severity__c: 'abc', Status: 'Escalated' }), { Status: 'Working' });
    expect(result.trace).toEqual([
      {
        rulesetId: 'rs',
        rulesetName: 'Ruleset rs',
        ruleId: 'r',
        ruleName: 'Rule r',
        matched: true,
        logic: '1 AND (2 OR 3)',
        conditions: [
          { index: 1, field: 'Case.Priority', operator: 'equals', expected: 'High', actual: 'High', outcome: true },
          {
            index: 2,
            field: 'Case.Severity__c',
            operator: 'gte',
            expected: 3,
            actual: 'abc',
            outcome: false,
            note: 'value "abc" is not a number; treated as blank',
          },
          { index: 3, field: 'Case.Status', operator: 'changed_to', expected: 'Escalated', actual: 'Escalated', previous: 'Working', outcome: true },
        ],
      },
    ]);
  });

  it('explains missing previous values', () => {
    const noSnapshot = evaluate(compiled, highCase({ Severity__c: 1 }), undefined).trace[0]?.conditions[2];
    expect(noSnapshot).toMatchObject({ outcome: false, note: 'no previous value known; treated as unchanged' });
    const withHint = evaluate(compiled, { ...highCase({ Severity__c: 1, Status: 'Escalated' }), changedFields: ['Status'] }, {}).trace[0];
    expect(withHint?.conditions[2]).toMatchObject({ outcome: true, note: 'no previous value; the event lists Status as changed' });
    expect(withHint?.matched).toBe(true);
  });
});

describe('evaluate: change operators on both paths', () => {
  const compiled = compile([
    ruleset('rs', 0, [
      rule('case', {
        conditions: [
          { field: 'Case.Status', operator: 'changed_from', value: 'New' },
          { field: 'Case.Priority', operator: 'changed' },
          { field: 'Case.Status', operator: 'changed_to', value: 'Working' },
        ],
        filterLogic: { kind: 'custom', expression: '1 OR (2 AND NOT 3)' },
      }),
      rule('pd', {
        runOn: { kind: 'incident', events: ['incident.priority_updated', 'incident.reassigned'] },
        conditions: [
          { field: 'incident.priority_name', operator: 'changed_to', value: 'P1' },
          { field: 'incident.assignee_ids', operator: 'changed' },
        ],
        filterLogic: { kind: 'any' },
        actions: [],
      }),
    ]),
  ]);
  const cases: [string, CaseEvent | IncidentEvent, Record<string, unknown> | undefined, boolean][] = [
    ['status New → Working', highCase({ Status: 'Working' }), { Status: 'New', Priority: 'High' }, true],
    ['priority changed, status did not', highCase({ Status: 'Closed' }), { Status: 'Closed', Priority: 'Low' }, true],
    ['priority changed, status to Working', highCase({ Status: 'Working' }), { Status: 'Escalated', Priority: 'Low' }, false],
    ['nothing changed', highCase(), { Status: 'Working', Priority: 'High' }, false],
    ['no snapshot', highCase(), undefined, false],
    ['snapshot without the fields, CDC lists Priority', { ...highCase({ Status: 'Closed' }), changedFields: ['Priority'] }, {}, true],
    ['CDC lists Status only (previous unknown)', { ...highCase({ Status: 'Working' }), changedFields: ['Status'] }, {}, false],
    ['incident priority to P1', { kind: 'incident', eventType: 'incident.priority_updated', incident: { priority_name: 'p1' } }, { priority_name: 'P2' }, true],
    [
      'incident reassigned, same set',
      { kind: 'incident', eventType: 'incident.reassigned', incident: { assignee_ids: ['PB', 'PA'] } },
      { assignee_ids: ['PA', 'PB'] },
      false,
    ],
    ['incident reassigned', { kind: 'incident', eventType: 'incident.reassigned', incident: { assignee_ids: ['PC'] } }, { assignee_ids: ['PA'] }, true],
  ];
  it.each(cases)('%s', (_name, event, previous, expected) => {
    const fast = evaluate(compiled, event, previous, { trace: false });
    const full = evaluate(compiled, event, previous);
    expect(fast.matched.length === 1).toBe(expected);
    expect(full.matched).toEqual(fast.matched);
  });
});

describe('evaluate: rendered actions', () => {
  it('fills templates and types Case field values', () => {
    const compiled = compile([
      ruleset('rs', 0, [
        rule('pd', {
          runOn: { kind: 'incident', events: ['incident.triggered'] },
          conditions: [{ field: 'incident.event_type', operator: 'equals', value: 'incident.triggered' }],
          actions: [
            {
              type: 'set_case_fields',
              values: {
                PagerDuty_Incident_URL__c: '{{incident.html_url}}',
                Severity__c: '{{incident.number}}',
                Impact_Score__c: 2.5,
                IsEscalated: true,
                Due_Date__c: '2024-05-01',
                Description: 'Assigned to {{ incident.assignee_names }}',
                Priority: null,
              },
            },
            { type: 'create_case', values: { Subject: '{{incident.title}}', Region__c: 'EMEA' } },
          ],
        }),
        rule('case', {
          conditions: [],
          actions: [
            { type: 'create_incident', serviceId: 'PSVC', urgency: 'high', title: '[{{Case.CaseNumber}}] {{Case.Subject}}' },
            { type: 'update_incident', status: 'resolved' },
          ],
        }),
      ]),
    ]);
    const incident: IncidentEvent = {
      kind: 'incident',
      eventType: 'incident.triggered',
      incident: { number: 7, title: 'CPU', html_url: 'https://pd.example/incidents/P1', assignee_names: ['Ann', 'Bo'] },
    };
    expect(evaluate(compiled, incident, undefined).actions.map((a) => a.action)).toEqual([
      {
        type: 'set_case_fields',
        values: {
          PagerDuty_Incident_URL__c: 'https://pd.example/incidents/P1',
          Severity__c: 7,
          Impact_Score__c: 2.5,
          IsEscalated: true,
          Due_Date__c: '2024-05-01',
          Description: 'Assigned to Ann, Bo',
          Priority: null,
        },
      },
      { type: 'create_case', values: { Subject: 'CPU', Region__c: 'EMEA' } },
    ]);
    expect(evaluate(compiled, highCase({ Subject: null }), undefined).actions.map((a) => a.action)).toEqual([
      { type: 'create_incident', serviceId: 'PSVC', urgency: 'high', title: '[00001001] ' },
      { type: 'update_incident', status: 'resolved' },
    ]);
  });

  it('renders a blank typed placeholder as null', () => {
    const compiled = compile([
      ruleset('rs', 0, [
        rule('pd', {
          runOn: { kind: 'incident', events: ['incident.triggered'] },
          conditions: [],
          actions: [{ type: 'set_case_fields', values: { Severity__c: '{{incident.number}}' } }],
        }),
      ]),
    ]);
    const result = evaluate(compiled, { kind: 'incident', eventType: 'incident.triggered', incident: {} }, undefined);
    expect(result.actions[0]?.action).toEqual({ type: 'set_case_fields', values: { Severity__c: null } });
  });
});

describe('evaluate: properties on generated workloads', () => {
  it('trace on and trace off select the same rules and actions, and evaluation is pure', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const shape = { rulesets: 4, rulesPerRuleset: 6, conditionsPerRule: 3, events: 40 };
        const compiled = compile(generateRulesets(shape, seed));
        for (const { event, previous } of generateEvents(shape, seed + 1)) {
          const before = JSON.stringify({ event, previous });
          const fast = evaluate(compiled, event, previous, { trace: false });
          const full = evaluate(compiled, event, previous);
          expect(fast.matched).toEqual(full.matched);
          expect(fast.actions).toEqual(full.actions);
          expect(evaluate(compiled, event, previous)).toEqual(full);
          expect(JSON.stringify({ event, previous })).toBe(before);
          for (const trace of full.trace) {
            if (trace.skippedReason) continue;
            expect(trace.conditions).toHaveLength(3);
          }
        }
      }),
      { numRuns: 40 },
    );
    // Generous: CPU-bound property runs on a shared 2-core machine.
  }, 180_000);
});
