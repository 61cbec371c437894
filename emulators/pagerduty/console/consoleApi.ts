import { Router, type Response } from 'express';
import type { EmulatorContext } from '../context';
import type { Incident } from '../model';

/**
 * The JSON the console page reads (`/__emulator/console/…`), shaped for the page rather than as
 * PagerDuty's REST objects: the incident list with the account's users and priorities, and one
 * incident with its notes and timeline. Actions go through `POST /__emulator/act`. The page polls
 * both reads; Express's ETag turns an unchanged answer into a 304.
 */
export function consoleApi(ctx: EmulatorContext): Router {
  const router = Router();

  const userName = (id: string) => ctx.store.users.get(id)?.name ?? 'Deleted user';

  const incidentRow = (incident: Incident) => {
    const priority = incident.priorityId ? ctx.store.priorities.get(incident.priorityId) : undefined;
    return {
      id: incident.id,
      number: incident.number,
      title: incident.title,
      status: incident.status,
      urgency: incident.urgency,
      priority: priority ? { id: priority.id, name: priority.name } : null,
      service: ctx.store.services.get(incident.serviceId)?.name ?? 'Deleted service',
      assignees: incident.assignments.map((assignment) => userName(assignment.userId)),
      created_at: incident.createdAt,
      updated_at: incident.updatedAt,
    };
  };

  const polled = (res: Response) => res.set('Cache-Control', 'no-cache');

  router.get('/state', (_req, res) => {
    const integrationEmail = ctx.seedInfo().integrationUserEmail.toLowerCase();
    const incidents = [...ctx.store.incidents.values()].sort((a, b) => b.number - a.number);
    polled(res).json({
      incidents: incidents.map(incidentRow),
      // Who a person may act as: every user but the integration's own (its changes are the product's).
      users: [...ctx.store.users.values()]
        .filter((user) => user.email.toLowerCase() !== integrationEmail)
        .map((user) => ({ id: user.id, name: user.name, email: user.email })),
      escalation_policies: [...ctx.store.escalationPolicies.values()].map((policy) => ({ id: policy.id, name: policy.name })),
      priorities: ctx.store.orderedPriorities().map((priority) => ({ id: priority.id, name: priority.name, description: priority.description })),
    });
  });

  router.get('/incidents/:id', (req, res) => {
    const incident = ctx.incidents.get(req.params.id);
    const newestFirst = <T extends { createdAt: string }>(items: T[]) =>
      items
        .map((item, index) => ({ item, index }))
        .sort((a, b) => b.item.createdAt.localeCompare(a.item.createdAt) || b.index - a.index)
        .map(({ item }) => item);
    polled(res).json({
      incident: {
        ...incidentRow(incident),
        details: incident.details,
        incident_key: incident.incidentKey,
        escalation_policy: ctx.store.escalationPolicies.get(incident.escalationPolicyId)?.name ?? 'Deleted escalation policy',
        escalation_level: incident.escalationLevel,
        acknowledgements: incident.acknowledgements.map((ack) => ({ user: userName(ack.userId), at: ack.at })),
        resolved_at: incident.resolvedAt,
        conference_bridge: incident.conferenceBridge
          ? { number: incident.conferenceBridge.conferenceNumber ?? null, url: incident.conferenceBridge.conferenceUrl ?? null }
          : null,
        snoozed_until: incident.snoozedUntil,
      },
      responders: ctx.store.respondersOf(incident.id).map((responder) => ({
        user: userName(responder.userId),
        email: ctx.store.users.get(responder.userId)?.email ?? null,
        state: responder.state,
        message: responder.message,
        requester: userName(responder.requesterId),
        via: responder.escalationPolicyId ? (ctx.store.escalationPolicies.get(responder.escalationPolicyId)?.name ?? null) : null,
        requested_at: responder.requestedAt,
      })),
      status_updates: newestFirst(ctx.store.statusUpdatesOf(incident.id)).map((update) => ({
        id: update.id,
        sender: userName(update.senderId),
        message: update.message,
        created_at: update.createdAt,
      })),
      custom_fields: ctx.customFields.valuesOf(incident).map(([field, value]) => ({ name: field.name, display_name: field.displayName, value })),
      notes: newestFirst(ctx.store.notesOf(incident.id)).map((note) => ({
        id: note.id,
        author: userName(note.userId),
        content: note.content,
        created_at: note.createdAt,
      })),
      timeline: newestFirst(ctx.store.logEntriesOf(incident.id)).map((entry) => ({
        id: entry.id,
        type: entry.type,
        summary: entry.summary,
        // Automatic entries (assignment by the escalation policy) are made by the service itself.
        agent: entry.agentUserId ? userName(entry.agentUserId) : (ctx.store.services.get(entry.serviceId)?.name ?? 'PagerDuty'),
        created_at: entry.createdAt,
      })),
    });
  });

  return router;
}
