import type { Clock } from '../../shared/clock';
import { invalidInput } from '../http/errors';
import type { Incident, StatusUpdate, User } from '../model';
import type { Renderer } from '../render';
import type { PagerDutyStore } from '../store';
import type { ChangeOrigin, WebhookPublisher } from '../webhooks/publisher';
import type { SubscriberInput } from './schemas';
import { pagerDutyTimestamp } from '../timestamps';

/** The emulated account's Id, as status update subscriptions name it. */
export const ACCOUNT_ID = 'PEMUACC';

export type SubscribeResult = 'success' | 'duplicate' | 'unauthorized';

/**
 * Status updates on incidents (each delivers `incident.status_update_published`) and the
 * incident's status update subscribers (users and teams told of each update).
 */
export class StatusUpdateOperations {
  readonly #store: () => PagerDutyStore;
  readonly #clock: Clock;
  readonly #publisher: WebhookPublisher;
  readonly #renderer: Renderer;

  constructor(store: () => PagerDutyStore, clock: Clock, publisher: WebhookPublisher, renderer: Renderer) {
    this.#store = store;
    this.#clock = clock;
    this.#publisher = publisher;
    this.#renderer = renderer;
  }

  publish(incident: Incident, sender: User, input: { message: string; subject?: string; html_message?: string }, via: ChangeOrigin['via']): StatusUpdate {
    const store = this.#store();
    const update: StatusUpdate = {
      id: store.ids.next(),
      incidentId: incident.id,
      senderId: sender.id,
      message: input.message,
      subject: input.subject ?? null,
      htmlMessage: input.html_message ?? null,
      createdAt: pagerDutyTimestamp(this.#clock.date()),
    };
    store.statusUpdates.push(update);
    incident.updatedAt = update.createdAt;
    this.#publisher.incidentDetail('incident.status_update_published', incident, { userId: sender.id, via }, this.webhookStatusUpdate(update, incident));
    return update;
  }

  /** Subscribes each user or team; an Id the account does not have is `unauthorized`, as PagerDuty answers Ids it cannot see. */
  subscribe(incident: Incident, subscribers: SubscriberInput[]): { subscriber: SubscriberInput; result: SubscribeResult }[] {
    const store = this.#store();
    return subscribers.map((subscriber) => {
      if (!this.#exists(subscriber)) return { subscriber, result: 'unauthorized' as const };
      if (this.#find(incident, subscriber)) return { subscriber, result: 'duplicate' as const };
      store.statusUpdateSubscribers.push({ incidentId: incident.id, subscriberId: subscriber.subscriber_id, subscriberType: subscriber.subscriber_type });
      return { subscriber, result: 'success' as const };
    });
  }

  unsubscribe(incident: Incident, subscribers: SubscriberInput[]): { deleted_count: number; unauthorized_count: number; non_existent_count: number } {
    const store = this.#store();
    const counts = { deleted_count: 0, unauthorized_count: 0, non_existent_count: 0 };
    for (const subscriber of subscribers) {
      const existing = this.#find(incident, subscriber);
      if (existing) {
        store.statusUpdateSubscribers = store.statusUpdateSubscribers.filter((other) => other !== existing);
        counts.deleted_count += 1;
      } else if (this.#exists(subscriber)) counts.non_existent_count += 1;
      else counts.unauthorized_count += 1;
    }
    return counts;
  }

  subscribersOf(incident: Incident) {
    return this.#store().statusUpdateSubscribers.filter((subscriber) => subscriber.incidentId === incident.id);
  }

  /** An incident for the subscriber operations, which document no 404: an unknown one is a 400. */
  incidentForSubscribers(id: string): Incident {
    const incident = this.#store().incidents.get(id);
    if (!incident) throw invalidInput(`Incident ${id} not found.`);
    return incident;
  }

  statusUpdate(update: StatusUpdate) {
    return {
      id: update.id,
      message: update.message,
      created_at: update.createdAt,
      sender: this.#renderer.userRefById(update.senderId),
      ...(update.subject !== null ? { subject: update.subject } : {}),
      ...(update.htmlMessage !== null ? { html_message: update.htmlMessage } : {}),
    };
  }

  /** `data` of `incident.status_update_published` (the incident_status_update example). */
  webhookStatusUpdate(update: StatusUpdate, incident: Incident) {
    return {
      incident: this.#renderer.incidentRef(incident),
      id: update.id,
      message: update.message,
      trimmed: false,
      type: 'incident_status_update',
    };
  }

  #exists(subscriber: SubscriberInput): boolean {
    const store = this.#store();
    return subscriber.subscriber_type === 'user' ? store.users.has(subscriber.subscriber_id) : store.teams.has(subscriber.subscriber_id);
  }

  #find(incident: Incident, subscriber: SubscriberInput) {
    return this.#store().statusUpdateSubscribers.find(
      (other) => other.incidentId === incident.id && other.subscriberId === subscriber.subscriber_id && other.subscriberType === subscriber.subscriber_type,
    );
  }
}
