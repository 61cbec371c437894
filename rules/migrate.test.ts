import { describe, expect, it } from 'vitest';
import { buildRulesetExport, parseRulesetExport } from './exchange';
import { RulesetDocumentError, migrateRulesetDocument } from './migrate';
import type { Ruleset } from './model';
import { RULES_SCHEMA_VERSION, toStoredRuleset } from './model';

/** A ruleset as the first release stored it (schema version 0). */
const v0Ruleset = {
  id: 'rs-legacy',
  name: 'Legacy',
  enabled: true,
  rules: [
    {
      id: 'r1',
      name: 'Escalations',
      runOn: 'case_create_or_update',
      conditions: [
        { field: 'Case.Priority', operator: 'in_list', value: 'High, Medium' },
        { field: 'Case.Status', operator: 'equals', value: 'Escalated' },
      ],
      filterLogic: '1 or 2',
      actions: [{ type: 'create_incident', serviceId: 'PSVC1' }],
    },
    {
      id: 'r2',
      name: 'Resolved in PD',
      runOn: 'incident',
      incidentEvents: ['incident.resolved'],
      conditions: [],
      filterLogic: 'AND',
      actions: [{ type: 'set_case_fields', values: { Status: 'Closed' } }],
      stopProcessing: true,
    },
    { id: 'r3', name: 'Any', runOn: 'case_create', conditions: [{ field: 'Case.Origin', operator: 'is_blank' }], filterLogic: 'OR', actions: [] },
  ],
};

const expectedV1: Ruleset = {
  id: 'rs-legacy',
  name: 'Legacy',
  enabled: true,
  position: 0,
  rules: [
    {
      id: 'r1',
      name: 'Escalations',
      runOn: { kind: 'case', on: 'both' },
      conditions: [
        { field: 'Case.Priority', operator: 'in', value: ['High', 'Medium'] },
        { field: 'Case.Status', operator: 'equals', value: 'Escalated' },
      ],
      filterLogic: { kind: 'custom', expression: '1 or 2' },
      actions: [{ type: 'create_incident', serviceId: 'PSVC1' }],
      stopProcessing: false,
    },
    {
      id: 'r2',
      name: 'Resolved in PD',
      runOn: { kind: 'incident', events: ['incident.resolved'] },
      conditions: [],
      filterLogic: { kind: 'all' },
      actions: [{ type: 'set_case_fields', values: { Status: 'Closed' } }],
      stopProcessing: true,
    },
    {
      id: 'r3',
      name: 'Any',
      runOn: { kind: 'case', on: 'create' },
      conditions: [{ field: 'Case.Origin', operator: 'is_blank' }],
      filterLogic: { kind: 'any' },
      actions: [],
      stopProcessing: false,
    },
  ],
};

function documentError(input: unknown): RulesetDocumentError {
  try {
    migrateRulesetDocument(input);
  } catch (error) {
    expect(error).toBeInstanceOf(RulesetDocumentError);
    return error as RulesetDocumentError;
  }
  throw new Error('expected a RulesetDocumentError');
}

describe('migrateRulesetDocument', () => {
  it('migrates a version 0 ruleset to the current model', () => {
    expect(migrateRulesetDocument(v0Ruleset)).toEqual(expectedV1);
  });

  it('reads current documents as stored, round-tripping through JSON', () => {
    const stored = JSON.parse(JSON.stringify(toStoredRuleset(expectedV1))) as ReturnType<typeof toStoredRuleset>;
    expect(stored.schemaVersion).toBe(RULES_SCHEMA_VERSION);
    expect(migrateRulesetDocument(stored)).toEqual(expectedV1);
  });

  it('refuses newer versions, non-objects and invalid content with paths', () => {
    expect(documentError({ schemaVersion: 99, ruleset: {} }).errors[0]?.message).toMatch(/newer release/);
    expect(documentError('nope').errors).toEqual([{ path: '', message: 'A ruleset document must be an object' }]);
    expect(documentError({ schemaVersion: 'one' }).errors[0]?.path).toBe('schemaVersion');
    const bad = documentError({ ...v0Ruleset, rules: [{ ...v0Ruleset.rules[0], runOn: 'sometimes' }] });
    expect(bad.errors[0]?.path).toBe('rules[0].runOn');
    const badEvents = documentError({ ...v0Ruleset, rules: [{ ...v0Ruleset.rules[1], incidentEvents: ['incident.exploded'] }] });
    expect(badEvents.errors[0]?.path).toBe('rules[0].runOn.events[0]');
    expect(documentError({ schemaVersion: 1, ruleset: { ...expectedV1, enabled: 'yes' } }).errors[0]?.path).toBe('ruleset.enabled');
  });
});

describe('export / import', () => {
  it('round-trips an export', () => {
    const exported = buildRulesetExport([expectedV1], '2024-05-01T09:30:00Z');
    expect(exported).toMatchObject({ format: 'pagerduty-sfdc-rulesets', schemaVersion: RULES_SCHEMA_VERSION, exportedAt: '2024-05-01T09:30:00Z' });
    expect(parseRulesetExport(JSON.parse(JSON.stringify(exported)))).toEqual({ ok: true, document: exported });
  });

  it('imports a version 0 export by migrating each ruleset', () => {
    const result = parseRulesetExport({ format: 'pagerduty-sfdc-rulesets', schemaVersion: 0, rulesets: [v0Ruleset] });
    expect(result).toEqual({ ok: true, document: { format: 'pagerduty-sfdc-rulesets', schemaVersion: RULES_SCHEMA_VERSION, rulesets: [expectedV1] } });
  });

  it('rejects other formats, newer versions, bad dates, invalid rulesets and duplicate ids with paths', () => {
    expect(parseRulesetExport({ format: 'other', schemaVersion: 1, rulesets: [] })).toEqual({
      ok: false,
      errors: [{ path: 'format', message: 'Not a rulesets export: "format" must be "pagerduty-sfdc-rulesets"' }],
    });
    const newer = parseRulesetExport({ format: 'pagerduty-sfdc-rulesets', schemaVersion: 2, rulesets: [] });
    expect(!newer.ok && newer.errors[0]?.message).toMatch(/newer release/);
    const badDate = parseRulesetExport({ format: 'pagerduty-sfdc-rulesets', schemaVersion: 1, exportedAt: 'yesterday', rulesets: [] });
    expect(!badDate.ok && badDate.errors[0]?.path).toBe('exportedAt');
    const invalid = parseRulesetExport({
      format: 'pagerduty-sfdc-rulesets',
      schemaVersion: 1,
      rulesets: [expectedV1, { ...expectedV1, name: '' }, expectedV1],
    });
    expect(!invalid.ok && invalid.errors).toEqual([
      { path: 'rulesets[1].name', message: 'Enter a name' },
      { path: 'rulesets[2].id', message: 'Duplicate ruleset id rs-legacy (also rulesets[0])' },
    ]);
    const extra = parseRulesetExport({ format: 'pagerduty-sfdc-rulesets', schemaVersion: 1, rulesets: [], surprise: 1 });
    expect(extra.ok).toBe(false);
    expect(parseRulesetExport(null).ok).toBe(false);
  });
});
