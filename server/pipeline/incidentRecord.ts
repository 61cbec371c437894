import type { IncidentRecord } from '../../rules';
import { jsonText } from './jsonText';

type Reference = { id?: string; summary?: string } | null | undefined;

/** Flattens a PagerDuty incident (webhook `data` or REST body) into the fields rules read. */
export function flattenIncident(data: Record<string, unknown>): IncidentRecord {
  const service = data.service as Reference;
  const policy = data.escalation_policy as Reference;
  const priority = data.priority as Reference;
  const assignees =
    (data.assignees as Reference[] | undefined) ??
    ((data.assignments as { assignee?: Reference }[] | undefined) ?? []).map((assignment) => assignment.assignee);
  return {
    id: String(data.id),
    number: Number(data.number ?? data.incident_number ?? 0),
    title: jsonText(data.title ?? data.summary),
    status: (data.status as IncidentRecord['status'] | undefined) ?? 'triggered',
    urgency: (data.urgency as IncidentRecord['urgency'] | undefined) ?? 'high',
    priority_id: priority?.id ?? null,
    priority_name: priority?.summary ?? null,
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
}
