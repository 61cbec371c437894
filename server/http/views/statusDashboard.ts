import type { StatusDashboardBusinessService, StatusDashboardFilters, StatusDashboardIncident, StatusDashboardReply } from '../../../contracts/statusDashboard';
import type { LinkRow } from '../../pipeline/links';
import type { SnapshotStore } from '../../pipeline/snapshots';
import { toDate, type Db } from '../../store/db';
import { SYNC_TABLES } from '../../store/tables';
import type { CaseUrlOf } from './consoleLinks';
import type { DashboardPagerDutyData, OpenIncident } from './statusDashboardPagerDuty';

/** The webhook event that carries a published status update (PagerDuty has no list endpoint for them). */
const STATUS_UPDATE_EVENT = 'incident.status_update_published';
const CHUNK = 500;

/**
 * The Status Dashboard's read model: PagerDuty's ongoing incidents that are linked to Cases (with
 * every linked Case), their latest status update as the engine knows it (message on the incident
 * snapshot, time of its webhook event), and the business services PagerDuty reports impacted;
 * filtered, then sorted by priority (the account's list order, most severe first) and age.
 */
export class StatusDashboardReader {
  constructor(
    private readonly db: Db,
    private readonly snapshots: SnapshotStore,
  ) {}

  async view(pagerDuty: DashboardPagerDutyData, filters: StatusDashboardFilters, caseUrlOf: CaseUrlOf, now = new Date()): Promise<StatusDashboardReply> {
    const rank = priorityRank(pagerDuty.priorities);
    const nameOfPriority = new Map(pagerDuty.priorities.map((priority) => [priority.id, priority.name]));
    const ids = pagerDuty.openIncidents.map((incident) => incident.id);
    const [linksByIncident, snapshots, updateTimes] = await Promise.all([
      this.#links(ids),
      this.snapshots.getMany('incident', ids),
      this.#statusUpdateTimes(ids),
    ]);

    const incidents = pagerDuty.openIncidents
      .filter((incident) => linksByIncident.has(incident.id))
      .map((incident): StatusDashboardIncident => {
        const message = snapshots.get(incident.id)?.status_update_message;
        return {
          ...incidentFields(incident),
          latestStatusUpdate: typeof message === 'string' && message !== '' ? { message, at: updateTimes.get(incident.id) ?? null } : null,
          linkedCases: (linksByIncident.get(incident.id) ?? []).map((link) => ({ id: link.case_id, number: link.case_number, url: caseUrlOf(link.case_id) })),
        };
      });
    const businessServices = pagerDuty.impacts
      .filter((impact) => impact.status === 'impacted')
      .map((impact): StatusDashboardBusinessService => {
        const priorityId = impact.additional_fields?.highest_impacting_priority?.id ?? null;
        return { id: impact.id, name: impact.name, priorityId, priorityName: priorityId ? (nameOfPriority.get(priorityId) ?? null) : null };
      });

    const services = new Map<string, string>();
    for (const incident of incidents) services.set(incident.serviceId, incident.serviceName);
    for (const service of businessServices) services.set(service.id, service.name);
    const matches = (serviceId: string, priorityId: string | null) =>
      (!filters.serviceId || filters.serviceId === serviceId) && (!filters.priorityId || filters.priorityId === priorityId);

    return {
      incidents: incidents
        .filter((incident) => matches(incident.serviceId, incident.priorityId))
        .sort((a, b) => rank(a.priorityId) - rank(b.priorityId) || Date.parse(a.createdAt) - Date.parse(b.createdAt)),
      // The impacts read gives no time: PagerDuty's order (most recently impacted first) breaks ties.
      impactedBusinessServices: businessServices
        .filter((service) => matches(service.id, service.priorityId))
        .sort((a, b) => rank(a.priorityId) - rank(b.priorityId)),
      options: {
        services: [...services].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
        priorities: pagerDuty.priorities,
      },
      generatedAt: now.toISOString(),
    };
  }

  /** The links of these incidents, by incident: several Cases may report one outage. */
  async #links(incidentIds: readonly string[]): Promise<Map<string, LinkRow[]>> {
    const byIncident = new Map<string, LinkRow[]>();
    for (let start = 0; start < incidentIds.length; start += CHUNK) {
      const rows = await this.db<LinkRow>(SYNC_TABLES.links)
        .whereIn('incident_id', incidentIds.slice(start, start + CHUNK))
        .orderBy(['incident_id', 'created_at', 'case_id']);
      for (const row of rows) byIncident.set(row.incident_id, [...(byIncident.get(row.incident_id) ?? []), row]);
    }
    return byIncident;
  }

  /** When each incident's latest status update was published, from the webhook events received. */
  async #statusUpdateTimes(incidentIds: readonly string[]): Promise<Map<string, string>> {
    const times = new Map<string, string>();
    for (let start = 0; start < incidentIds.length; start += CHUNK) {
      const rows = await this.db(SYNC_TABLES.events)
        .where({ kind: STATUS_UPDATE_EVENT })
        .whereIn('incident_id', incidentIds.slice(start, start + CHUNK))
        .groupBy('incident_id')
        .select<{ incident_id: string; at: unknown }[]>('incident_id', this.db.raw('max(coalesce(occurred_at, received_at)) as at'));
      for (const row of rows) if (row.at !== null) times.set(row.incident_id, toDate(row.at).toISOString());
    }
    return times;
  }
}

function incidentFields(incident: OpenIncident): Omit<StatusDashboardIncident, 'latestStatusUpdate' | 'linkedCases'> {
  return {
    id: incident.id,
    number: incident.incident_number,
    title: incident.title,
    url: incident.html_url ?? null,
    serviceId: incident.service.id,
    serviceName: incident.service.summary ?? incident.service.id,
    status: incident.status,
    priorityId: incident.priority?.id ?? null,
    priorityName: incident.priority?.summary ?? incident.priority?.name ?? null,
    createdAt: incident.created_at,
  };
}

/** Position in the account's priority list (most severe first); no priority sorts after every priority. */
function priorityRank(priorities: readonly { id: string }[]): (priorityId: string | null) => number {
  const positions = new Map(priorities.map((priority, index) => [priority.id, index]));
  return (priorityId) => (priorityId === null ? priorities.length : (positions.get(priorityId) ?? priorities.length));
}
