/**
 * How "Test this rule" shows an action the rule would take: a one-line preview in the words of
 * SYNC LOG's task names ("Add responders: Ada Lovelace, Support Escalation — message: …"), and
 * each value under the editor's input label, PagerDuty ids replaced by their names. Pure, unit-tested.
 */
import { ACTION_LABELS, ACTION_TASK_LABELS, formatTemplateValue, type RenderedAction } from '../../../../rules';
import { actionInputLabel } from '../ruleDraft';
import { formatDuration } from '../durationFormat';

export interface ActionPreview {
  /** The action's label in the editor's picker. */
  title: string;
  /** One line: what it would do, with names and rendered text. */
  summary: string;
  values: [label: string, value: string][];
}

/** PagerDuty ids the reply named (users, escalation policies, services, priorities, workflows) → names. */
export type PagerDutyNames = Readonly<Record<string, string>>;

/** Keys whose values are PagerDuty ids (one or a list). */
const ID_KEYS: ReadonlySet<string> = new Set([
  'serviceId',
  'priorityId',
  'escalationPolicyId',
  'assignToUserIds',
  'userIds',
  'escalationPolicyIds',
  'workflowId',
]);

/** A name for an id; an id PagerDuty did not list stays visible as an id, so a stale one shows. */
function nameOf(id: string, names: PagerDutyNames): string {
  return names[id] ?? id;
}

function quoted(text: string): string {
  return text === '' ? '(empty)' : text;
}

function shownValue(key: string, value: unknown, names: PagerDutyNames): string {
  if (ID_KEYS.has(key)) return (Array.isArray(value) ? value : [value]).map((id) => nameOf(String(id), names)).join(', ');
  if (key === 'durationMinutes' && typeof value === 'number') return formatDuration(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return formatTemplateValue(value);
}

function summaryOf(action: RenderedAction, names: PagerDutyNames): string {
  const label = ACTION_TASK_LABELS[action.type];
  switch (action.type) {
    case 'create_incident': {
      const extras = [
        action.urgency ? `urgency ${action.urgency}` : '',
        action.priorityId ? `priority ${nameOf(action.priorityId, names)}` : '',
        action.escalationPolicyId ? `escalation policy ${nameOf(action.escalationPolicyId, names)}` : '',
        action.title !== undefined ? `title: ${quoted(action.title)}` : '',
      ].filter(Boolean);
      return `${label} on ${nameOf(action.serviceId, names)}${extras.length ? ` — ${extras.join(', ')}` : ''}`;
    }
    case 'update_incident': {
      const changes = [
        action.status ? (action.status === 'acknowledged' ? 'acknowledge' : 'resolve') : '',
        action.assignToUserIds?.length ? `reassign to ${action.assignToUserIds.map((id) => nameOf(id, names)).join(', ')}` : '',
        action.escalationPolicyId ? `escalation policy ${nameOf(action.escalationPolicyId, names)}` : '',
        action.priorityId ? `priority ${nameOf(action.priorityId, names)}` : '',
        action.urgency ? `urgency ${action.urgency}` : '',
      ].filter(Boolean);
      return `${label}: ${changes.join(', ')}`;
    }
    case 'add_note':
      return `${label}: ${quoted(action.content)}`;
    case 'escalate_incident':
      return `${label} to level ${action.level}`;
    case 'snooze_incident':
      return `${label} for ${formatDuration(action.durationMinutes)}`;
    case 'resolve_incident':
      return action.resolution ? `${label} — resolution: ${action.resolution}` : label;
    case 'add_responders': {
      const who = [...action.userIds, ...action.escalationPolicyIds].map((id) => nameOf(id, names)).join(', ');
      return `${label}: ${who} — message: ${quoted(action.message)}`;
    }
    case 'publish_status_update':
      return `${label}: ${quoted(action.message)}`;
    case 'start_incident_workflow':
      return `${label}: ${nameOf(action.workflowId, names)}`;
    case 'set_conference_bridge':
      return `${label}: ${[action.conferenceNumber, action.conferenceUrl].filter((part) => part !== undefined && part !== '').join(', ') || '(empty)'}`;
    case 'set_case_fields':
    case 'create_case':
      return `${label}: ${Object.entries(action.values)
        .map(([field, value]) => `${field} = ${value === null ? '(blank)' : formatTemplateValue(value)}`)
        .join(', ')}`;
    case 'add_case_comment':
      return `${label} (${action.isPublished ? 'public' : 'internal'}): ${quoted(action.body)}`;
  }
}

export function previewAction(action: RenderedAction, names: PagerDutyNames = {}): ActionPreview {
  const values: [string, string][] = [];
  if (action.type === 'set_case_fields' || action.type === 'create_case') {
    for (const [field, value] of Object.entries(action.values)) values.push([field, value === null ? '(blank)' : formatTemplateValue(value)]);
  } else {
    for (const [key, value] of Object.entries(action) as [string, unknown][]) {
      if (key === 'type' || (Array.isArray(value) && value.length === 0)) continue;
      values.push([actionInputLabel(action.type, key) ?? key, shownValue(key, value, names)]);
    }
  }
  return { title: ACTION_LABELS[action.type], summary: summaryOf(action, names), values };
}
