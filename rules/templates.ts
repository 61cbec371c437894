/**
 * Templates in action values: literal text with `{{Case.Subject}}` or `{{incident.html_url}}`
 * placeholders (spaces inside the braces allowed), each with an optional fallback for a blank
 * value: `{{incident.agent_name | default: "PagerDuty"}}`. Fields are checked against the
 * catalog when a rule is saved (aliases such as `incident.incident_number` accepted), so a typo
 * is a save-time error with its column, never a run-time surprise.
 * Rendering: blank values become the fallback or '', lists are joined with ', ', everything
 * else is `String()`. The sync engine and "Test this rule" render through `renderPlaceholder`.
 */
import type { FieldCatalog, FieldDef, FieldScope } from './fields';
import { lookupField, suggestField } from './fields';

/** A placeholder's field and, when written, the text that stands for a blank value. */
export type TemplatePart = { literal: string } | { field: FieldDef; fallback?: string };

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
    const inside = source.slice(open + 2, close);
    const bar = inside.indexOf('|');
    const key = (bar === -1 ? inside : inside.slice(0, bar)).trim();
    const fallback = bar === -1 ? { ok: true as const, text: undefined } : parseFallback(inside.slice(bar + 1), key, open);
    const field = lookupField(catalog, key);
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
    } else if (!fallback.ok) {
      problems.push({ position: open, message: fallback.message });
    } else {
      if (literal !== '') parts.push({ literal });
      literal = '';
      parts.push(fallback.text === undefined ? { field } : { field, fallback: fallback.text });
    }
    i = close + 2;
  }
  if (literal !== '') parts.push({ literal });
  if (problems.length > 0) return { ok: false, problems };
  const only = parts.length === 1 ? parts[0] : undefined;
  // A fallback is text: a template that has one is rendered as text, never as a typed value.
  const single = only && 'field' in only && only.fallback === undefined && source.trim() === source && source.startsWith('{{') ? only.field : null;
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
  // An object (a compound field) as JSON; nothing else reaches a record from JSON.
  return typeof value === 'object' ? JSON.stringify(value) : '';
}

/** One placeholder's text: the value, or its fallback when the value is blank. */
export function renderPlaceholder(value: unknown, fallback: string | undefined): string {
  const text = formatTemplateValue(value);
  return text === '' && fallback !== undefined ? fallback : text;
}

export function renderTemplate(template: CompiledTemplate, valueOf: (field: FieldDef) => unknown): string {
  let out = '';
  for (const part of template.parts) out += 'literal' in part ? part.literal : renderPlaceholder(valueOf(part.field), part.fallback);
  return out;
}

const FALLBACK = /^\s*default\s*:\s*(?:"([^"]*)"|'([^']*)')\s*$/;

/** `default: "text"` after a placeholder's bar; the only filter there is. */
function parseFallback(filter: string, key: string, open: number): { ok: true; text: string } | { ok: false; message: string } {
  const match = FALLBACK.exec(filter);
  if (match) return { ok: true, text: match[1] ?? match[2] ?? '' };
  const example = `{{${key} | default: "text"}}`;
  const name = /^\s*([A-Za-z_]+)/.exec(filter)?.[1];
  if (name === undefined || name !== 'default')
    return { ok: false, message: `Unknown filter "${filter.trim()}" at column ${open}; write ${example} for a fallback` };
  return { ok: false, message: `Write the fallback in quotes at column ${open}: ${example}` };
}
