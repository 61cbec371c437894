import type { Request } from 'express';
import { invalidInput } from '../http/errors';
import { arrayParam, dateParam, stringParam } from '../http/query';
import type { Incident } from '../model';
import type { PagerDutyStore } from '../store';

const STATUSES = new Set(['triggered', 'acknowledged', 'resolved']);
const URGENCIES = new Set(['high', 'low']);
const SORT_FIELDS = new Set(['incident_number', 'created_at', 'resolved_at', 'urgency']);
export const INCIDENT_INCLUDES = new Set([
  'acknowledgers',
  'agents',
  'assignees',
  'conference_bridge',
  'escalation_policies',
  'first_trigger_log_entries',
  'priorities',
  'services',
  'teams',
  'users',
]);

/** `include[]` values, rejecting names PagerDuty does not know. */
export function parseIncludes(query: Request['query'], allowed: ReadonlySet<string>): Set<string> {
  const includes = arrayParam(query, 'include');
  const unknown = includes.filter((name) => !allowed.has(name));
  if (unknown.length > 0) throw invalidInput(`include[] values must be among: ${[...allowed].join(', ')}.`);
  return new Set(includes);
}

/**
 * `GET /incidents` filters: statuses[], service_ids[], team_ids[], user_ids[] (assigned to),
 * urgencies[], incident_key, since/until on created_at (ignored with date_range=all) and
 * sort_by (`field` or `field:asc|desc`, comma-separated, at most two).
 */
export function filterIncidents(store: PagerDutyStore, query: Request['query']): Incident[] {
  const statuses = arrayParam(query, 'statuses');
  if (statuses.some((s) => !STATUSES.has(s))) {
    throw invalidInput('Status must be a list of triggered, acknowledged, or resolved.');
  }
  const urgencies = arrayParam(query, 'urgencies');
  if (urgencies.some((u) => !URGENCIES.has(u))) throw invalidInput('Urgencies must be a list of high or low.');
  const serviceIds = arrayParam(query, 'service_ids');
  const teamIds = arrayParam(query, 'team_ids');
  const userIds = arrayParam(query, 'user_ids');
  const incidentKey = stringParam(query, 'incident_key');
  const dateRange = stringParam(query, 'date_range');
  if (dateRange !== undefined && dateRange !== 'all') throw invalidInput('date_range must be "all" when given.');
  const since = dateRange === 'all' ? undefined : dateParam(query, 'since');
  const until = dateRange === 'all' ? undefined : dateParam(query, 'until');
  if (since !== undefined && until !== undefined && since > until) {
    throw invalidInput("Invalid time values in 'since' and/or 'until' parameters: since is after until.");
  }
  const sorters = parseSort(stringParam(query, 'sort_by'));

  const matches = [...store.incidents.values()].filter((incident) => {
    if (statuses.length > 0 && !statuses.includes(incident.status)) return false;
    if (urgencies.length > 0 && !urgencies.includes(incident.urgency)) return false;
    if (serviceIds.length > 0 && !serviceIds.includes(incident.serviceId)) return false;
    if (teamIds.length > 0) {
      const teams = store.services.get(incident.serviceId)?.teamIds ?? [];
      if (!teams.some((t) => teamIds.includes(t))) return false;
    }
    if (userIds.length > 0 && !incident.assignments.some((a) => userIds.includes(a.userId))) return false;
    if (incidentKey !== undefined && incident.incidentKey !== incidentKey) return false;
    const created = Date.parse(incident.createdAt);
    if (since !== undefined && created < since) return false;
    if (until !== undefined && created >= until) return false;
    return true;
  });
  return matches.sort((a, b) => {
    for (const sorter of sorters) {
      const order = sorter(a, b);
      if (order !== 0) return order;
    }
    return a.number - b.number;
  });
}

type Sorter = (a: Incident, b: Incident) => number;

function parseSort(raw: string | undefined): Sorter[] {
  if (raw === undefined || raw === '') return [];
  const parts = raw.split(',').map((part) => part.trim());
  if (parts.length > 2) throw invalidInput('sort_by accepts at most two fields.');
  return parts.map((part) => {
    const [field = '', direction = 'asc'] = part.split(':');
    if (!SORT_FIELDS.has(field) || (direction !== 'asc' && direction !== 'desc')) {
      throw invalidInput(`sort_by must be one of ${[...SORT_FIELDS].join(', ')}, optionally with :asc or :desc.`);
    }
    const sign = direction === 'desc' ? -1 : 1;
    const value = (incident: Incident): number | string => {
      if (field === 'incident_number') return incident.number;
      if (field === 'created_at') return incident.createdAt;
      if (field === 'resolved_at') return incident.resolvedAt ?? '';
      return incident.urgency === 'high' ? 1 : 0;
    };
    return (a: Incident, b: Incident) => {
      const left = value(a);
      const right = value(b);
      return left < right ? -sign : left > right ? sign : 0;
    };
  });
}
