/**
 * Action checking (against the catalog) and rendering (templates filled from the event).
 * Actions carry ids chosen in the UI from live PagerDuty lists; whether those ids still exist is
 * the executor's business (the engine has no I/O), but everything field-shaped is checked here.
 */
import type { FieldCatalog, FieldDef, FieldScope } from './fields';
import { requiredCaseFieldsForCreate, suggestField } from './fields';
import type {
  Action,
  AddCaseCommentAction,
  AddNoteAction,
  CaseFieldValue,
  CreateIncidentAction,
  EscalateIncidentAction,
  SnoozeIncidentAction,
  StartIncidentWorkflowAction,
  UpdateIncidentAction,
} from './model';
import type { PathSegment } from './paths';
import type { CompiledTemplate } from './templates';
import { compileTemplate, renderPlaceholder } from './templates';
import type { EvaluationContext } from './events';
import { UNREADABLE, valueTypeOf } from './values';

export type CaseFieldOutput = string | number | boolean | null;

export type RenderedAction =
  | (Omit<CreateIncidentAction, 'title' | 'details'> & { title?: string; details?: string })
  | UpdateIncidentAction
  | AddNoteAction
  | EscalateIncidentAction
  | SnoozeIncidentAction
  | { type: 'resolve_incident'; resolution?: string }
  | { type: 'add_responders'; userIds: string[]; escalationPolicyIds: string[]; message: string }
  | { type: 'publish_status_update'; message: string }
  | StartIncidentWorkflowAction
  | { type: 'set_conference_bridge'; conferenceNumber?: string; conferenceUrl?: string }
  | { type: 'set_case_fields'; values: Record<string, CaseFieldOutput> }
  | { type: 'create_case'; values: Record<string, CaseFieldOutput> }
  | (Omit<AddCaseCommentAction, 'isPublished'> & { isPublished: boolean });

export interface ActionProblem {
  at: PathSegment[];
  message: string;
}

export type ActionRenderer = (context: EvaluationContext) => RenderedAction;

/** Reads a field for templates: the event kind comes from the event, the rest from the record. */
export function fieldReader(field: FieldDef): (context: EvaluationContext) => unknown {
  if (field.scope === 'incident' && field.name === 'event_type') return (context) => context.eventType;
  const name = field.name;
  return (context) => context.record[name];
}

/**
 * Template (scope + source) → slot in `EvaluationContext.rendered`, shared by all rules compiled
 * together: many rules use the same few templates, and each is rendered at most once per event
 * (an event renders the same text whichever rule asks).
 */
export type TemplateSlots = Map<string, number>;

/** A compiled template with the key its per-event cache slot is found under. */
interface KeyedTemplate {
  template: CompiledTemplate;
  key: string;
}

function templateRenderer({ template, key }: KeyedTemplate, slots: TemplateSlots | undefined): (context: EvaluationContext) => string {
  const pieces = template.parts.map((part) => ('literal' in part ? part.literal : { read: fieldReader(part.field), fallback: part.fallback }));
  const only = pieces.length === 1 ? pieces[0] : undefined;
  if (typeof only === 'string') return () => only;
  if (pieces.length === 0) return () => '';
  const render = (context: EvaluationContext): string => {
    let out = '';
    for (const piece of pieces) out += typeof piece === 'string' ? piece : renderPlaceholder(piece.read(context), piece.fallback);
    return out;
  };
  if (!slots) return render;
  let slot = slots.get(key);
  if (slot === undefined) {
    slot = slots.size;
    slots.set(key, slot);
  }
  const at = slot;
  return (context) => {
    let text = context.rendered[at];
    if (text === undefined) {
      text = render(context);
      context.rendered[at] = text;
    }
    return text;
  };
}

function compileText(source: string, at: PathSegment[], catalog: FieldCatalog, scope: FieldScope, problems: ActionProblem[]): KeyedTemplate | null {
  const result = compileTemplate(source, catalog, scope);
  if (!result.ok) {
    for (const problem of result.problems) problems.push({ at, message: problem.message });
    return null;
  }
  return { template: result.template, key: `${scope}:${source}` };
}

/** A Case-side template (or '' when it did not compile: the problem is reported, the renderer never runs). */
function caseText(
  source: string,
  at: PathSegment[],
  catalog: FieldCatalog,
  problems: ActionProblem[],
  slots: TemplateSlots | undefined,
): (context: EvaluationContext) => string {
  const template = compileText(source, at, catalog, 'case', problems);
  return template ? templateRenderer(template, slots) : () => '';
}

/** A literal conference URL must be a web address; one with placeholders is checked when it is sent. */
function checkLiteralUrl(source: string, at: PathSegment[], problems: ActionProblem[]): void {
  if (source.includes('{{') || source.trim() === '') return;
  let url: URL | undefined;
  try {
    url = new URL(source.trim());
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    problems.push({ at, message: 'Enter a web address starting with https:// (or a template that renders one)' });
  }
}

/** Compiles one Case field assignment into a closure producing the value to write. */
function compileCaseValue(
  field: FieldDef,
  value: CaseFieldValue,
  at: PathSegment[],
  catalog: FieldCatalog,
  problems: ActionProblem[],
  slots: TemplateSlots | undefined,
): ((context: EvaluationContext) => CaseFieldOutput) | null {
  if (value === null) {
    if (!field.nillable) {
      problems.push({ at, message: `${field.label} cannot be blank` });
      return null;
    }
    return () => null;
  }
  if (field.kind === 'text' || field.kind === 'multi') {
    const keyed = compileText(String(value), at, catalog, 'incident', problems);
    if (!keyed) return null;
    const template = keyed.template;
    if (template.parts.every((part) => 'literal' in part) && field.restrictedPicklist && field.picklistValues) {
      const allowed = new Set(field.picklistValues.map((v) => v.toLowerCase()));
      const literals =
        field.kind === 'multi'
          ? String(value)
              .split(';')
              .map((v) => v.trim())
          : [String(value)];
      const unknown = literals.find((v) => v !== '' && !allowed.has(v.toLowerCase()));
      if (unknown !== undefined) {
        problems.push({ at, message: `"${unknown}" is not a value of ${field.label}; choose one of: ${field.picklistValues.join(', ')}` });
        return null;
      }
    }
    return templateRenderer(keyed, slots);
  }
  const type = valueTypeOf(field.kind);
  if (typeof value === 'string' && value.includes('{{')) {
    const template = compileText(value, at, catalog, 'incident', problems)?.template;
    if (!template) return null;
    if (!template.single || template.single.kind !== field.kind) {
      problems.push({
        at,
        message: `${field.label} is ${type.noun}: use a literal value or a single placeholder of a field of that type`,
      });
      return null;
    }
    const read = fieldReader(template.single);
    const keepText = field.kind === 'date' || field.kind === 'datetime' || field.kind === 'id';
    return (context) => {
      const raw = read(context);
      const parsed = type.read(raw);
      if (parsed === null || parsed === UNREADABLE) return null;
      return keepText ? (raw as string) : (parsed as number | boolean);
    };
  }
  const parsed = type.parse(value);
  if (!parsed.ok) {
    problems.push({ at, message: `${field.label}: ${parsed.message}` });
    return null;
  }
  const literal: CaseFieldOutput = field.kind === 'number' || field.kind === 'boolean' ? (parsed.value as number | boolean) : String(value);
  return () => literal;
}

function compileCaseValues(
  values: Record<string, CaseFieldValue>,
  purpose: 'update' | 'create',
  at: PathSegment[],
  catalog: FieldCatalog,
  problems: ActionProblem[],
  slots: TemplateSlots | undefined,
): (context: EvaluationContext) => Record<string, CaseFieldOutput> {
  const writers: [string, (context: EvaluationContext) => CaseFieldOutput][] = [];
  for (const [name, value] of Object.entries(values)) {
    const fieldAt = [...at, name];
    const field = catalog.fields.get(`Case.${name}`);
    if (!field) {
      const suggestion = suggestField(catalog, `Case.${name}`);
      problems.push({ at: fieldAt, message: `Unknown Case field ${name}${suggestion ? `; did you mean ${suggestion.slice(5)}?` : ''}` });
      continue;
    }
    if (purpose === 'update' && !field.updateable) {
      problems.push({ at: fieldAt, message: `${field.label} (${name}) cannot be updated` });
      continue;
    }
    if (purpose === 'create' && !field.createable) {
      problems.push({ at: fieldAt, message: `${field.label} (${name}) cannot be set on a new Case` });
      continue;
    }
    const writer = compileCaseValue(field, value, fieldAt, catalog, problems, slots);
    if (writer) writers.push([field.name, writer]);
  }
  if (purpose === 'create') {
    const missing = requiredCaseFieldsForCreate(catalog).filter((field) => values[field.name] === undefined || values[field.name] === null);
    if (missing.length > 0) {
      problems.push({ at, message: `Create Case must set every required field; missing: ${missing.map((f) => f.name).join(', ')}` });
    }
  }
  return (context) => {
    const out: Record<string, CaseFieldOutput> = {};
    for (const [name, write] of writers) out[name] = write(context);
    return out;
  };
}

/**
 * Checks an action and compiles its renderer; problems are pushed with paths relative to the action.
 * With `slots`, templates are rendered once per event through `EvaluationContext.rendered`.
 */
export function compileAction(action: Action, catalog: FieldCatalog, problems: ActionProblem[], slots?: TemplateSlots): ActionRenderer | null {
  const before = problems.length;
  let renderer: ActionRenderer;
  switch (action.type) {
    case 'create_incident': {
      const title = action.title === undefined ? null : compileText(action.title, ['title'], catalog, 'case', problems);
      const details = action.details === undefined ? null : compileText(action.details, ['details'], catalog, 'case', problems);
      const renderTitle = title ? templateRenderer(title, slots) : null;
      const renderDetails = details ? templateRenderer(details, slots) : null;
      const { serviceId, urgency, priorityId, escalationPolicyId } = action;
      renderer = (context) => {
        // Built a property at a time: a spread copy of a prepared object profiled slower.
        const rendered: RenderedAction & { type: 'create_incident' } = { type: 'create_incident', serviceId };
        if (urgency !== undefined) rendered.urgency = urgency;
        if (priorityId !== undefined) rendered.priorityId = priorityId;
        if (escalationPolicyId !== undefined) rendered.escalationPolicyId = escalationPolicyId;
        if (renderTitle) rendered.title = renderTitle(context);
        if (renderDetails) rendered.details = renderDetails(context);
        return rendered;
      };
      break;
    }
    case 'update_incident': {
      const fixed = { ...action };
      renderer = () => ({ ...fixed });
      break;
    }
    case 'add_note': {
      const content = compileText(action.content, ['content'], catalog, 'case', problems);
      const render = content ? templateRenderer(content, slots) : () => '';
      renderer = (context) => ({ type: 'add_note', content: render(context) });
      break;
    }
    case 'escalate_incident':
    case 'snooze_incident':
    case 'start_incident_workflow': {
      const fixed = { ...action };
      renderer = () => ({ ...fixed });
      break;
    }
    case 'resolve_incident': {
      const resolution = action.resolution === undefined ? null : caseText(action.resolution, ['resolution'], catalog, problems, slots);
      renderer = (context) => (resolution ? { type: 'resolve_incident', resolution: resolution(context) } : { type: 'resolve_incident' });
      break;
    }
    case 'add_responders': {
      const message = caseText(action.message, ['message'], catalog, problems, slots);
      const userIds = [...new Set(action.userIds ?? [])];
      const escalationPolicyIds = [...new Set(action.escalationPolicyIds ?? [])];
      renderer = (context) => ({ type: 'add_responders', userIds: [...userIds], escalationPolicyIds: [...escalationPolicyIds], message: message(context) });
      break;
    }
    case 'publish_status_update': {
      const message = caseText(action.message, ['message'], catalog, problems, slots);
      renderer = (context) => ({ type: 'publish_status_update', message: message(context) });
      break;
    }
    case 'set_conference_bridge': {
      if (action.conferenceUrl !== undefined) checkLiteralUrl(action.conferenceUrl, ['conferenceUrl'], problems);
      const number = action.conferenceNumber === undefined ? null : caseText(action.conferenceNumber, ['conferenceNumber'], catalog, problems, slots);
      const url = action.conferenceUrl === undefined ? null : caseText(action.conferenceUrl, ['conferenceUrl'], catalog, problems, slots);
      renderer = (context) => {
        const rendered: RenderedAction & { type: 'set_conference_bridge' } = { type: 'set_conference_bridge' };
        if (number) rendered.conferenceNumber = number(context);
        if (url) rendered.conferenceUrl = url(context);
        return rendered;
      };
      break;
    }
    case 'set_case_fields':
    case 'create_case': {
      const type = action.type;
      const values = compileCaseValues(action.values, type === 'create_case' ? 'create' : 'update', ['values'], catalog, problems, slots);
      renderer = (context) => ({ type, values: values(context) });
      break;
    }
    case 'add_case_comment': {
      const body = compileText(action.body, ['body'], catalog, 'incident', problems);
      const render = body ? templateRenderer(body, slots) : () => '';
      const isPublished = action.isPublished ?? false;
      renderer = (context) => ({ type: 'add_case_comment', body: render(context), isPublished });
      break;
    }
  }
  return problems.length > before ? null : renderer;
}
