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
});
