import type { AgentIncident } from '../../../contracts/agent';

/** The fields of a PagerDuty incident (REST v2) the console shows. */
export interface PagerDutyIncident {
  id: string;
  incident_number?: number;
  title?: string;
  summary?: string;
  status: string;
  urgency?: string;
  priority?: { summary?: string; name?: string } | null;
  service?: { summary?: string } | null;
  assignments?: { assignee?: { id?: string; summary?: string } }[];
  escalation_policy?: { id?: string; summary?: string } | null;
  created_at?: string;
  acknowledgements?: { at?: string }[];
  html_url?: string;
}

/** The ids of the incident's current assignees (the users its escalation level is told by). */
export function assigneeIdsOf(incident: PagerDutyIncident): string[] {
  return (incident.assignments ?? []).map((assignment) => assignment.assignee?.id).filter((id): id is string => Boolean(id));
}

/**
 * The console's view of an incident; `otherLinkedCases` counts the incident's Cases besides the
 * one the console is on; `escalationLevel` is told by escalationLevel.ts (null: unknown).
 */
export function agentIncident(incident: PagerDutyIncident, otherLinkedCases = 0, escalationLevel: number | null = null): AgentIncident {
  const acknowledged = (incident.acknowledgements ?? []).map((ack) => ack.at).filter((at): at is string => Boolean(at));
  return {
    id: incident.id,
    number: incident.incident_number ?? null,
    title: incident.title ?? incident.summary ?? incident.id,
    status: incident.status,
    urgency: incident.urgency ?? null,
    priority: incident.priority?.summary ?? incident.priority?.name ?? null,
    service: incident.service?.summary ?? null,
    assignees: (incident.assignments ?? []).map((assignment) => assignment.assignee?.summary).filter((name): name is string => Boolean(name)),
    escalationPolicy: incident.escalation_policy?.summary ?? null,
    escalationLevel: incident.escalation_policy ? escalationLevel : null,
    createdAt: incident.created_at ?? null,
    acknowledgedAt: acknowledged.sort()[0] ?? null,
    url: incident.html_url ?? null,
    otherLinkedCases,
  };
}
