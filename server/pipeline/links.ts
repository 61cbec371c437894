import { toDate, type Db, type Executor } from '../store/db';
import { SYNC_TABLES } from '../store/tables';

export interface CaseIncidentLink {
  caseId: string;
  caseNumber: string | null;
  incidentId: string;
  incidentNumber: string | null;
  incidentUrl: string | null;
  serviceId: string | null;
  incidentStatus: string | null;
  createdAt: Date;
}

/** A row of the links table, as stored. */
export interface LinkRow {
  case_id: string;
  case_number: string | null;
  incident_id: string;
  incident_number: string | null;
  incident_url: string | null;
  service_id: string | null;
  incident_status: string | null;
  created_at: unknown;
  updated_at: unknown;
}

/** Case ⇄ incident links: one incident per Case and one Case per incident. */
export class LinkStore {
  constructor(private readonly db: Db) {}

  async byCase(caseId: string, trx: Executor = this.db): Promise<CaseIncidentLink | undefined> {
    const row = await trx<LinkRow>(SYNC_TABLES.links).where({ case_id: caseId }).first();
    return row ? toLink(row) : undefined;
  }

  async byIncident(incidentId: string, trx: Executor = this.db): Promise<CaseIncidentLink | undefined> {
    const row = await trx<LinkRow>(SYNC_TABLES.links).where({ incident_id: incidentId }).first();
    return row ? toLink(row) : undefined;
  }

  /** The links of any of these Cases or incidents. */
  async byCasesOrIncidents(caseIds: readonly string[], incidentIds: readonly string[], trx: Executor = this.db): Promise<CaseIncidentLink[]> {
    const links = new Map<string, CaseIncidentLink>();
    for (const [column, ids] of [
      ['case_id', caseIds],
      ['incident_id', incidentIds],
    ] as const) {
      for (let start = 0; start < ids.length; start += 500) {
        const rows = await trx<LinkRow>(SYNC_TABLES.links).whereIn(column, ids.slice(start, start + 500));
        for (const row of rows) links.set(row.case_id, toLink(row));
      }
    }
    return [...links.values()];
  }

  /** Links a Case and an incident; an existing link of either wins and is returned. */
  async link(link: Omit<CaseIncidentLink, 'createdAt'>, trx: Executor = this.db): Promise<CaseIncidentLink> {
    const now = new Date();
    const inserted = await trx<LinkRow>(SYNC_TABLES.links)
      .insert({
        case_id: link.caseId,
        case_number: link.caseNumber,
        incident_id: link.incidentId,
        incident_number: link.incidentNumber,
        incident_url: link.incidentUrl,
        service_id: link.serviceId,
        incident_status: link.incidentStatus,
        created_at: now,
        updated_at: now,
      })
      .onConflict()
      .ignore()
      .returning('*');
    // RETURNING yields no row when either side was linked already: that link wins.
    const [added] = inserted;
    if (added) return toLink(added);
    const existing = (await this.byCase(link.caseId, trx)) ?? (await this.byIncident(link.incidentId, trx));
    if (!existing) throw new Error(`Linking Case ${link.caseId} and incident ${link.incidentId} conflicted with a link that no longer exists`);
    return existing;
  }

  /**
   * Removes the Case's link (an agent's "Unlink" in the console); the incident and any other
   * Case's link stay. Answers the link removed, or undefined when the Case had none.
   */
  async unlink(caseId: string, trx: Executor = this.db): Promise<CaseIncidentLink | undefined> {
    const existing = await this.byCase(caseId, trx);
    if (existing) await trx(SYNC_TABLES.links).where({ case_id: caseId }).delete();
    return existing;
  }

  async setIncidentStatus(incidentId: string, status: string, trx: Executor = this.db): Promise<void> {
    await trx(SYNC_TABLES.links).where({ incident_id: incidentId }).update({ incident_status: status, updated_at: new Date() });
  }

  /** Stamps links as just checked, so the next reconciliation starts with the ones checked longest ago. */
  async markChecked(incidentIds: readonly string[]): Promise<void> {
    if (incidentIds.length) await this.db(SYNC_TABLES.links).whereIn('incident_id', incidentIds).update({ updated_at: new Date() });
  }

  /** Linked incidents not known to be resolved, least recently checked first: what reconciliation checks. */
  async openLinks(limit: number): Promise<CaseIncidentLink[]> {
    const rows = await this.db<LinkRow>(SYNC_TABLES.links)
      .where((query) => {
        query.whereNull('incident_status').orWhereNot('incident_status', 'resolved');
      })
      .orderBy('updated_at')
      .limit(limit);
    return rows.map(toLink);
  }
}

function toLink(row: LinkRow): CaseIncidentLink {
  return {
    caseId: row.case_id,
    caseNumber: row.case_number,
    incidentId: row.incident_id,
    incidentNumber: row.incident_number,
    incidentUrl: row.incident_url,
    serviceId: row.service_id,
    incidentStatus: row.incident_status,
    createdAt: toDate(row.created_at),
  };
}
