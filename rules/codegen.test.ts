import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateEvents, generateRulesets } from '../bench/rulesWorkload';
import { generateCode, generateRulesetSource, generateTracedRulesetSource } from './codegen';
import type { CompiledRules } from './compile';
import { compileRulesets } from './compile';
import type { EvaluateOptions } from './evaluate';
import { evaluate } from './evaluate';
import type { CaseEvent, IncidentEvent, PreviousValues, RuleEvent } from './events';
import type { CaseFieldInfo, FieldCatalog } from './fields';
import { buildFieldCatalog } from './fields';
import type { Condition, IncidentEventType, Rule, Ruleset } from './model';
import { SAMPLE_CASE_FIELDS } from './testing/sampleCaseFields';

const catalog = buildFieldCatalog(SAMPLE_CASE_FIELDS);

function compile(rulesets: readonly Ruleset[], on: FieldCatalog = catalog): CompiledRules {
  const result = compileRulesets(rulesets, on);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.compiled;
}

/**
 * The closures (the browser's path) and the generated code (the server's) give the same result,
 * to the key order of every object (the sync log stores the trace as JSON), trace on and off.
 */
function expectSameResults(closures: CompiledRules, generated: CompiledRules, event: RuleEvent, previous: PreviousValues): void {
  for (const options of [{ trace: false }, {}, { includeDisabled: true }, { trace: false, includeDisabled: true }] as EvaluateOptions[]) {
    const expected = evaluate(closures, event, previous, options);
    const actual = evaluate(generated, event, previous, options);
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
    expect(actual).toEqual(expected);
  }
}

/** Workload events made harder: CDC's changed fields, snapshots missing fields, unreadable values. */
const twist = fc.record({
  changedFields: fc.option(fc.subarray(['Status', 'Priority', 'Subject', 'Severity__c', 'IsEscalated', 'Due_Date__c', 'Products__c']), { nil: undefined }),
  dropFromSnapshot: fc.subarray(['Status', 'Priority', 'Origin', 'Severity__c', 'Due_Date__c']),
  unreadable: fc.subarray(['Severity__c', 'Due_Date__c', 'CreatedDate', 'IsEscalated', 'Products__c']),
});

type Twist = { changedFields: string[] | undefined; dropFromSnapshot: string[]; unreadable: string[] };

const UNREADABLE_VALUES: Record<string, unknown> = {
  Severity__c: 'abc',
  Due_Date__c: '2024-02-30',
  CreatedDate: '2024-05-01T09:30',
  IsEscalated: 'maybe',
  Products__c: { a: 1 },
};

function twisted(event: CaseEvent, previous: PreviousValues, how: Twist): { event: CaseEvent; previous: PreviousValues } {
  const record = { ...event.record };
  for (const name of how.unreadable) record[name] = UNREADABLE_VALUES[name];
  let snapshot = previous === undefined ? undefined : Object.fromEntries(Object.entries(previous).filter(([name]) => !how.dropFromSnapshot.includes(name)));
  if (snapshot && how.unreadable.includes('Severity__c')) snapshot = { ...snapshot, Severity__c: 'x' };
  return { event: { ...event, record, ...(how.changedFields ? { changedFields: how.changedFields } : {}) }, previous: snapshot };
}

const INCIDENT_CONDITIONS: Condition[] = [
  { field: 'incident.status', operator: 'equals', value: 'acknowledged' },
  { field: 'incident.status', operator: 'changed_to', value: 'resolved' },
  { field: 'incident.status', operator: 'changed' },
  { field: 'incident.urgency', operator: 'in', value: ['high'] },
  { field: 'incident.urgency', operator: 'not_equals', value: 'low' },
  { field: 'incident.title', operator: 'contains', value: 'db' },
  { field: 'incident.title', operator: 'starts_with', value: 'Disk' },
  { field: 'incident.number', operator: 'gt', value: 10 },
  { field: 'incident.event_type', operator: 'equals', value: 'incident.acknowledged' },
  { field: 'incident.assignee_names', operator: 'contains', value: 'Ada' },
  { field: 'incident.created_at', operator: 'lt', value: '2024-06-01T00:00:00Z' },
  { field: 'incident.note_content', operator: 'is_blank' },
];
const EVENT_TYPES: IncidentEventType[] = ['incident.triggered', 'incident.acknowledged', 'incident.resolved', 'incident.annotated'];

const incidentRule = fc.record({
  conditions: fc.subarray(INCIDENT_CONDITIONS, { maxLength: 3 }),
  any: fc.boolean(),
  events: fc.subarray(EVENT_TYPES, { minLength: 1 }),
  stop: fc.boolean(),
});

const incidentEvent = fc.record({
  eventType: fc.constantFrom(...EVENT_TYPES),
  status: fc.constantFrom('triggered', 'acknowledged', 'resolved', null),
  previousStatus: fc.option(fc.constantFrom('triggered', 'acknowledged', 'resolved', null)),
  urgency: fc.constantFrom('high', 'low', 'HIGH', undefined),
  title: fc.constantFrom('Disk full on db-1', 'DB slow', '', null),
  number: fc.constantFrom(3, 42, '12', 'twelve', null),
  assignees: fc.constantFrom(['Ada Lovelace'], ['Ada', 'Grace'], [], null),
  createdAt: fc.constantFrom('2024-05-01T09:30:00Z', '2024-07-01T00:00:00+02:00', 'yesterday', null),
});

describe('generateCode: the same results as the closures', () => {
  it('on random Case rulesets and events (every operator and kind, custom logic, stop processing), trace on and off', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(twist, { minLength: 12, maxLength: 12 }), (seed, twists) => {
        const shape = { rulesets: 3, rulesPerRuleset: 6, conditionsPerRule: 3, events: 12 };
        const closures = compile(generateRulesets(shape, seed));
        const generated = generateCode(closures);
        generateEvents(shape, seed + 1).forEach(({ event, previous }, i) => {
          const input = twisted(event, previous, twists[i] as Twist);
          expectSameResults(closures, generated, input.event, input.previous);
        });
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it('on random incident rulesets and webhook events', () => {
    fc.assert(
      fc.property(fc.array(incidentRule, { minLength: 1, maxLength: 6 }), fc.array(incidentEvent, { minLength: 1, maxLength: 6 }), (rules, events) => {
        const ruleset: Ruleset = {
          id: 'rs',
          name: 'Incidents',
          enabled: true,
          position: 0,
          rules: rules.map((r, i): Rule => ({
            id: `r${i}`,
            name: `Rule ${i}`,
            runOn: { kind: 'incident', events: r.events },
            conditions: r.conditions,
            filterLogic: { kind: r.any ? 'any' : 'all' },
            actions: [
              {
                type: 'set_case_fields',
                values: { Subject: '{{incident.title | default: "untitled"}} #{{incident.number}}', Severity__c: '{{incident.number}}' },
              },
            ],
            stopProcessing: r.stop,
          })),
        };
        const closures = compile([ruleset, { ...ruleset, id: 'off', enabled: false }]);
        const generated = generateCode(closures);
        for (const e of events) {
          const incident = {
            id: 'PINC1',
            number: e.number,
            title: e.title,
            status: e.status,
            urgency: e.urgency,
            assignee_names: e.assignees,
            created_at: e.createdAt,
          };
          const event: IncidentEvent = { kind: 'incident', eventType: e.eventType, incident: incident as unknown as IncidentEvent['incident'] };
          expectSameResults(closures, generated, event, e.previousStatus === null ? undefined : { status: e.previousStatus });
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe('generateCode: nothing from a ruleset becomes code', () => {
  const HOSTILE = ['"', "'", '`', '\\', '${', '*/', '/*', '\n', '\u2028', '\u2029', '</script>', '"); throw new Error("pwned'];
  const hostile = HOSTILE.join(' x ');
  const field = `Hostile"'\`\\\${x}*/\n\u2028__c`;
  const fields: CaseFieldInfo[] = [
    ...SAMPLE_CASE_FIELDS,
    { name: field, label: 'Hostile', type: 'string', createable: true, updateable: true, nillable: true, defaultedOnCreate: false },
  ];
  const hostileCatalog = buildFieldCatalog(fields);
  const rulesets: Ruleset[] = [
    {
      id: `rs ${hostile}`,
      name: `Ruleset ${hostile}`,
      enabled: true,
      position: 0,
      rules: [
        {
          id: `rule ${hostile}`,
          name: `Rule ${hostile}`,
          runOn: { kind: 'case', on: 'both' },
          conditions: [
            { field: `Case.${field}`, operator: 'contains', value: '${' },
            { field: 'Case.Subject', operator: 'in', value: HOSTILE },
            { field: 'Case.Description', operator: 'not_equals', value: hostile },
          ],
          filterLogic: { kind: 'custom', expression: '1 OR (2 AND NOT 3)' },
          actions: [
            { type: 'create_incident', serviceId: `P${hostile}`, title: `${hostile} {{Case.${field}}} {{Case.Subject | default: "*/ \\ \${"}}` },
            { type: 'add_note', content: `{{Case.Description}}${hostile}` },
          ],
          stopProcessing: true,
        },
        {
          id: 'second',
          name: 'Second',
          runOn: { kind: 'case', on: 'update' },
          conditions: [{ field: `Case.${field}`, operator: 'changed' }],
          filterLogic: { kind: 'all' },
          actions: [],
          stopProcessing: false,
        },
      ],
    },
  ];

  it('the generated source holds only its own names and integers', () => {
    const compiled = compile(rulesets, hostileCatalog);
    const ruleset = compiled.rulesets[0]!;
    for (const { source } of [generateRulesetSource(ruleset.rules), generateTracedRulesetSource(ruleset.rules)]) {
      for (const text of HOSTILE.filter((t) => t !== '"' && t !== '\n')) expect(source).not.toContain(text);
      // The only quotes are those of the "use strict" directive; no string literal from a rule.
      expect(source.replace('"use strict";', '')).not.toMatch(/["'`]/);
      expect(source).toMatch(/^[\x20-\x7e\n]*$/);
    }
  });

  it('hostile names, values and templates evaluate as the closures do', () => {
    const closures = compile(rulesets, hostileCatalog);
    const generated = generateCode(closures);
    const events: { event: CaseEvent; previous: PreviousValues }[] = [
      ...HOSTILE.map((value): { event: CaseEvent; previous: PreviousValues } => ({
        event: { kind: 'case', change: 'update', record: { [field]: `a${value}\${b`, Subject: value, Description: hostile } },
        previous: { [field]: value },
      })),
      { event: { kind: 'case', change: 'create' as const, record: { Subject: '"', Description: '*/' } }, previous: undefined },
      { event: { kind: 'case', change: 'update' as const, record: { [field]: 'same' }, changedFields: [field] }, previous: {} },
    ];
    let matched = 0;
    for (const { event, previous } of events) {
      expectSameResults(closures, generated, event, previous);
      matched += evaluate(generated, event, previous, { trace: false }).matched.length;
    }
    // The rules did match (and render their hostile text), so the comparison above was not vacuous.
    expect(matched).toBeGreaterThan(5);
    const first = evaluate(generated, events[0]!.event, events[0]!.previous, { trace: false });
    expect(first.actions[0]?.action).toMatchObject({ type: 'create_incident', serviceId: `P${hostile}` });
  });
});
