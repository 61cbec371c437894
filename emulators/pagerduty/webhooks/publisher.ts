import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import type { Incident, Note, WebhookSubscription } from '../model';
import type { Renderer } from '../render';
import type { PagerDutyStore } from '../store';
import type { WebhookDeliveryScheduler } from './delivery';
import type { IncidentDetailEventType, IncidentEventType } from './eventTypes';

/** Who made a change: the acting user and the client PagerDuty names in `event.client`. */
export interface ChangeOrigin {
  userId: string | null;
  /** `api` for REST writes, `web` for the console and the control API's responders. */
  via: 'api' | 'web';
}

/**
 * Turns incident changes into v3 webhook envelopes `{"event":{id, event_type, resource_type,
 * occurred_at, agent, client, data}}` and queues one delivery per matching subscription
 * (active, not disabled, subscribed to the type, filter matching the incident's service or team).
 */
export class WebhookPublisher {
  readonly #store: () => PagerDutyStore;
  readonly #renderer: Renderer;
  readonly #clock: Clock;
  readonly #scheduler: WebhookDeliveryScheduler;

  constructor(store: () => PagerDutyStore, renderer: Renderer, clock: Clock, scheduler: WebhookDeliveryScheduler) {
    this.#store = store;
    this.#renderer = renderer;
    this.#clock = clock;
    this.#scheduler = scheduler;
  }

  incidentChanged(eventType: IncidentEventType, incident: Incident, origin: ChangeOrigin): void {
    this.#publish(eventType, incident, origin, this.#renderer.webhookIncident(incident));
  }

  noteAdded(note: Note, incident: Incident, origin: ChangeOrigin): void {
    this.#publish('incident.annotated', incident, origin, this.#renderer.webhookNote(note, incident));
  }

  conferenceBridgeUpdated(incident: Incident, origin: ChangeOrigin): void {
    this.#publish('incident.conference_bridge.updated', incident, origin, this.#renderer.webhookConferenceBridge(incident));
  }

  /** An event whose `data` is a resource about the incident (responder, status update, workflow instance, …). */
  incidentDetail(eventType: IncidentDetailEventType, incident: Incident, origin: ChangeOrigin, data: unknown): void {
    this.#publish(eventType, incident, origin, data);
  }

  /** `POST /webhook_subscriptions/{id}/ping`: a `pagey.ping` whatever the subscription's event types. */
  ping(subscription: WebhookSubscription): void {
    const event = this.#envelope('pagey.ping', 'pagey', null, null, {
      message: 'Hello from your friend Pagey!',
      type: 'ping',
    });
    this.#scheduler.enqueue(subscription.id, 'ping', event);
  }

  #publish(eventType: IncidentEventType | IncidentDetailEventType, incident: Incident, origin: ChangeOrigin, data: unknown): void {
    const store = this.#store();
    const teamIds = store.services.get(incident.serviceId)?.teamIds ?? [];
    const targets = [...store.webhookSubscriptions.values()].filter(
      (subscription) =>
        subscription.active &&
        !subscription.temporarilyDisabled &&
        subscription.events.includes(eventType) &&
        (subscription.filter.type === 'account_reference' ||
          (subscription.filter.type === 'service_reference' && subscription.filter.id === incident.serviceId) ||
          (subscription.filter.type === 'team_reference' && teamIds.includes(subscription.filter.id))),
    );
    if (targets.length === 0) return;
    const agent = origin.userId ? this.#renderer.userRefById(origin.userId) : null;
    const client = origin.via === 'web' ? { name: 'PagerDuty' } : null;
    const event = this.#envelope(eventType, 'incident', agent, client, data);
    for (const subscription of targets) this.#scheduler.enqueue(subscription.id, incident.id, event);
  }

  #envelope(eventType: string, resourceType: string, agent: unknown, client: unknown, data: unknown) {
    const id = randomUUID();
    const body = JSON.stringify({
      event: {
        id,
        event_type: eventType,
        resource_type: resourceType,
        occurred_at: this.#clock.date().toISOString(),
        agent,
        client,
        data,
      },
    });
    return { id, eventType, body };
  }
}
