import crypto from 'node:crypto';
import type { Logger } from 'pino';
import type { ReconcileReply } from '../../contracts/webhooks';
import { PagerDutyApiError, apiPath, type PagerDutyClient } from '../vendors/pagerduty/client';
import { PagerDutyNotConfigured } from '../vendors/pagerduty/session';
import { webhookEventTypes } from '../vendors/pagerduty/subscriptions';
import { routesPriorityChanges } from '../store/priorityRouting';
import { releaseLease, tryAcquireLease } from '../store/leases';
import type { Db } from '../store/db';
import { RulesetStore } from '../store/rulesets';
import type { EventSink, PagerDutyWebhookEvent } from '../pipeline/events';
import { flattenIncident } from '../pipeline/incidentRecord';
import type { CaseIncidentLink, LinkStore } from '../pipeline/links';
import type { SnapshotStore } from '../pipeline/snapshots';
import type { PagerDutySession } from '../vendors/pagerduty/session';

/** The lease row that makes one instance at a time reconcile. */
export const RECONCILE_LEASE = 'pagerduty-reconcile';

export interface ReconcilerOptions {
  db: Db;
  /** Where an inferred missed webhook goes, as if PagerDuty had delivered it. */
  events: EventSink;
  links: LinkStore;
  snapshots: SnapshotStore;
  pagerduty: PagerDutySession;
  logger: Logger;
  /** Between two periodic runs. Default 5 minutes; 0 turns the periodic run off (on demand still works). */
  intervalMs?: number;
  /** Open links checked per run, least recently updated first. Default 500. */
  batchSize?: number;
  /** Stop when less than this share of PagerDuty's per-minute budget is left, to leave it to the sync itself. Default 0.25. */
  budgetReserve?: number;
  /** How long a run may hold the lease before another instance may take over. Default 10 minutes. */
  leaseMs?: number;
  /** Identifies this instance in the lease row. */
  instanceId?: string;
  now?: () => number;
}

/** The incident fields a missed webhook would have changed, as the snapshot keeps them. */
interface KnownIncident {
  status: string | null;
  priorityId: string | null | undefined;
  assigneeIds: string[] | undefined;
}

/**
 * Decides which webhook was missed, comparing what the engine last saw with PagerDuty's
 * incident now: a status change wins (resolved, acknowledged, unacknowledged, reopened), then
 * a reassignment, then a priority change. Null when nothing the rules read has changed, or
 * when nothing is known to compare with.
 */
export function inferMissedEventType(known: KnownIncident, current: { status: string; priorityId: string | null; assigneeIds: string[] }): string | null {
  if (known.status === null) return null;
  if (known.status !== current.status) {
    if (current.status === 'resolved') return 'incident.resolved';
    if (known.status === 'resolved') return 'incident.reopened';
    return current.status === 'acknowledged' ? 'incident.acknowledged' : 'incident.unacknowledged';
  }
  if (known.assigneeIds !== undefined && !sameMembers(known.assigneeIds, current.assigneeIds)) return 'incident.reassigned';
  if (known.priorityId !== undefined && (known.priorityId ?? null) !== current.priorityId) return 'incident.priority_updated';
  return null;
}

/**
 * Reconciliation: PagerDuty drops webhooks after about 48 hours of failed deliveries and
 * disables subscriptions, so every few minutes (and on demand) the open linked incidents are
 * compared with PagerDuty, and each change a webhook should have brought is recorded into the
 * inbox as a synthetic `incident.<type>` event: the normal rules then run on it. Ids are derived
 * from the incident's state, so a second run records nothing new. One instance at a time (a
 * lease row); it stops early when PagerDuty's rate-limit budget runs low.
 */
export class Reconciler {
  readonly #options: Required<Omit<ReconcilerOptions, 'now'>> & { now: () => number };
  readonly #logger: Logger;
  #timer: NodeJS.Timeout | undefined;
  #current: Promise<ReconcileReply> | undefined;
  #stopped = true;

  constructor(options: ReconcilerOptions) {
    this.#options = {
      intervalMs: 5 * 60_000,
      batchSize: 500,
      budgetReserve: 0.25,
      leaseMs: 10 * 60_000,
      instanceId: crypto.randomUUID(),
      now: Date.now,
      ...options,
    };
    this.#logger = options.logger.child({ component: 'reconcile' });
  }

  /** Runs every `intervalMs`, the first time one interval after start. */
  start(): void {
    if (!this.#stopped || this.#options.intervalMs <= 0) return;
    this.#stopped = false;
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#current?.catch(() => undefined);
  }

  /** One pass over the open links. Throws only when PagerDuty or the store fail outright. */
  run(): Promise<ReconcileReply> {
    const run = this.#run();
    this.#current = run;
    return run;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.run()
        .then((report) => {
          if (report.recorded > 0 || report.reason === 'budget_low') this.#logger.info(report, 'reconciliation recorded missed incident changes');
        })
        .catch((error: unknown) => this.#logger.warn({ err: error }, 'reconciliation failed; it runs again at the next interval'))
        .finally(() => this.#schedule());
    }, this.#options.intervalMs);
    this.#timer.unref();
  }

  async #run(): Promise<ReconcileReply> {
    const { db, links, pagerduty } = this.#options;
    const startedAt = new Date(this.#options.now()).toISOString();
    const report: ReconcileReply = { ran: false, reason: null, checked: 0, recorded: 0, calls: 0, events: [], startedAt, finishedAt: startedAt };
    const finish = (): ReconcileReply => ({ ...report, finishedAt: new Date(this.#options.now()).toISOString() });
    // A holder per run: a second run in this same process is refused like one from another instance.
    const holder = `${this.#options.instanceId}:${crypto.randomUUID()}`.slice(0, 100);
    if (!(await tryAcquireLease(db, RECONCILE_LEASE, holder, this.#options.leaseMs, new Date(this.#options.now())))) {
      report.reason = 'lease_held';
      return finish();
    }
    report.ran = true;
    try {
      let client: PagerDutyClient;
      try {
        client = await pagerduty.client();
      } catch (error) {
        if (error instanceof PagerDutyNotConfigured) {
          report.reason = 'not_configured';
          return finish();
        }
        throw error;
      }
      // Only what the webhooks would have brought counts as missed: without rules on PagerDuty
      // events the subscription carries no reassignments, nor priority changes without priority routing.
      const followed = new Set(webhookEventTypes(await new RulesetStore(db).list(), { priorityRouting: await routesPriorityChanges(db) }));
      const open = await links.openLinks(this.#options.batchSize);
      const incidents = await this.#fetchIncidents(client, open, report);
      // Rotate: what was checked now goes to the back of the line for the next run.
      await links.markChecked([...incidents.keys()]);
      for (const link of open) {
        const incident = incidents.get(link.incidentId);
        if (!incident) continue;
        report.checked += 1;
        const recorded = await this.#compare(link, incident, followed);
        if (recorded) {
          report.recorded += 1;
          report.events.push(recorded);
        }
      }
      return finish();
    } finally {
      await releaseLease(db, RECONCILE_LEASE, holder).catch((error: unknown) =>
        this.#logger.warn({ err: error }, 'could not release the reconciliation lease'),
      );
    }
  }

  /**
   * PagerDuty has no "list by ids": open incidents are listed per service (100 per call), and
   * only the links not found there (resolved, merged, moved) are fetched one by one.
   */
  async #fetchIncidents(client: PagerDutyClient, links: CaseIncidentLink[], report: ReconcileReply): Promise<Map<string, Record<string, unknown>>> {
    const wanted = new Set(links.map((link) => link.incidentId));
    const found = new Map<string, Record<string, unknown>>();
    const byService = new Map<string, number>();
    for (const link of links) if (link.serviceId) byService.set(link.serviceId, (byService.get(link.serviceId) ?? 0) + 1);
    const listed = [...byService].filter(([, count]) => count >= 2).map(([serviceId]) => serviceId);

    for (let start = 0; start < listed.length; start += 10) {
      const serviceIds = listed.slice(start, start + 10);
      const linkedHere = links.filter((link) => link.serviceId && serviceIds.includes(link.serviceId)).length;
      for (let offset = 0; ; offset += 100) {
        if (this.#budgetLow(client)) return this.#stopForBudget(report, found);
        report.calls += 1;
        const { body } = await client.request<{ incidents: Record<string, unknown>[]; more?: boolean; total?: number | null }>('GET', '/incidents', {
          query: { service_ids: serviceIds, statuses: ['triggered', 'acknowledged'], limit: 100, offset, total: offset === 0 },
        });
        for (const incident of body.incidents) if (wanted.has(String(incident.id))) found.set(String(incident.id), incident);
        // Paging through many unrelated open incidents would cost more than fetching ours one by one.
        const tooMany = typeof body.total === 'number' && body.total > Math.max(linkedHere * 3, 100);
        if (!body.more || tooMany) break;
      }
    }
    for (const link of links) {
      if (found.has(link.incidentId)) continue;
      if (this.#budgetLow(client)) return this.#stopForBudget(report, found);
      report.calls += 1;
      try {
        const { body } = await client.request<{ incident: Record<string, unknown> }>('GET', apiPath`/incidents/${link.incidentId}`);
        found.set(link.incidentId, body.incident);
      } catch (error) {
        if (!(error instanceof PagerDutyApiError && error.status === 404)) throw error;
        this.#logger.warn({ incidentId: link.incidentId, caseId: link.caseId }, 'a linked incident no longer exists in PagerDuty');
      }
    }
    return found;
  }

  #stopForBudget(report: ReconcileReply, found: Map<string, Record<string, unknown>>): Map<string, Record<string, unknown>> {
    report.reason = 'budget_low';
    this.#logger.info({ fetched: found.size }, 'reconciliation stopped early: PagerDuty rate-limit budget is low');
    return found;
  }

  #budgetLow(client: PagerDutyClient): boolean {
    const state = client.rateLimit;
    if (!state) return false;
    const windowOver = this.#options.now() >= state.observedAt + state.resetSeconds * 1000;
    return !windowOver && state.remaining < state.limit * this.#options.budgetReserve;
  }

  async #compare(link: CaseIncidentLink, incident: Record<string, unknown>, followed: ReadonlySet<string>): Promise<ReconcileReply['events'][number] | null> {
    const { events, snapshots } = this.#options;
    const flat = flattenIncident({ ...incident, number: incident.incident_number ?? incident.number });
    const snapshot = await snapshots.get('incident', link.incidentId);
    const known: KnownIncident = {
      status: (snapshot?.status as string | undefined) ?? link.incidentStatus,
      priorityId: snapshot && followed.has('incident.priority_updated') ? ((snapshot.priority_id as string | null | undefined) ?? null) : undefined,
      assigneeIds: snapshot && followed.has('incident.reassigned') && Array.isArray(snapshot.assignee_ids) ? (snapshot.assignee_ids as string[]) : undefined,
    };
    const eventType = inferMissedEventType(known, { status: flat.status, priorityId: flat.priority_id, assigneeIds: flat.assignee_ids });
    if (!eventType) return null;

    const statusChanged = known.status !== flat.status;
    const lastStatusChangeAt = typeof incident.last_status_change_at === 'string' ? incident.last_status_change_at : null;
    const updatedAt = typeof incident.updated_at === 'string' ? incident.updated_at : null;
    const sourceEventId = statusChanged
      ? `reconcile:${link.incidentId}:${flat.status}:${lastStatusChangeAt ?? updatedAt ?? ''}`
      : `reconcile:${link.incidentId}:${eventType.slice('incident.'.length)}:${updatedAt ?? stableHash(flat.assignee_ids, flat.priority_id)}`;
    const occurredAt = (statusChanged ? lastStatusChangeAt : updatedAt) ?? new Date(this.#options.now()).toISOString();
    const event: PagerDutyWebhookEvent = {
      id: sourceEventId,
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: occurredAt,
      // Who changed the status, when PagerDuty says it was a user: the echo guard must still
      // recognise the integration's own resolve. Otherwise unknown, as for an API write.
      agent: statusChanged ? userReference(incident.last_status_change_by) : null,
      client: null,
      data: { ...incident, type: 'incident', number: flat.number },
    };
    const stored = await events.record({
      source: 'reconcile',
      sourceEventId,
      kind: eventType,
      payload: event,
      incidentId: link.incidentId,
      incidentNumber: flat.number ? String(flat.number) : link.incidentNumber,
      // No caseId: the event must queue behind this incident's webhook events (queue key incident:<id>).
      occurredAt: new Date(occurredAt),
    });
    if (stored.duplicate) return null;
    this.#logger.info({ incidentId: link.incidentId, caseId: link.caseId, kind: eventType }, 'recorded an incident change no webhook brought');
    return { incidentId: link.incidentId, kind: eventType, sourceEventId };
  }
}

function userReference(value: unknown): PagerDutyWebhookEvent['agent'] {
  const ref = value as { id?: unknown; type?: unknown; summary?: unknown } | null | undefined;
  if (!ref || typeof ref.id !== 'string' || ref.type !== 'user_reference') return null;
  return { id: ref.id, type: 'user_reference', ...(typeof ref.summary === 'string' ? { summary: ref.summary } : {}) };
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

function stableHash(...parts: unknown[]): string {
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}
