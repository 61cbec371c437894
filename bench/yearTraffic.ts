import type { Knex } from 'knex';
import { Inbox, type InboundEvent, type IntakeProcessing, type StoredInboxEvent } from '../server/pipeline/inbox';
import { JobQueue, type NewJob } from '../server/pipeline/jobQueue';
import { LinkStore } from '../server/pipeline/links';
import { OwnWrites } from '../server/pipeline/ownWrites';
import { SnapshotStore, type SnapshotType } from '../server/pipeline/snapshots';
import type { Db } from '../server/store/db';
import { GroupCommit } from '../server/store/groupCommit';
import { SYNC_TABLES } from '../server/store/tables';
import { WebhookDeliveryLog } from '../server/store/webhookDeliveries';

/**
 * A busy org's day of sync traffic, written through the store code the app runs (the inbox with
 * processing at intake, the job queue's claim and complete, links, snapshots, own writes, webhook
 * deliveries), without vendors: what the rules engine and the vendor calls would decide is
 * decided here, by a fixed profile, so the rows have the app's shape and size.
 *
 * Per day: `caseChanges` CDC changes on caseChanges/4 Cases (created, then changed three times);
 * one Case in ten per round-two change is raised to High and gets a `create_incident` action,
 * whose completion links a new incident; each incident then sends 5 webhooks (triggered,
 * acknowledged, a note, priority changed, resolved): the acknowledgement and the resolution
 * update the Case (`update_case`), the note becomes a Case comment (`add_case_comment`, its text
 * remembered as an own write). 10,000 changes make 1,000 incidents and so 5,000 PagerDuty events.
 * Events arrive in batches of 200 in which each Case or incident appears once, and the actions
 * of a batch are carried out before the next (as a worker keeping up would), so every event is
 * processed at intake, as most are in the app.
 */
export interface DayVolume {
  caseChanges: number;
}

const BATCH = 200;
const WORKER_ID = 'bench-worker';

/** The time to stamp rows with: the bench moves it through the simulated year. */
export type SetClock = (at: number) => void;

export class YearTraffic {
  readonly #db: Db;
  readonly #inbox: Inbox;
  readonly #jobs: JobQueue;
  readonly #links: LinkStore;
  readonly #snapshots: SnapshotStore;
  readonly #ownWrites: OwnWrites;
  readonly #deliveries: WebhookDeliveryLog;
  #caseSequence = 0;
  #incidentSequence = 0;
  #eventSequence = 0;
  /** Per Case, whether this change raises it to High (decided when generating, read at processing). */
  readonly #raises = new Set<string>();

  constructor(db: Db) {
    this.#db = db;
    const commits = new GroupCommit(db);
    this.#jobs = new JobQueue(db, { commits });
    this.#links = new LinkStore(db);
    this.#snapshots = new SnapshotStore(db);
    this.#ownWrites = new OwnWrites(db);
    this.#deliveries = new WebhookDeliveryLog(db);
    this.#inbox = new Inbox(db, this.#jobs, commits, this.#processing());
  }

  /** Writes one day of traffic starting at `dayStart` (epoch ms); returns the events written. */
  async day(dayStart: number, volume: DayVolume, setClock: SetClock): Promise<number> {
    const dayMs = 86_400_000;
    const cases = Array.from({ length: Math.max(1, Math.round(volume.caseChanges / 4)) }, () => this.#newCase());
    const batches: InboundEvent[][] = [];
    for (let round = 0; round < 4; round++) {
      for (let start = 0; start < cases.length; start += BATCH) {
        batches.push(cases.slice(start, start + BATCH).map((known) => this.#caseChange(known, round)));
      }
    }
    let written = 0;
    // Case changes over the first two thirds of the day, the incidents' webhooks after them.
    const caseSpan = (dayMs * 2) / 3;
    for (const [index, batch] of batches.entries()) {
      setClock(dayStart + Math.floor((index / batches.length) * caseSpan));
      written += await this.#record(batch);
      await this.#work();
    }
    const incidents = await this.#incidentsSince(dayStart);
    const kinds = ['incident.triggered', 'incident.acknowledged', 'incident.annotated', 'incident.priority_updated', 'incident.resolved'] as const;
    const pdBatches: InboundEvent[][] = [];
    for (const kind of kinds)
      for (let start = 0; start < incidents.length; start += BATCH)
        pdBatches.push(incidents.slice(start, start + BATCH).map((link) => this.#webhook(link, kind)));
    for (const [index, batch] of pdBatches.entries()) {
      setClock(dayStart + caseSpan + Math.floor((index / Math.max(1, pdBatches.length)) * (dayMs - caseSpan - 60_000)));
      written += await this.#record(batch);
      await this.#work();
    }
    return written;
  }

  async #record(events: InboundEvent[]): Promise<number> {
    const webhookIds = events.flatMap((event) => (event.source === 'pagerduty' ? [event.sourceEventId] : []));
    const recorded = await this.#inbox.recordMany(events, async (trx) => {
      for (const id of webhookIds) await this.#deliveries.remember(`delivery-${id}`, id, trx);
    });
    if (recorded.some((result) => !result.processed)) throw new Error('An event was left to its job: the profile expects every event processed at intake');
    return recorded.length;
  }

  /** The worker's part, minus the vendor call: claim the actions, carry out their store effects, complete them. */
  async #work(): Promise<void> {
    for (;;) {
      const claimed = await this.#jobs.claim(WORKER_ID, BATCH, { except: 'process_event' });
      if (claimed.length === 0) return;
      await this.#db.transaction(async (trx) => {
        for (const job of claimed) {
          const payload = job.payload as { caseId: string; caseNumber: string; comment?: string };
          if (job.task === 'create_incident') {
            const number = ++this.#incidentSequence;
            const incidentId = `Q${number.toString(36).toUpperCase().padStart(13, '0')}`;
            await this.#links.link(
              {
                caseId: payload.caseId,
                caseNumber: payload.caseNumber,
                incidentId,
                incidentNumber: String(number),
                incidentUrl: `https://acme.pagerduty.com/incidents/${incidentId}`,
                serviceId: 'PSERVIC',
                incidentStatus: 'triggered',
              },
              trx,
            );
            await this.#jobs.complete(
              job,
              WORKER_ID,
              {
                result: { incidentId, url: `https://acme.pagerduty.com/incidents/${incidentId}` },
                incidentId,
                incidentNumber: String(number),
                durationMs: 180,
              },
              trx,
            );
          } else {
            if (payload.comment) await this.#ownWrites.remember('case_comment', payload.caseId, payload.comment, trx);
            await this.#jobs.complete(job, WORKER_ID, { result: { caseId: payload.caseId }, durationMs: 120 }, trx);
          }
        }
      });
    }
  }

  async #incidentsSince(at: number): Promise<{ case_id: string; case_number: string; incident_id: string; incident_number: string }[]> {
    return this.#db(SYNC_TABLES.links).where('created_at', '>=', new Date(at)).select('case_id', 'case_number', 'incident_id', 'incident_number');
  }

  #newCase(): { caseId: string; caseNumber: string } {
    const number = ++this.#caseSequence;
    return { caseId: `500${number.toString(36).toUpperCase().padStart(15, '0')}`, caseNumber: String(number).padStart(8, '0') };
  }

  #caseChange(known: { caseId: string; caseNumber: string }, round: number): InboundEvent {
    const sequence = ++this.#eventSequence;
    const raised = round === 1 && known.caseId.charCodeAt(known.caseId.length - 1) % 10 < 4;
    if (raised) this.#raises.add(known.caseId);
    const fields = {
      Id: known.caseId,
      CaseNumber: known.caseNumber,
      Subject: `Checkout fails for customer ${known.caseNumber}`,
      Description: `The customer reports that checkout fails with error 502 since the last deploy; steps: open cart, pay by card. Ticket ${known.caseNumber}.`,
      Status: ['New', 'Working', 'Escalated', 'Closed'][round],
      Priority: raised ? 'High' : 'Medium',
      Origin: 'Web',
      Type: 'Problem',
      Reason: 'Performance',
      OwnerId: '005000000000001AAA',
      AccountId: '001000000000042AAA',
      ContactId: '003000000000042AAA',
      LastModifiedById: '005000000000007AAA',
      SystemModstamp: new Date().toISOString(),
    };
    return {
      source: 'salesforce',
      sourceEventId: `cdc:${sequence}`,
      kind: round === 0 ? 'case.create' : 'case.update',
      caseId: known.caseId,
      caseNumber: known.caseNumber,
      occurredAt: new Date(),
      payload: {
        caseId: known.caseId,
        changeType: round === 0 ? 'CREATE' : 'UPDATE',
        changedFields: round === 0 ? Object.keys(fields) : ['Status', 'Priority', 'LastModifiedById', 'SystemModstamp'],
        commitUser: '005000000000007AAA',
        replayId: sequence,
        transactionKey: `0002a1b2-c3d4-${sequence}`,
        fields,
      },
    };
  }

  #webhook(link: { case_id: string; case_number: string; incident_id: string; incident_number: string }, kind: string): InboundEvent {
    const sequence = ++this.#eventSequence;
    const status = kind === 'incident.resolved' ? 'resolved' : kind === 'incident.triggered' ? 'triggered' : 'acknowledged';
    return {
      source: 'pagerduty',
      sourceEventId: `01PD${sequence.toString(36).toUpperCase().padStart(22, '0')}`,
      kind,
      caseId: link.case_id,
      caseNumber: link.case_number,
      incidentId: link.incident_id,
      incidentNumber: link.incident_number,
      occurredAt: new Date(),
      payload: {
        event: {
          id: `01PD${sequence}`,
          event_type: kind,
          resource_type: 'incident',
          occurred_at: new Date().toISOString(),
          agent: {
            html_url: 'https://acme.pagerduty.com/users/PUSER01',
            id: 'PUSER01',
            self: 'https://api.pagerduty.com/users/PUSER01',
            summary: 'Jane Responder',
            type: 'user_reference',
          },
          client: null,
          data: {
            id: link.incident_id,
            type: 'incident',
            self: `https://api.pagerduty.com/incidents/${link.incident_id}`,
            html_url: `https://acme.pagerduty.com/incidents/${link.incident_id}`,
            number: Number(link.incident_number),
            status,
            incident_key: link.case_id,
            created_at: new Date().toISOString(),
            title: `Checkout fails for customer ${link.case_number}`,
            service: {
              html_url: 'https://acme.pagerduty.com/services/PSERVIC',
              id: 'PSERVIC',
              self: 'https://api.pagerduty.com/services/PSERVIC',
              summary: 'Checkout API',
              type: 'service_reference',
            },
            assignees: [
              {
                html_url: 'https://acme.pagerduty.com/users/PUSER01',
                id: 'PUSER01',
                self: 'https://api.pagerduty.com/users/PUSER01',
                summary: 'Jane Responder',
                type: 'user_reference',
              },
            ],
            escalation_policy: {
              html_url: 'https://acme.pagerduty.com/escalation_policies/PPOLICY',
              id: 'PPOLICY',
              self: 'https://api.pagerduty.com/escalation_policies/PPOLICY',
              summary: 'Checkout on-call',
              type: 'escalation_policy_reference',
            },
            teams: [],
            priority: {
              html_url: 'https://acme.pagerduty.com/account/incident_priorities',
              id: 'PPRIO01',
              self: 'https://api.pagerduty.com/priorities/PPRIO01',
              summary: 'P1',
              type: 'priority_reference',
            },
            urgency: 'high',
            conference_bridge: null,
            resolve_reason: null,
            ...(kind === 'incident.annotated' ? { content: `Rolled back deploy 4711 for ${link.case_number}; watching error rates.` } : {}),
          },
        },
      },
    };
  }

  /** What the rules engine would decide, by the profile; the same shape of status, trace and actions. */
  #processing(): IntakeProcessing {
    return {
      begin: (trx: Knex.Transaction) => {
        const decided: {
          event: StoredInboxEvent;
          trace: unknown;
          snapshot: { type: SnapshotType; id: string; fields: Record<string, unknown> };
          linkStatus?: string;
        }[] = [];
        return Promise.resolve({
          process: (event: StoredInboxEvent) => {
            const payload = JSON.parse(event.payload) as { fields?: Record<string, unknown>; event?: { data: Record<string, unknown> } };
            const actions: NewJob[] = [];
            const caseId = event.case_id ?? '';
            const caseNumber = event.case_number ?? '';
            // Under the event that caused them, as the engine's actionJobs() files them.
            const base = {
              caseId,
              caseNumber,
              incidentId: event.incident_id,
              incidentNumber: event.incident_number,
              queueKey: `case:${caseId}`,
              eventId: event.id,
            };
            let matched: string | null = null;
            if (event.kind === 'case.update' && this.#raises.delete(caseId)) {
              matched = 'Page on high-priority Cases › Priority raised to High';
              actions.push({ ...base, task: 'create_incident', key: `create_incident:${event.id}`, payload: { caseId, caseNumber, serviceId: 'PSERVIC' } });
            } else if (event.kind === 'incident.acknowledged' || event.kind === 'incident.resolved') {
              matched = "Follow the incident's status on the Case › Status";
              actions.push({
                ...base,
                task: 'update_case',
                key: `update_case:${event.id}`,
                payload: { caseId, caseNumber, fields: { Status: event.kind === 'incident.resolved' ? 'Closed' : 'Working' } },
              });
            } else if (event.kind === 'incident.annotated') {
              matched = 'Notes to Case comments › Every note';
              const content = payload.event?.data.content;
              const comment = typeof content === 'string' ? content : '';
              actions.push({ ...base, task: 'add_case_comment', key: `add_case_comment:${event.id}`, payload: { caseId, caseNumber, comment } });
            }
            const trace = [
              {
                rulesetName: matched?.split(' › ')[0] ?? 'Page on high-priority Cases',
                ruleName: matched?.split(' › ')[1] ?? 'Priority raised to High',
                matched: matched !== null,
                conditions: [
                  { index: 1, field: 'Priority', operator: 'changed to', expected: 'High', actual: payload.fields?.Priority ?? null, passed: matched !== null },
                ],
              },
            ];
            const incident = payload.event?.data;
            decided.push({
              event,
              trace,
              snapshot: incident
                ? { type: 'incident', id: event.incident_id ?? '', fields: { status: incident.status, priority: 'PPRIO01', assignees: ['PUSER01'] } }
                : { type: 'case', id: caseId, fields: payload.fields ?? {} },
              ...(incident && (event.kind === 'incident.acknowledged' || event.kind === 'incident.resolved') ? { linkStatus: String(incident.status) } : {}),
            });
            return Promise.resolve({ result: { status: 'processed', actions: actions.map((action) => action.task), note: null }, actions });
          },
          write: async () => {
            await this.#snapshots.putMany(
              decided.map(({ snapshot }) => snapshot),
              trx,
            );
            for (const { event, linkStatus } of decided)
              if (linkStatus && event.incident_id) await this.#links.setIncidentStatus(event.incident_id, linkStatus, trx);
            const processedAt = new Date();
            for (const { event, trace } of decided)
              await trx(SYNC_TABLES.events)
                .where({ id: event.id })
                .update({ status: 'processed', trace: JSON.stringify(trace), processed_at: processedAt });
          },
        });
      },
    };
  }
}
