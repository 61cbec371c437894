import type { Knex } from 'knex';
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

/**
 * Case ⇄ incident links. A Case links to at most one incident; an incident may have many Cases
 * (40 customers reporting one outage). The incident's Cases are in the order they were linked:
 * the first is its *primary* Case, the one that created it (or that PagerDuty's incident was
 * created for); it stays primary until it is unlinked, then the next one is.
 *
 * Callers say which they mean: `primaryOfIncident` for what concerns the incident once (a Case
 * to name in SYNC LOG, an incident-wide action), `casesOfIncident` for what every linked Case
 * receives (an incident event's effects, fanned out one job per Case).
 */
export class LinkStore {
  constructor(private readonly db: Db) {}

  async byCase(caseId: string, trx: Executor = this.db): Promise<CaseIncidentLink | undefined> {
    const row = await trx<LinkRow>(SYNC_TABLES.links).where({ case_id: caseId }).first();
    return row ? toLink(row) : undefined;
  }

  /** The incident's primary Case: the first linked. */
  async primaryOfIncident(incidentId: string, trx: Executor = this.db): Promise<CaseIncidentLink | undefined> {
    const row = await inLinkOrder(trx<LinkRow>(SYNC_TABLES.links).where({ incident_id: incidentId })).first();
    return row ? toLink(row) : undefined;
  }

  /** Every Case linked to the incident, the primary first, then in the order they were linked. */
  async casesOfIncident(incidentId: string, trx: Executor = this.db): Promise<CaseIncidentLink[]> {
    const rows = await inLinkOrder(trx<LinkRow>(SYNC_TABLES.links).where({ incident_id: incidentId }));
    return rows.map(toLink);
  }

  /** The links of any of these Cases or incidents (every Case of each incident), in link order. */
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
    return [...links.values()].sort(byLinkOrder);
  }

  /**
   * Links a Case to an incident, and answers the Case's link. A Case joins an incident that
   * other Cases link to already (it comes after them). A Case already linked keeps its link,
   * whatever incident this call names: the existing link wins and is answered (compare its
   * `incidentId`); to move a Case to another incident, unlink it first.
   */
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
      .onConflict('case_id')
      .ignore()
      .returning('*');
    // RETURNING yields no row when the Case was linked already: that link wins.
    const [added] = inserted;
    if (added) return toLink(added);
    const existing = await this.byCase(link.caseId, trx);
    if (!existing) throw new Error(`Linking Case ${link.caseId} and incident ${link.incidentId} conflicted with a link that no longer exists`);
    return existing;
  }

  /**
   * Removes this Case's link, and only it (the agents' console "Unlink"); answers the link
   * removed, or undefined when the Case was not linked. The incident's other Cases stay linked;
   * when this was the primary, the next linked Case becomes primary. Snapshots and own writes
   * are kept on purpose: they describe the Case and the incident, not the link (a Case
   * snapshot still answers "changed" for the Case's next change), and the digests of what
   * the engine wrote must still recognise echoes that arrive after the unlink. Jobs already
   * queued for the Case find no link when they run and are skipped with that reason.
   */
  async unlink(caseId: string, trx: Executor = this.db): Promise<CaseIncidentLink | undefined> {
    // Read, then delete (knex has no DELETE … RETURNING on SQLite); the incident in the WHERE
    // keeps a concurrent unlink-and-relink of the Case from being removed by this call.
    const link = await this.byCase(caseId, trx);
    if (!link) return undefined;
    const deleted = await trx(SYNC_TABLES.links).where({ case_id: caseId, incident_id: link.incidentId }).delete();
    return deleted > 0 ? link : undefined;
  }

  async setIncidentStatus(incidentId: string, status: string, trx: Executor = this.db): Promise<void> {
    await trx(SYNC_TABLES.links).where({ incident_id: incidentId }).update({ incident_status: status, updated_at: new Date() });
  }

  /** Several incidents' statuses at once: one UPDATE per distinct status (a burst of webhooks mostly shares one). */
  async setIncidentStatuses(statuses: ReadonlyMap<string, string>, trx: Executor = this.db): Promise<void> {
    const byStatus = new Map<string, string[]>();
    for (const [incidentId, status] of statuses) byStatus.set(status, [...(byStatus.get(status) ?? []), incidentId]);
    const updatedAt = new Date();
    for (const [status, incidentIds] of byStatus) {
      for (let start = 0; start < incidentIds.length; start += 500) {
        await trx(SYNC_TABLES.links)
          .whereIn('incident_id', incidentIds.slice(start, start + 500))
          .update({ incident_status: status, updated_at: updatedAt });
      }
    }
  }

  /** Stamps links as just checked, so the next reconciliation starts with the ones checked longest ago. */
  async markChecked(incidentIds: readonly string[]): Promise<void> {
    if (incidentIds.length) await this.db(SYNC_TABLES.links).whereIn('incident_id', incidentIds).update({ updated_at: new Date() });
  }

  /**
   * Linked incidents not known to be resolved, least recently checked first: what reconciliation
   * checks. One link per incident (its primary Case's), however many Cases share it: the
   * incident is read and compared once.
   */
  async openLinks(limit: number): Promise<CaseIncidentLink[]> {
    const links = SYNC_TABLES.links;
    const rows = await this.db<LinkRow>({ candidate: links })
      .where((query) => {
        query.whereNull('candidate.incident_status').orWhereNot('candidate.incident_status', 'resolved');
      })
      .whereNotExists((earlier) => {
        earlier
          .select(this.db.raw('1'))
          .from({ earlier: links })
          .whereRaw('earlier.incident_id = candidate.incident_id')
          .andWhere((older) => {
            older.whereRaw('earlier.created_at < candidate.created_at').orWhere((tie) => {
              tie.whereRaw('earlier.created_at = candidate.created_at').andWhereRaw('earlier.case_id < candidate.case_id');
            });
          });
      })
      .select('candidate.*')
      .orderBy('candidate.updated_at')
      .limit(limit);
    return rows.map(toLink);
  }
}

/** Link order: first linked first; Cases linked in the same millisecond by Case Id, so the order never changes between reads. */
function inLinkOrder<T extends Knex.QueryBuilder>(query: T): T {
  return query.orderBy([
    { column: 'created_at', order: 'asc' },
    { column: 'case_id', order: 'asc' },
  ]) as T;
}

function byLinkOrder(a: CaseIncidentLink, b: CaseIncidentLink): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0);
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
