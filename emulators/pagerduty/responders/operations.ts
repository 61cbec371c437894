import type { Clock } from '../../shared/clock';
import { invalidInput, PdError } from '../http/errors';
import type { Incident, IncidentResponder, ResponderRequest, ResponderRequestTarget, User } from '../model';
import type { PagerDutyStore } from '../store';
import type { ChangeOrigin, WebhookPublisher } from '../webhooks/publisher';
import type { ResponderRenderer } from './render';
import { pagerDutyTimestamp } from '../timestamps';

/**
 * Responder requests: asking users (directly or through an escalation policy's first level) to
 * help on an incident, and their replies. Each responder asked delivers `incident.responder.added`;
 * a reply delivers `incident.responder.replied`, and a responder who joins is added to the
 * incident's assignments, as PagerDuty does.
 */
export class ResponderOperations {
  readonly #store: () => PagerDutyStore;
  readonly #clock: Clock;
  readonly #publisher: WebhookPublisher;
  readonly #render: ResponderRenderer;

  constructor(store: () => PagerDutyStore, clock: Clock, publisher: WebhookPublisher, render: ResponderRenderer) {
    this.#store = store;
    this.#clock = clock;
    this.#publisher = publisher;
    this.#render = render;
  }

  request(incident: Incident, requester: User, message: string, targets: ResponderRequestTarget[], via: ChangeOrigin['via']): ResponderRequest {
    const store = this.#store();
    if (incident.status === 'resolved') throw invalidInput('Responders cannot be added to a resolved incident.');
    // Check every target before asking anyone, so a 400 changes nothing.
    const asked = targets.flatMap((target): { userId: string; escalationPolicyId: string | null }[] => {
      if (target.type === 'user') {
        if (!store.users.has(target.id)) throw new PdError(400, 2001, 'Invalid Input Provided', [`User ${target.id} not found.`]);
        return [{ userId: target.id, escalationPolicyId: null }];
      }
      const policy = store.escalationPolicies.get(target.id);
      if (!policy) throw new PdError(400, 1014, 'Escalation Policy Not Found', [`Escalation policy ${target.id} not found.`]);
      return (policy.rules[0]?.targetUserIds ?? []).map((userId) => ({ userId, escalationPolicyId: policy.id }));
    });
    const now = this.#now();
    const request: ResponderRequest = { id: store.ids.next(), incidentId: incident.id, requesterId: requester.id, message, requestedAt: now, targets };
    store.responderRequests.push(request);
    const origin: ChangeOrigin = { userId: requester.id, via };
    for (const { userId, escalationPolicyId } of asked) {
      const responder: IncidentResponder = {
        incidentId: incident.id,
        userId,
        requestId: request.id,
        state: 'pending',
        requesterId: requester.id,
        message,
        requestedAt: now,
        updatedAt: now,
        escalationPolicyId,
      };
      store.responders.push(responder);
      this.#publisher.incidentDetail('incident.responder.added', incident, origin, this.#render.webhookResponder(responder, incident));
    }
    incident.updatedAt = now;
    return request;
  }

  /** The responder's reply to their newest pending request on the incident. */
  reply(incident: Incident, responderUser: User, accept: boolean, via: ChangeOrigin['via']): IncidentResponder {
    const pending = this.#store()
      .respondersOf(incident.id)
      .filter((responder) => responder.userId === responderUser.id && responder.state === 'pending')
      .at(-1);
    if (!pending) throw invalidInput(`${responderUser.name} has no pending responder request on this incident.`);
    const now = this.#now();
    pending.state = accept ? 'joined' : 'declined';
    pending.updatedAt = now;
    if (accept && !incident.assignments.some((assignment) => assignment.userId === responderUser.id)) {
      incident.assignments.push({ at: now, userId: responderUser.id });
    }
    incident.updatedAt = now;
    this.#publisher.incidentDetail('incident.responder.replied', incident, { userId: responderUser.id, via }, this.#render.webhookResponder(pending, incident));
    return pending;
  }

  #now(): string {
    return pagerDutyTimestamp(this.#clock.date());
  }
}
