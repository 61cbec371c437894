import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import type { IncidentOperations } from '../incidents/operations';
import type { Alert, Incident, Integration } from '../model';
import type { PagerDutyStore } from '../store';
import type { AlertEvent } from './schemas';

/** What the Events API answers once an event is accepted (202). */
export interface EnqueueResult {
  status: 'success';
  message: 'Event processed';
  dedup_key: string;
}

export type EventRejection = { kind: 'invalid'; errors: string[] };

/**
 * Alert events into alerts and incidents, as PagerDuty's "Alert De-Duplication" and "Event Action
 * Behavior" describe them:
 * - `trigger` with the `dedup_key` of an open alert of the same integration adds a trigger to that
 *   alert; otherwise it opens a new alert (a generated UUID key when none is given) and an
 *   incident on the integration's service, whose `incident_key` is the `dedup_key` (an open
 *   incident with that key on the service takes the alert instead: alert grouping);
 * - `acknowledge` acknowledges the open alert's incident; `resolve` resolves the alert and, once
 *   none of its alerts is open, the incident; either one without an open alert (or from another
 *   routing key) is accepted and dropped.
 * The incident changes deliver the usual v3 webhooks (through IncidentOperations).
 */
export class EventOperations {
  readonly #store: () => PagerDutyStore;
  readonly #clock: Clock;
  readonly #incidents: IncidentOperations;

  constructor(store: () => PagerDutyStore, clock: Clock, incidents: IncidentOperations) {
    this.#store = store;
    this.#clock = clock;
    this.#incidents = incidents;
  }

  enqueue(event: AlertEvent): EnqueueResult | EventRejection {
    const integration = this.#store().integrationByKey(event.routing_key);
    if (!integration) return { kind: 'invalid', errors: ['Invalid routing key'] };
    if (event.event_action === 'trigger') {
      if (!event.payload) return { kind: 'invalid', errors: ["'payload' is missing or blank"] };
      const blank = (['summary', 'source'] as const).filter((field) => event.payload?.[field].trim() === '');
      if (blank.length > 0) return { kind: 'invalid', errors: blank.map((field) => `'payload.${field}' is missing or blank`) };
      return accepted(this.#trigger(integration, event, event.dedup_key ?? randomUUID()));
    }
    if (event.dedup_key === undefined || event.dedup_key === '') return { kind: 'invalid', errors: ["'dedup_key' is missing or blank"] };
    const alert = this.#openAlert(integration, event.dedup_key);
    if (alert) {
      const incident = this.#incidents.get(alert.incidentId);
      if (event.event_action === 'acknowledge') {
        alert.status = 'acknowledged';
        this.#incidents.acknowledgeFromEvent(incident);
      } else {
        alert.status = 'resolved';
        alert.resolvedAt = this.#now();
        if (
          this.#store()
            .alertsOf(incident.id)
            .every((other) => other.status === 'resolved')
        )
          this.#incidents.resolveFromEvent(incident);
      }
    }
    return accepted(event.dedup_key);
  }

  #trigger(integration: Integration, event: AlertEvent, dedupKey: string): string {
    const open = this.#openAlert(integration, dedupKey);
    if (open) {
      open.triggerCount += 1;
      return dedupKey;
    }
    const payload = event.payload;
    if (!payload) throw new Error('a trigger event without a payload was not rejected');
    const store = this.#store();
    const incident = store.openIncidentWithKey(integration.serviceId, dedupKey) ?? this.#openIncident(integration, payload.summary, dedupKey);
    const alert: Alert = {
      id: store.ids.next('Q', 13),
      integrationId: integration.id,
      incidentId: incident.id,
      dedupKey,
      status: 'triggered',
      summary: payload.summary,
      source: payload.source,
      severity: payload.severity,
      component: payload.component ?? null,
      group: payload.group ?? null,
      class: payload.class ?? null,
      customDetails: payload.custom_details ?? null,
      links: event.links ?? [],
      images: event.images ?? [],
      client: event.client ?? null,
      clientUrl: event.client_url ?? null,
      triggerCount: 1,
      createdAt: this.#now(),
      resolvedAt: null,
    };
    store.alerts.push(alert);
    return dedupKey;
  }

  #openIncident(integration: Integration, summary: string, dedupKey: string): Incident {
    return this.#incidents.create(
      {
        type: 'incident',
        title: summary,
        service: { id: integration.serviceId, type: 'service_reference' },
        incident_key: dedupKey,
      },
      null,
      'api',
    );
  }

  /** The integration's open alert with this key; an alert whose incident was resolved is not open. */
  #openAlert(integration: Integration, dedupKey: string): Alert | undefined {
    const store = this.#store();
    return store.alerts.find(
      (alert) =>
        alert.integrationId === integration.id &&
        alert.dedupKey === dedupKey &&
        alert.status !== 'resolved' &&
        store.incidents.get(alert.incidentId)?.status !== 'resolved',
    );
  }

  #now(): string {
    return this.#clock.date().toISOString();
  }
}

function accepted(dedupKey: string): EnqueueResult {
  return { status: 'success', message: 'Event processed', dedup_key: dedupKey };
}
