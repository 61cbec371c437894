/**
 * Templates in action values: literal text with `{{Case.Subject}}` or `{{incident.html_url}}`
 * placeholders (spaces inside the braces allowed). Fields are checked against the catalog when a
 * rule is saved, so a typo is a save-time error with its column, never a run-time surprise.
 * Rendering: blank values become '', lists are joined with ', ', everything else is `String()`.
 */
import type { FieldCatalog, FieldDef, FieldScope } from './fields';
import { suggestField } from './fields';

export type TemplatePart = { literal: string } | { field: FieldDef };

export interface CompiledTemplate {
  source: string;
  parts: readonly TemplatePart[];
  /** The field when the template is exactly one placeholder (typed values keep their type). */
  single: FieldDef | null;
}

export interface TemplateProblem {
  /** 0-based column in the template text. */
  position: number;
  message: string;
}

export type TemplateCompileResult = { ok: true; template: CompiledTemplate } | { ok: false; problems: TemplateProblem[] };

const SCOPE_PREFIX: Record<FieldScope, string> = { case: 'Case.', incident: 'incident.' };
const SCOPE_NAME: Record<FieldScope, string> = { case: 'Case rules', incident: 'PagerDuty incident rules' };

export function compileTemplate(source: string, catalog: FieldCatalog, scope: FieldScope): TemplateCompileResult {
  const parts: TemplatePart[] = [];
  const problems: TemplateProblem[] = [];
  let literal = '';
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    if (open === -1) {
      literal += source.slice(i);
      break;
    }
    literal += source.slice(i, open);
    const close = source.indexOf('}}', open + 2);
    if (close === -1) {
      problems.push({ position: open, message: `"{{" at column ${open} is never closed with "}}"` });
      break;
    }
    const key = source.slice(open + 2, close).trim();
    const field = catalog.fields.get(key);
    if (key === '') {
      problems.push({ position: open, message: `Empty placeholder at column ${open}; write a field such as {{${SCOPE_PREFIX[scope]}…}}` });
    } else if (!field) {
      const suggestion = suggestField(catalog, key);
      problems.push({
        position: open,
        message: `Unknown field ${key} at column ${open}${suggestion ? `; did you mean ${suggestion}?` : ''}`,
      });
    } else if (field.scope !== scope) {
      problems.push({ position: open, message: `${key} at column ${open} is not available in ${SCOPE_NAME[scope]}; use ${SCOPE_PREFIX[scope]}… fields` });
    } else {
      if (literal !== '') parts.push({ literal });
      literal = '';
      parts.push({ field });
    }
    i = close + 2;
  }
  if (literal !== '') parts.push({ literal });
  if (problems.length > 0) return { ok: false, problems };
  const only = parts.length === 1 ? parts[0] : undefined;
  const single = only && 'field' in only && source.trim() === source && source.startsWith('{{') ? only.field : null;
  return { ok: true, template: { source, parts, single } };
}

export function formatTemplateValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value))
    return value
      .map(formatTemplateValue)
      .filter((v) => v !== '')
      .join(', ');
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // Objects, and what no record holds (functions, symbols), read as their JSON.
  return JSON.stringify(value);
}

export function renderTemplate(template: CompiledTemplate, valueOf: (field: FieldDef) => unknown): string {
  let out = '';
  for (const part of template.parts) out += 'literal' in part ? part.literal : formatTemplateValue(valueOf(part.field));
  return out;
}
