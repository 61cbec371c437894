import { describe, expect, it } from 'vitest';
import { buildFieldCatalog } from './fields';
import type { FieldDef } from './fields';
import { compileTemplate, formatTemplateValue, renderTemplate } from './templates';
import { SAMPLE_CASE_FIELDS } from './testing/sampleCaseFields';

const catalog = buildFieldCatalog(SAMPLE_CASE_FIELDS);

function render(source: string, scope: 'case' | 'incident', values: Record<string, unknown>): string {
  const compiled = compileTemplate(source, catalog, scope);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return renderTemplate(compiled.template, (field: FieldDef) => values[field.key]);
}

describe('templates', () => {
  it('renders placeholders, tolerating spaces inside braces', () => {
    expect(render('Case {{Case.CaseNumber}}: {{ Case.Subject }}', 'case', { 'Case.CaseNumber': '00001', 'Case.Subject': 'Down' })).toBe('Case 00001: Down');
    expect(render('{{incident.html_url}} #{{incident.number}}', 'incident', { 'incident.html_url': 'https://x/P1', 'incident.number': 12 })).toBe(
      'https://x/P1 #12',
    );
  });

  it('renders blanks as empty text, lists joined, booleans and numbers as text', () => {
    expect(render('[{{Case.Subject}}]', 'case', { 'Case.Subject': null })).toBe('[]');
    expect(render('[{{Case.Subject}}]', 'case', {})).toBe('[]');
    expect(render('{{incident.assignee_names}}', 'incident', { 'incident.assignee_names': ['A', '', 'B'] })).toBe('A, B');
    expect(formatTemplateValue(false)).toBe('false');
    expect(formatTemplateValue(0)).toBe('0');
    expect(formatTemplateValue({ a: 1 })).toBe('{"a":1}');
  });

  it('leaves text without placeholders, and lone braces, alone', () => {
    expect(render('no placeholders } here {', 'case', {})).toBe('no placeholders } here {');
    expect(render('', 'case', {})).toBe('');
    expect(render('a }} b', 'case', {})).toBe('a }} b');
  });

  it('marks templates that are exactly one placeholder (typed values keep their type)', () => {
    const single = compileTemplate('{{incident.number}}', catalog, 'incident');
    expect(single.ok && single.template.single?.key).toBe('incident.number');
    const mixed = compileTemplate('#{{incident.number}}', catalog, 'incident');
    expect(mixed.ok && mixed.template.single).toBe(null);
  });

  it('reports every unknown, out-of-scope, empty or unclosed placeholder with its column', () => {
    const result = compileTemplate('{{Case.Nope}} {{incident.title}} {{ }} {{case.subject}} {{Case.Subject', catalog, 'case');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { position: 0, message: 'Unknown field Case.Nope at column 0' },
      { position: 14, message: 'incident.title at column 14 is not available in Case rules; use Case.… fields' },
      { position: 33, message: 'Empty placeholder at column 33; write a field such as {{Case.…}}' },
      { position: 39, message: 'Unknown field case.subject at column 39; did you mean Case.Subject?' },
      { position: 56, message: '"{{" at column 56 is never closed with "}}"' },
    ]);
  });

  it('accepts the names the UI and PagerDuty use for incident fields: incident_number, url, service, priority…', () => {
    const values = { 'incident.number': 41, 'incident.html_url': 'https://x/P1', 'incident.service_name': 'Checkout API', 'incident.priority_name': 'P1' };
    expect(render('#{{incident.incident_number}} {{incident.url}} on {{incident.service}} ({{incident.priority}})', 'incident', values)).toBe(
      '#41 https://x/P1 on Checkout API (P1)',
    );
    const single = compileTemplate('{{ incident.incident_number }}', catalog, 'incident');
    expect(single.ok && single.template.single?.key).toBe('incident.number');
  });

  it('suggests a field written by its label', () => {
    const result = compileTemplate('{{incident.Incident Number}} {{Case.Case Number}}', catalog, 'incident');
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual([
      'Unknown field incident.Incident Number at column 0; did you mean incident.number?',
      'Unknown field Case.Case Number at column 29; did you mean Case.CaseNumber?',
    ]);
  });

  it('renders a fallback for a blank value: {{field | default: "text"}}', () => {
    const source = 'Acknowledged in PagerDuty by {{ incident.agent_name | default: "PagerDuty" }}: {{incident.html_url}}';
    expect(render(source, 'incident', { 'incident.agent_name': null, 'incident.html_url': 'https://x/P1' })).toBe(
      'Acknowledged in PagerDuty by PagerDuty: https://x/P1',
    );
    expect(render(source, 'incident', { 'incident.agent_name': 'Ada', 'incident.html_url': 'https://x/P1' })).toBe(
      'Acknowledged in PagerDuty by Ada: https://x/P1',
    );
    expect(render("{{incident.assignee_names | default: 'nobody'}}", 'incident', { 'incident.assignee_names': [] })).toBe('nobody');
    const withDefault = compileTemplate('{{incident.number | default: "?"}}', catalog, 'incident');
    expect(withDefault.ok && withDefault.template.single).toBe(null);
  });

  it('reports a filter other than default, and a default without quotes, with the column', () => {
    const result = compileTemplate('x {{incident.title | upper}} {{incident.title | default: none}}', catalog, 'incident');
    expect(!result.ok && result.problems).toEqual([
      { position: 2, message: 'Unknown filter "upper" at column 2; write {{incident.title | default: "text"}} for a fallback' },
      { position: 29, message: 'Write the fallback in quotes at column 29: {{incident.title | default: "text"}}' },
    ]);
  });
});
