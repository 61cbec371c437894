import type { BusinessService, Incident, Priority } from '../model';
import type { PagerDutyStore } from '../store';

export interface Impact {
  service: BusinessService;
  impacted: boolean;
  /** The newest open incident on a supporting service: "most recently impacted" sorts by it. */
  lastImpactAt: string | null;
  highestPriority: Priority | null;
}

/** Open incidents on the business service's supporting (technical) services. */
export function impactingIncidents(store: PagerDutyStore, service: BusinessService): Incident[] {
  return [...store.incidents.values()].filter((incident) => incident.status !== 'resolved' && service.supportingServiceIds.includes(incident.serviceId));
}

export function impactOf(store: PagerDutyStore, service: BusinessService): Impact {
  const incidents = impactingIncidents(store, service);
  const priorities = incidents.flatMap((incident) => (incident.priorityId ? (store.priorities.get(incident.priorityId) ?? []) : []));
  return {
    service,
    impacted: incidents.length > 0,
    lastImpactAt:
      incidents
        .map((incident) => incident.createdAt)
        .sort()
        .at(-1) ?? null,
    highestPriority: priorities.sort((a, b) => a.order - b.order)[0] ?? null,
  };
}

/** As PagerDuty sorts them: impacted first, then the most recently impacted, then by name. */
export function sortImpacts(impacts: Impact[]): Impact[] {
  return [...impacts].sort(
    (a, b) =>
      Number(b.impacted) - Number(a.impacted) || (b.lastImpactAt ?? '').localeCompare(a.lastImpactAt ?? '') || a.service.name.localeCompare(b.service.name),
  );
}

/**
 * An `Impact` object. `order` is the priority's rank with a larger number for a more severe
 * priority (P1 highest), so "highest impacting" compares as the name says.
 */
export function renderImpact(store: PagerDutyStore, impact: Impact, withPriority: boolean) {
  const count = store.priorities.size;
  return {
    id: impact.service.id,
    name: impact.service.name,
    type: 'business_service',
    status: impact.impacted ? 'impacted' : 'not_impacted',
    ...(withPriority
      ? {
          additional_fields: {
            highest_impacting_priority: impact.highestPriority ? { id: impact.highestPriority.id, order: count - impact.highestPriority.order } : null,
          },
        }
      : {}),
  };
}
