import { INCIDENT_CUSTOM_FIELD_PREFIX, type IncidentRecord } from '../../rules';
import { jsonText } from './jsonText';

type Reference = { id?: string; summary?: string; name?: string } | null | undefined;

/**
 * Flattens a PagerDuty incident (webhook `data` or REST body) into the fields rules read.
 * Responders and the conference bridge are set only when the incident carries them (REST reads
 * do, webhooks carry the bridge): the caller keeps the snapshot's values otherwise.
 */
export function flattenIncident(data: Record<string, unknown>): IncidentRecord {
  const service = data.service as Reference;
  const policy = data.escalation_policy as Reference;
  const priority = data.priority as Reference;
  const assignees =
    (data.assignees as Reference[] | undefined) ??
    ((data.assignments as { assignee?: Reference }[] | undefined) ?? []).map((assignment) => assignment.assignee);
  const record: IncidentRecord = {
    id: String(data.id),
    number: Number(data.number ?? data.incident_number ?? 0),
    title: jsonText(data.title ?? data.summary),
    status: (data.status as IncidentRecord['status'] | undefined) ?? 'triggered',
    urgency: (data.urgency as IncidentRecord['urgency'] | undefined) ?? 'high',
    priority_id: priority?.id ?? null,
    priority_name: priority?.summary ?? priority?.name ?? null,
    service_id: service?.id ?? '',
    service_name: service?.summary ?? '',
    escalation_policy_id: policy?.id ?? null,
    escalation_policy_name: policy?.summary ?? null,
    assignee_ids: assignees.flatMap((assignee) => (assignee?.id ? [assignee.id] : [])),
    assignee_names: assignees.flatMap((assignee) => (assignee?.summary ? [assignee.summary] : [])),
    html_url: jsonText(data.html_url),
    created_at: jsonText(data.created_at),
    note_content: null,
    agent_email: null,
    agent_name: null,
  };
  const responders = data.incidents_responders as { user?: Reference; state?: string }[] | undefined;
  if (Array.isArray(responders)) {
    const users = responders.filter((responder) => responder.state !== 'declined').map((responder) => responder.user);
    const known = users.flatMap((user) => (user?.id ? [{ id: user.id, name: user.summary ?? user.id }] : []));
    record.responder_ids = known.map((user) => user.id);
    record.responder_names = known.map((user) => user.name);
  }
  const bridge = data.conference_bridge as { conference_number?: string | null; conference_url?: string | null } | null | undefined;
  if (bridge !== undefined) {
    record.conference_number = bridge?.conference_number || null;
    record.conference_url = bridge?.conference_url || null;
  }
  return record;
}

/** Fields that describe one event (no previous value): reset on every event, never kept in a snapshot. */
export const PER_EVENT_INCIDENT_FIELDS = { note_content: null, workflow_id: null, workflow_name: null } as const;

/**
 * What an event about something on an incident (its `data.type` is not `incident`) says about
 * the incident, as record fields; `base` is the incident as known before the event.
 */
export function fieldsFromIncidentEvent(data: Record<string, unknown>, base: Record<string, unknown>): Record<string, unknown> {
  switch (data.type) {
    case 'incident_note':
      return { note_content: jsonText(data.content) };
    case 'incident_responder':
      return responderFields(data, base);
    case 'incident_status_update':
      return { status_update_message: jsonText(data.message) };
    case 'incident_workflow_instance': {
      const workflow = data.incident_workflow as Reference;
      return { workflow_id: workflow?.id ?? null, workflow_name: workflow?.summary ?? workflow?.name ?? null };
    }
    case 'incident_conference_bridge': {
      const numbers = (data.conference_numbers as { number?: string }[] | undefined) ?? [];
      return {
        conference_number: numbers.find((entry) => entry.number)?.number ?? null,
        conference_url: data.conference_url || null,
      };
    }
    case 'incident_field_values':
      return customFieldValues(data.custom_fields);
    default:
      return {};
  }
}

/** A responder added (or replying) joins the list; one who declined leaves it. Ids and names stay aligned. */
function responderFields(data: Record<string, unknown>, base: Record<string, unknown>): Record<string, unknown> {
  const user = data.user as Reference;
  const ids = [...((base.responder_ids as string[] | undefined) ?? [])];
  const known = (base.responder_names as string[] | undefined) ?? [];
  const names = known.length === ids.length ? [...known] : ids.map((id) => id);
  const at = user?.id ? ids.indexOf(user.id) : -1;
  if (user?.id && data.state === 'declined' && at >= 0) {
    ids.splice(at, 1);
    names.splice(at, 1);
  } else if (user?.id && data.state !== 'declined' && at < 0) {
    ids.push(user.id);
    names.push(user.summary ?? user.id);
  }
  return { responder_ids: ids, responder_names: names };
}

/**
 * Every custom field value the event lists (PagerDuty sends all of the incident's values, not
 * just the changed ones), keyed `custom_fields.<name>`; a multi-value field keeps its list.
 */
export function customFieldValues(fields: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!Array.isArray(fields)) return out;
  for (const field of fields as { name?: unknown; value?: unknown }[]) {
    if (typeof field.name !== 'string' || field.name === '') continue;
    out[`${INCIDENT_CUSTOM_FIELD_PREFIX}${field.name}`] = field.value ?? null;
  }
  return out;
}
