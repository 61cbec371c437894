import type { Incident, IncidentResponder, ResponderRequest } from '../model';
import type { PagerDutyStore } from '../store';

/** The references this module renders with: the `Renderer` that owns it (named structurally, as it imports this module). */
interface References {
  userRefById(id: string): Reference;
  incidentRef(incident: Incident): Reference;
  escalationPolicyRef(id: string): Reference;
}

interface Reference {
  id: string;
  type: string;
  summary: string;
  self: string;
  html_url: string;
}

/** Responders and responder requests as PagerDuty's JSON (REST and the `incident_responder` webhook). */
export class ResponderRenderer {
  readonly #renderer: References;
  readonly #store: () => PagerDutyStore;

  constructor(renderer: References, store: () => PagerDutyStore) {
    this.#renderer = renderer;
    this.#store = store;
  }

  /** One `incidents_responders` entry (IncidentsRespondersReference). */
  responder(responder: IncidentResponder) {
    const store = this.#store();
    const incident = store.incidents.get(responder.incidentId);
    const policy = responder.escalationPolicyId ? store.escalationPolicies.get(responder.escalationPolicyId) : undefined;
    return {
      state: responder.state,
      user: this.#renderer.userRefById(responder.userId),
      incident: incident ? this.#renderer.incidentRef(incident) : { id: responder.incidentId, type: 'incident_reference' },
      updated_at: responder.updatedAt,
      message: responder.message,
      requester: this.#renderer.userRefById(responder.requesterId),
      requested_at: responder.requestedAt,
      escalation_policy_requests: policy ? [policy.name] : [],
    };
  }

  /** A responder request with its targets, each listing the responders it asked (the document's response example). */
  request(request: ResponderRequest) {
    const store = this.#store();
    const incident = store.incidents.get(request.incidentId);
    const responders = store.responders.filter((responder) => responder.requestId === request.id);
    return {
      id: request.id,
      incident: incident ? this.#renderer.incidentRef(incident) : { id: request.incidentId, type: 'incident_reference' },
      requester: this.#renderer.userRefById(request.requesterId),
      requested_at: request.requestedAt,
      message: request.message,
      responder_request_targets: request.targets.map((target) => ({
        responder_request_target: {
          type: target.type,
          id: target.id,
          summary:
            target.type === 'user'
              ? (store.users.get(target.id)?.name ?? 'Deleted user')
              : (store.escalationPolicies.get(target.id)?.name ?? 'Deleted escalation policy'),
          incidents_responders: responders
            .filter((responder) =>
              target.type === 'user' ? responder.escalationPolicyId === null && responder.userId === target.id : responder.escalationPolicyId === target.id,
            )
            .map((responder) => this.responder(responder)),
        },
      })),
    };
  }

  /** The incident's `incidents_responders` and `responder_requests`. */
  ofIncident(incident: Incident) {
    const store = this.#store();
    return {
      incidents_responders: store.respondersOf(incident.id).map((responder) => this.responder(responder)),
      responder_requests: store.responderRequests.filter((request) => request.incidentId === incident.id).map((request) => this.request(request)),
    };
  }

  /** `data` of `incident.responder.added` / `incident.responder.replied` (the incident_responder example). */
  webhookResponder(responder: IncidentResponder, incident: Incident) {
    return {
      incident: this.#renderer.incidentRef(incident),
      user: this.#renderer.userRefById(responder.userId),
      escalation_policy: responder.escalationPolicyId ? this.#renderer.escalationPolicyRef(responder.escalationPolicyId) : null,
      message: responder.message,
      state: responder.state,
      type: 'incident_responder',
    };
  }
}
