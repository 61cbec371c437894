/**
 * The rule editor's pure half: which fields and values a condition or action can offer, how
 * typed inputs become the model's values, what Create Case still misses, and how the server's
 * error paths land on the editor's inputs. No DOM, unit-tested.
 */
import {
  ACTION_LABELS as RULE_ACTION_LABELS,
  CASE_ACTION_TYPES,
  INCIDENT_ACTION_TYPES,
  INCIDENT_EVENT_LABELS,
  INCIDENT_EVENT_TYPE_FIELD,
  incidentCustomFieldDef,
  incidentEventLabel,
  kindOfType,
  OPERATORS,
  operatorsForField,
  type Action,
  type CaseFieldValue,
  type ConditionValue,
  type FieldDef,
  type Rule,
  type Ruleset,
  type SalesforceFieldType,
  type ValueKind,
} from '../../../rules';
import type { CaseFieldMetadata, IncidentFieldsReply, OperatorOption, PagerDutyMetadataReply } from '../../../contracts/authoring';

export interface EditorMetadata {
  caseFields: CaseFieldMetadata[];
  incident: IncidentFieldsReply;
  /** Null when PagerDuty could not be read: id inputs fall back to text. */
  pagerduty: PagerDutyMetadataReply | null;
  pagerdutyProblem: string | null;
}

export interface FieldOption {
  key: string;
  label: string;
  type: string;
  kind: ValueKind;
  picklistValues: string[];
  operators: OperatorOption[];
}

export interface ChoiceOption {
  value: string;
  label: string;
}

/**
 * The account's incident custom fields as the rules engine types them (`incident.custom_fields.<name>`,
 * "Custom Field: Environment"), from the PagerDuty metadata; none when PagerDuty could not be read.
 */
export function customFieldDefs(meta: EditorMetadata): FieldDef[] {
  return (meta.pagerduty?.incidentCustomFields ?? []).map((field) =>
    incidentCustomFieldDef({
      name: field.name,
      displayName: field.displayName,
      dataType: field.dataType,
      fieldType: field.fieldType,
      ...(field.options.length > 0 ? { options: field.options } : {}),
    }),
  );
}

export function conditionFields(meta: EditorMetadata, scope: Rule['runOn']['kind']): FieldOption[] {
  if (scope === 'incident') {
    const fixed = meta.incident.fields.map((field) => ({
      key: field.key,
      label: field.label,
      type: field.type,
      kind: kindOfType(field.type as SalesforceFieldType),
      picklistValues: field.picklistValues,
      operators: field.operators,
    }));
    const custom = customFieldDefs(meta).map((def) => ({
      key: def.key,
      label: def.label,
      type: def.type,
      kind: def.kind,
      picklistValues: [...(def.picklistValues ?? [])],
      operators: operatorsForField(def).map((name) => ({ name, label: OPERATORS[name].label, value: OPERATORS[name].value })),
    }));
    return [...fixed, ...custom];
  }
  return meta.caseFields
    .filter((field) => field.supported)
    .map((field) => ({
      key: `Case.${field.name}`,
      label: `${field.label} (${field.name})`,
      type: field.type,
      kind: kindOfType(field.type as SalesforceFieldType),
      picklistValues: field.picklistValues,
      operators: field.operators,
    }));
}

/** Values offered for a field: PagerDuty lists for incident reference fields, else the picklist. */
export function choicesFor(field: FieldOption, meta: EditorMetadata): ChoiceOption[] | null {
  const pd = meta.pagerduty;
  const byId = (items: { id: string; name: string }[]) => items.map((item) => ({ value: item.id, label: item.name }));
  const byName = (items: { name: string }[]) => items.map((item) => ({ value: item.name, label: item.name }));
  if (pd) {
    switch (field.key) {
      case 'incident.service_id':
        return byId(pd.services);
      case 'incident.service_name':
        return byName(pd.services);
      case 'incident.priority_id':
        return byId(pd.priorities);
      case 'incident.priority_name':
        return byName(pd.priorities);
      case 'incident.escalation_policy_id':
        return byId(pd.escalationPolicies);
      case 'incident.escalation_policy_name':
        return byName(pd.escalationPolicies);
      case 'incident.assignee_ids':
        return byId(pd.users);
      case 'incident.assignee_names':
        return byName(pd.users);
      case 'incident.responder_ids':
        return byId(pd.users);
      case 'incident.responder_names':
        return byName(pd.users);
      case 'incident.workflow_id':
        return byId(pd.incidentWorkflows);
      case 'incident.workflow_name':
        return byName(pd.incidentWorkflows);
    }
  }
  if (field.kind === 'boolean')
    return [
      { value: 'true', label: 'True' },
      { value: 'false', label: 'False' },
    ];
  // The event kind by its label ("Incident acknowledged"); its value stays the webhook type.
  const label = field.key === INCIDENT_EVENT_TYPE_FIELD ? incidentEventLabel : (value: string) => value;
  return field.picklistValues.length > 0 ? field.picklistValues.map((value) => ({ value, label: label(value) })) : null;
}

/** The model's value from an input: numbers for number fields, booleans for checkboxes, lists as arrays. */
export function conditionValueFrom(kind: ValueKind, shape: OperatorOption['value'], raw: string | string[]): ConditionValue | undefined {
  if (shape === 'none') return undefined;
  if (shape === 'list') {
    const items = (Array.isArray(raw) ? raw : raw.split(',')).map((item) => item.trim()).filter((item) => item !== '');
    return kind === 'number' ? items.map((item) => (Number.isFinite(Number(item)) ? Number(item) : item)) : items;
  }
  const text = Array.isArray(raw) ? (raw[0] ?? '') : raw;
  if (kind === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (kind === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  if (kind === 'datetime' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? text : date.toISOString();
  }
  return text;
}

/** An ISO instant as a `datetime-local` input shows it (local time, minutes). */
export function datetimeLocalValue(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function valueAsText(value: ConditionValue | undefined): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

export function valueAsList(value: ConditionValue | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

export function actionTypesFor(runOn: Rule['runOn']): readonly Action['type'][] {
  return runOn.kind === 'case' ? CASE_ACTION_TYPES : INCIDENT_ACTION_TYPES;
}

/** The rules engine's action labels (one list for the editor, the test panel and the docs). */
export const ACTION_LABELS = RULE_ACTION_LABELS;

/** A new action of a type, with what it needs pre-filled (Create Case: every required field, empty). */
export function newAction(type: Action['type'], meta: EditorMetadata): Action {
  switch (type) {
    case 'create_incident':
      return { type, serviceId: meta.pagerduty?.services[0]?.id ?? '' };
    case 'update_incident':
      return { type, status: 'acknowledged' };
    case 'add_note':
      return { type, content: '' };
    case 'escalate_incident':
      return { type, level: 2 };
    case 'snooze_incident':
      return { type, durationMinutes: 60 };
    case 'resolve_incident':
      return { type };
    case 'add_responders':
      return { type, userIds: [], message: '' };
    case 'publish_status_update':
      return { type, message: '' };
    case 'start_incident_workflow':
      return { type, workflowId: meta.pagerduty?.incidentWorkflows[0]?.id ?? '' };
    case 'set_conference_bridge':
      return { type, conferenceUrl: '' };
    case 'set_case_fields': {
      const first = caseValueFields(meta, 'set_case_fields')[0];
      return { type, values: first ? { [first.name]: '' } : {} };
    }
    case 'create_case':
      return { type, values: Object.fromEntries(meta.caseFields.filter((field) => field.requiredForCreate).map((field) => [field.name, ''])) };
    case 'add_case_comment':
      return { type, body: '' };
  }
}

/** Fields an action may write: createable ones for Create Case, updateable ones otherwise. */
export function caseValueFields(meta: EditorMetadata, type: 'set_case_fields' | 'create_case'): CaseFieldMetadata[] {
  return meta.caseFields.filter((field) => field.supported && (type === 'create_case' ? field.createable : field.updateable));
}

/** Required Case fields a Create Case action leaves unset or empty. */
export function missingRequiredFields(values: Record<string, unknown>, meta: EditorMetadata): CaseFieldMetadata[] {
  return meta.caseFields.filter(
    (field) => field.requiredForCreate && (values[field.name] === undefined || values[field.name] === '' || values[field.name] === null),
  );
}

/** The fields a template of one side may use, as the "Insert a field" picker lists them. */
export function templateFields(meta: EditorMetadata, scope: 'case' | 'incident'): { key: string; label: string }[] {
  if (scope === 'incident') {
    return [...meta.incident.fields, ...customFieldDefs(meta)].map((field) => ({ key: field.key, label: field.label }));
  }
  return meta.caseFields.filter((field) => field.supported).map((field) => ({ key: `Case.${field.name}`, label: field.label }));
}

/** `text` with `insert` in place of the selection [start, end), and where the caret goes after it. */
export function insertAt(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + insert + text.slice(to), caret: from + insert.length };
}

/** Case field types whose values are picked from a list in actions (with a text box for templates). */
export function isPicklistField(field: CaseFieldMetadata): boolean {
  return ['picklist', 'multipicklist', 'combobox'].includes(field.type) && field.picklistValues.length > 0;
}

/**
 * Whether a picklist action value reads as a choice from the list: blank, one listed value, or
 * (multi-select) only listed values. A template or a value off the list needs the text box.
 */
export function isListedValue(field: CaseFieldMetadata, value: CaseFieldValue): boolean {
  if (value === null || value === '') return true;
  if (typeof value !== 'string') return false;
  const listed = new Set(field.picklistValues);
  return field.type === 'multipicklist' ? value.split(';').every((part) => listed.has(part.trim())) : listed.has(value);
}

/** Renames a key of a record in place of its position, so rows don't jump while being edited. */
export function renameKey<V>(record: Record<string, V>, from: string, to: string): Record<string, V> {
  if (from === to || Object.hasOwn(record, to)) return record;
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key === from ? to : key, value]));
}

/**
 * The server's error paths for one rule (`rules[2].conditions[0].field`) relative to the rule
 * (`conditions[0].field`); errors elsewhere in the ruleset are kept whole under `others`.
 */
export function errorsForRule(
  fields: { path: string; message: string }[],
  ruleIndex: number,
): { own: Map<string, string>; others: { path: string; message: string }[] } {
  const own = new Map<string, string>();
  const others: { path: string; message: string }[] = [];
  const prefix = `rules[${ruleIndex}]`;
  for (const field of fields) {
    if (field.path === prefix || field.path.startsWith(`${prefix}.`)) {
      const relative = field.path.slice(prefix.length).replace(/^\./, '');
      if (!own.has(relative)) own.set(relative, field.message);
    } else others.push(field);
  }
  return { own, others };
}

/** A fresh id for a rule (the server only needs it unique within its ruleset). */
export function newRuleId(random: () => number = Math.random): string {
  return `rule-${Date.now().toString(36)}-${Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0')}`;
}

/** "Case created or updated", "PagerDuty: Incident resolved, Incident acknowledged". */
export function describeRunOn(runOn: Rule['runOn']): string {
  if (runOn.kind === 'case') return `Case ${runOn.on === 'both' ? 'created or updated' : runOn.on === 'create' ? 'created' : 'updated'}`;
  return `PagerDuty: ${runOn.events.map((event) => INCIDENT_EVENT_LABELS[event]).join(', ')}`;
}

// ── Error paths in the editor's words ─────────────────────────────────────────────────────────
/** What the editor calls each input of an action (its labels); `ACTION_INPUT_LABELS_BY_TYPE` where one action names it otherwise. */
const ACTION_INPUT_LABELS: Record<string, string> = {
  type: 'Action type',
  serviceId: 'Service',
  urgency: 'Urgency',
  priorityId: 'Priority',
  escalationPolicyId: 'Escalation policy',
  title: 'Title override',
  details: 'Details override',
  status: 'Status',
  assignToUserIds: 'Reassign to',
  content: 'Note',
  body: 'Comment',
  isPublished: 'Public comment',
  values: 'Case fields',
  level: 'Escalation level',
  durationMinutes: 'Snooze for',
  resolution: 'Resolution note',
  userIds: 'Responders',
  escalationPolicyIds: 'Responders',
  message: 'Message',
  workflowId: 'Workflow',
  conferenceNumber: 'Conference number',
  conferenceUrl: 'Conference URL',
};

const ACTION_INPUT_LABELS_BY_TYPE: Partial<Record<Action['type'], Record<string, string>>> = {
  add_responders: { message: 'Message to responders' },
  publish_status_update: { message: 'Status update' },
};

/** The label of an action's input as the editor shows it ("Status update", "Escalation level"). */
export function actionInputLabel(type: Action['type'] | undefined, input: string): string | undefined {
  return (type ? ACTION_INPUT_LABELS_BY_TYPE[type]?.[input] : undefined) ?? ACTION_INPUT_LABELS[input];
}

const INDEXED = /^([A-Za-z]+)\[(\d+)\]\.?(.*)$/;

/**
 * A server or local error path relative to a rule (`conditions[0].field`,
 * `actions[1].values.Priority`) as the editor names the input: "Condition 1 › Field",
 * "Action 2 › Priority". Unknown paths come back as they are rather than being hidden.
 */
export function describeRulePath(path: string, rule: Rule | undefined, meta: EditorMetadata): string {
  if (path === '') return '';
  const indexed = INDEXED.exec(path);
  if (indexed) {
    const [, list, index, rest = ''] = indexed;
    const number = Number(index) + 1;
    if (list === 'conditions') {
      const input = rest.split(/[.[]/)[0] ?? '';
      const label = { field: 'Field', operator: 'Operator', value: 'Value' }[input];
      return rest === '' ? `Condition ${number}` : `Condition ${number} › ${label ?? rest}`;
    }
    if (list === 'actions') {
      if (rest === '') return `Action ${number}`;
      const [input = '', ...more] = rest.split('.');
      if (input === 'values' && more.length > 0) {
        const name = more.join('.');
        return `Action ${number} › ${meta.caseFields.find((field) => field.name === name)?.label ?? name}`;
      }
      return `Action ${number} › ${actionInputLabel(rule?.actions[Number(index)]?.type, input.replace(/\[\d+\]$/, '')) ?? rest}`;
    }
  }
  if (path.startsWith('runOn.events')) return 'PagerDuty events';
  if (path.startsWith('runOn')) return rule?.runOn.kind === 'incident' ? 'PagerDuty events' : 'Run rule on';
  if (path.startsWith('filterLogic')) return 'Filter logic';
  const top: Record<string, string> = { name: 'Rule name', id: 'Rule id', conditions: 'Conditions', actions: 'Actions', stopProcessing: 'Stop processing' };
  return top[path] ?? path;
}

/**
 * A path relative to a ruleset (`rules[2].conditions[0].field`, `name`) or to an import file
 * (`rulesets[1].rules[0]…`): "Rule 3 "Name" › Condition 1 › Field", "Ruleset 2 › Rule 1 › …".
 */
export function describeRulesetPath(path: string, ruleset: Ruleset | undefined, meta: EditorMetadata | undefined): string {
  const indexed = INDEXED.exec(path);
  if (indexed) {
    const [, list, index, rest = ''] = indexed;
    const number = Number(index) + 1;
    if (list === 'rulesets') {
      const inner = rest === '' ? '' : describeRulesetPath(rest, undefined, meta);
      return inner ? `Ruleset ${number} › ${inner}` : `Ruleset ${number}`;
    }
    if (list === 'rules') {
      const rule = ruleset?.rules[Number(index)];
      const where = rule ? `Rule ${number} "${rule.name}"` : `Rule ${number}`;
      const inner = meta ? describeRulePath(rest, rule, meta) : rest;
      return inner ? `${where} › ${inner}` : where;
    }
  }
  const top: Record<string, string> = { name: 'Ruleset name', enabled: 'Enabled', rules: 'Rules', format: 'File format', schemaVersion: 'File version' };
  return top[path] ?? path;
}

/** "Where: what", or just "what" for an error of the whole thing. */
export function describeError(where: string, message: string): string {
  return where ? `${where}: ${message}` : message;
}

/** The id of the editor input an error path belongs to, when there is one to take the admin to. */
export function inputIdForPath(path: string, rule: Rule): string | undefined {
  if (path === 'name') return 'rule-name';
  if (path.startsWith('filterLogic')) return 'logic-expression';
  if (path === 'runOn.on') return 'run-on-case-change';
  const condition = /^conditions\[(\d+)\]\.(field|operator|value)/.exec(path);
  if (condition) return `condition-${condition[1] ?? ''}-${condition[2] ?? ''}`;
  const value = /^actions\[(\d+)\]\.values\.(.+)$/.exec(path);
  if (value) {
    const action = rule.actions[Number(value[1])];
    const row = action && 'values' in action ? Object.keys(action.values).indexOf(value[2] ?? '') : -1;
    return row >= 0 ? `action-${value[1] ?? ''}-value-${row}` : undefined;
  }
  const input = /^actions\[(\d+)\]\.([A-Za-z]+)(\[\d+\])?$/.exec(path);
  if (input && input[2] !== 'values' && input[2] !== 'isPublished') {
    return `action-${input[1] ?? ''}-${ACTION_INPUT_IDS[input[2] ?? ''] ?? input[2] ?? ''}`;
  }
  // A check of the whole action ("Choose at least one user…") goes to the input that settles it.
  const whole = /^actions\[(\d+)\]$/.exec(path);
  if (whole) {
    const first = FIRST_INPUT_OF[rule.actions[Number(whole[1])]?.type ?? ''];
    return first ? `action-${whole[1] ?? ''}-${first}` : undefined;
  }
  return undefined;
}

/** Inputs whose element id differs from their model key. */
const ACTION_INPUT_IDS: Record<string, string> = { assignToUserIds: 'assignees', userIds: 'responders-user', escalationPolicyIds: 'responders-policy' };
/** Where an error about a whole action lands: the first input that can fix it. */
const FIRST_INPUT_OF: Record<string, string> = { update_incident: 'status', add_responders: 'responders-user', set_conference_bridge: 'conferenceNumber' };
