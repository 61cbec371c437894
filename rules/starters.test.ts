import { describe, expect, it } from 'vitest';
import { compileRulesets, validateRuleset } from './compile';
import { evaluate } from './evaluate';
import { buildFieldCatalog, type IncidentRecord } from './fields';
import { buildRulesetExport, parseRulesetExport } from './exchange';
import { STARTER_SERVICE, STARTER_TEMPLATES, rulesetFromStarter, starterTemplate, type StarterTemplate } from './starters';
import { SAMPLE_CASE_FIELDS } from './testing/sampleCaseFields';

/** A standard Case (the sample without its custom fields): what the starters are written for. */
const standardCatalog = buildFieldCatalog(SAMPLE_CASE_FIELDS.filter((field) => !field.name.endsWith('__c')));
const SERVICE = 'PSUPPORT';

function added(template: StarterTemplate, position = 0) {
  const result = rulesetFromStarter(template, { id: `rs-${template.key}`, position, serviceId: SERVICE });
  if (!result.ok) throw new Error(`${template.key}: ${JSON.stringify(result.errors)}`);
  return result.ruleset;
}

function template(key: string): StarterTemplate {
  const found = starterTemplate(key);
  if (!found) throw new Error(`No starter ${key}`);
  return found;
}

describe('starter templates', () => {
  it.each(STARTER_TEMPLATES.map((starter) => [starter.key, starter] as const))(
    '%s passes the checks of any saved ruleset, and is added disabled',
    (_key, starter) => {
      const ruleset = added(starter, 3);
      expect(validateRuleset(ruleset, standardCatalog)).toEqual({ ok: true, ruleset });
      expect(ruleset).toMatchObject({ id: `rs-${starter.key}`, name: starter.name, enabled: false, position: 3 });
      // The blank is filled everywhere, and only starters that say they need a service have one.
      expect(JSON.stringify(ruleset)).not.toContain(STARTER_SERVICE);
      expect(JSON.stringify(starter.rules).includes(STARTER_SERVICE)).toBe(starter.needs.includes('service'));
    },
  );

  it('all compile together, and survive an export and import', () => {
    const rulesets = STARTER_TEMPLATES.map((starter, index) => added(starter, index));
    expect(compileRulesets(rulesets, standardCatalog).ok).toBe(true);
    const parsed = parseRulesetExport(JSON.parse(JSON.stringify(buildRulesetExport(rulesets))));
    expect(parsed.ok && parsed.document.rulesets).toEqual(rulesets);
  });

  it('have unique keys and names, and each rule id is unique in its starter', () => {
    expect(new Set(STARTER_TEMPLATES.map((starter) => starter.key)).size).toBe(STARTER_TEMPLATES.length);
    expect(new Set(STARTER_TEMPLATES.map((starter) => starter.name)).size).toBe(STARTER_TEMPLATES.length);
    for (const starter of STARTER_TEMPLATES) expect(new Set(starter.rules.map((rule) => rule.id)).size).toBe(starter.rules.length);
  });

  it('refuses a starter that needs a service without one, on the serviceId path', () => {
    expect(rulesetFromStarter(template('page-high-priority-cases'), { id: 'x', position: 0 })).toEqual({
      ok: false,
      errors: [{ path: 'serviceId', message: 'Choose the PagerDuty service "Page on high-priority Cases" works with' }],
    });
    expect(rulesetFromStarter(template('page-high-priority-cases'), { id: 'x', position: 0, serviceId: '  ' }).ok).toBe(false);
    expect(rulesetFromStarter(template('follow-incident-status'), { id: 'x', position: 0 }).ok).toBe(true);
  });

  it('takes another name (a second copy), still checked by the model', () => {
    const result = rulesetFromStarter(template('follow-incident-status'), { id: 'x', position: 0, name: "Follow the incident's status on the Case (2)" });
    expect(result.ok && result.ruleset.name).toBe("Follow the incident's status on the Case (2)");
    const tooLong = rulesetFromStarter(template('follow-incident-status'), { id: 'x', position: 0, name: 'x'.repeat(81) });
    expect(tooLong).toMatchObject({ ok: false, errors: [{ path: 'name' }] });
  });

  it('an org whose Case has more required fields refuses "Open a Case" with the missing field named', () => {
    const withRequiredCustomField = buildFieldCatalog(SAMPLE_CASE_FIELDS);
    const result = validateRuleset(added(template('case-for-service-incidents')), withRequiredCustomField);
    expect(result).toMatchObject({ ok: false, errors: [{ path: 'rules[0].actions[0].values' }] });
    expect(!result.ok && result.errors[0]!.message).toContain('Region__c');
  });
});

describe('what the starters do (the README round trip)', () => {
  const compiled = (() => {
    const result = compileRulesets(
      STARTER_TEMPLATES.map((starter, index) => ({ ...added(starter, index), enabled: true })),
      standardCatalog,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.compiled;
  })();
  const openCase = { Id: '500000000000001AAA', CaseNumber: '00001001', Subject: 'Refunds fail', Status: 'New' };

  it('a Case raised to High opens a high-urgency incident on the chosen service; other edits do not', () => {
    const raised = evaluate(
      compiled,
      { kind: 'case', change: 'update', record: { ...openCase, Priority: 'High' }, changedFields: ['Priority'] },
      { Priority: 'Medium' },
    );
    expect(raised.actions.map((selected) => selected.action)).toEqual([{ type: 'create_incident', serviceId: SERVICE, urgency: 'high' }]);
    const otherEdit = evaluate(
      compiled,
      { kind: 'case', change: 'update', record: { ...openCase, Priority: 'High' }, changedFields: ['Subject'] },
      { Priority: 'High' },
    );
    expect(otherEdit.actions).toEqual([]);
    const closed = evaluate(compiled, { kind: 'case', change: 'update', record: { ...openCase, Status: 'Closed', Priority: 'High' } }, { Priority: 'Low' });
    expect(closed.actions).toEqual([]);
  });

  it('a new High Case opens one too', () => {
    const created = evaluate(compiled, { kind: 'case', change: 'create', record: { ...openCase, Priority: 'High' } }, undefined);
    expect(created.actions.map((selected) => selected.action)).toEqual([{ type: 'create_incident', serviceId: SERVICE, urgency: 'high' }]);
  });

  it('acknowledged sets the Case to Working, resolved closes it', () => {
    const incident: Partial<IncidentRecord> = {
      id: 'PINC1',
      number: 7,
      title: 'Refunds fail',
      status: 'acknowledged',
      service_id: 'POTHER',
      service_name: 'Other',
    };
    expect(
      evaluate(compiled, { kind: 'incident', eventType: 'incident.acknowledged', incident }, undefined).actions.map((selected) => selected.action),
    ).toEqual([{ type: 'set_case_fields', values: { Status: 'Working' } }]);
    expect(evaluate(compiled, { kind: 'incident', eventType: 'incident.resolved', incident }, undefined).actions.map((selected) => selected.action)).toEqual([
      { type: 'set_case_fields', values: { Status: 'Closed' } },
    ]);
  });

  it("an incident triggered on the chosen service opens a Case; another service's does not", () => {
    const incident: Partial<IncidentRecord> = {
      id: 'PINC2',
      number: 8,
      title: 'Checkout down',
      status: 'triggered',
      urgency: 'high',
      service_id: SERVICE,
      service_name: 'Customer Support',
      html_url: 'https://pd.example/incidents/PINC2',
    };
    expect(evaluate(compiled, { kind: 'incident', eventType: 'incident.triggered', incident }, undefined).actions.map((selected) => selected.action)).toEqual([
      {
        type: 'create_case',
        values: { Subject: 'Checkout down', Description: 'PagerDuty incident #8 on Customer Support (high urgency): https://pd.example/incidents/PINC2' },
      },
    ]);
    const elsewhere = evaluate(compiled, { kind: 'incident', eventType: 'incident.triggered', incident: { ...incident, service_id: 'POTHER' } }, undefined);
    expect(elsewhere.actions).toEqual([]);
  });
});
