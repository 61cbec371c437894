import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { fieldValueInput } from '../customFields/schemas';
import { invalidInput, PdError } from '../http/errors';
import type { User } from '../model';

/** A responder acting in the PagerDuty web app, as a human would: the change is attributed to them. */
export const actBody = z
  .object({
    as: z.email(),
    incident_id: z.string().min(1),
    action: z.enum([
      'acknowledge',
      'resolve',
      'reassign',
      'note',
      'priority',
      'escalate',
      'reopen',
      'custom_field',
      'add_responders',
      'accept_responder',
      'decline_responder',
      'status_update',
      'start_workflow',
      'snooze',
      'conference_bridge',
    ]),
    /** reassign: emails of the new assignees; add_responders: emails of the users to ask. */
    to: z.array(z.email()).min(1).optional(),
    /** add_responders: escalation policies to ask (their first level). */
    escalation_policy_ids: z.array(z.string().min(1)).min(1).optional(),
    /** note: its content; add_responders and status_update: the message. */
    content: z.string().trim().min(1).max(25_000).optional(),
    /** priority: a priority name (`P2`) or Id. */
    priority: z.string().min(1).optional(),
    /** escalate: the target level. */
    level: z.number().int().min(1).optional(),
    /** resolve: a resolution note. */
    resolution: z.string().max(65_536).optional(),
    /** snooze: seconds. */
    duration: z.number().int().min(1).max(604_800).optional(),
    /** conference_bridge: its number and URL. */
    conference_number: z.string().max(1024).optional(),
    conference_url: z.string().max(1024).optional(),
    /** start_workflow: the incident workflow's Id. */
    workflow_id: z.string().min(1).optional(),
    /** custom_field: the field's name or Id … */
    field: z.string().min(1).optional(),
    /** … and its new value (null clears it), checked against the field's type. */
    value: fieldValueInput.optional(),
  })
  .strict();

export function act(ctx: EmulatorContext, actor: User, incidentId: string, body: z.infer<typeof actBody>) {
  const incident = ctx.incidents.get(incidentId);
  switch (body.action) {
    case 'acknowledge':
      ctx.incidents.acknowledge(incident, actor, 'web');
      break;
    case 'resolve':
      ctx.incidents.resolve(incident, actor, 'web', body.resolution);
      break;
    case 'reopen':
      ctx.incidents.update(incident, { status: 'triggered' }, actor, 'web');
      break;
    case 'reassign': {
      if (!body.to) throw invalidInput('reassign needs "to": a list of user emails.');
      const ids = body.to.map((email) => {
        const user = ctx.store.userByEmail(email);
        if (!user) throw new PdError(400, 1007, 'Assigned To User Not Found', [`No user has the email ${email}.`]);
        return user.id;
      });
      ctx.incidents.reassign(incident, actor, 'web', ids);
      break;
    }
    case 'note': {
      if (!body.content) throw invalidInput('note needs "content".');
      const note = ctx.incidents.addNote(incident, body.content, actor, 'web');
      return { incident: ctx.renderer.incident(incident), note: ctx.renderer.note(note) };
    }
    case 'priority':
      if (!body.priority) throw invalidInput('priority needs "priority": a name such as P2, or an Id.');
      ctx.incidents.update(
        incident,
        { priority: ctx.store.priorities.has(body.priority) ? { id: body.priority, type: 'priority_reference' } : body.priority },
        actor,
        'web',
      );
      break;
    case 'custom_field': {
      if (body.field === undefined || body.value === undefined) throw invalidInput('custom_field needs "field" (a name or Id) and "value".');
      const input = ctx.store.customFields.has(body.field) ? { id: body.field, value: body.value } : { name: body.field, value: body.value };
      const values = ctx.customFields.setValues(incident, [input], actor, 'web');
      return { incident: ctx.renderer.incident(incident), custom_fields: values.map(([field, value]) => ctx.customFieldRenderer.fieldValue(field, value)) };
    }
    case 'add_responders': {
      const users = (body.to ?? []).map((email) => {
        const user = ctx.store.userByEmail(email);
        if (!user) throw invalidInput(`No user has the email ${email}.`);
        return { type: 'user' as const, id: user.id };
      });
      const policies = (body.escalation_policy_ids ?? []).map((id) => ({ type: 'escalation_policy' as const, id }));
      if (users.length + policies.length === 0) throw invalidInput('add_responders needs "to" (user emails) or "escalation_policy_ids".');
      if (!body.content) throw invalidInput('add_responders needs "content": the message to the responders.');
      const request = ctx.responders.request(incident, actor, body.content, [...users, ...policies], 'web');
      return { incident: ctx.renderer.incident(incident), responder_request: ctx.responderRenderer.request(request) };
    }
    case 'status_update': {
      if (!body.content) throw invalidInput('status_update needs "content": the message.');
      const update = ctx.statusUpdates.publish(incident, actor, { message: body.content }, 'web');
      return { incident: ctx.renderer.incident(incident), status_update: ctx.statusUpdates.statusUpdate(update) };
    }
    case 'start_workflow': {
      if (!body.workflow_id) throw invalidInput('start_workflow needs "workflow_id".');
      const instance = ctx.workflows.start(ctx.workflows.get(body.workflow_id), incident, actor, 'web');
      return { incident: ctx.renderer.incident(incident), incident_workflow_instance: ctx.workflowRenderer.instance(instance, incident) };
    }
    case 'snooze':
      if (body.duration === undefined) throw invalidInput('snooze needs "duration" in seconds.');
      ctx.incidents.snooze(incident, body.duration, actor, 'web');
      break;
    case 'conference_bridge':
      ctx.incidents.update(incident, { conference_bridge: { conference_number: body.conference_number, conference_url: body.conference_url } }, actor, 'web');
      break;
    case 'accept_responder':
    case 'decline_responder':
      ctx.responders.reply(incident, actor, body.action === 'accept_responder', 'web');
      break;
    case 'escalate':
      if (body.level === undefined) throw invalidInput('escalate needs "level".');
      ctx.incidents.update(incident, { escalation_level: body.level }, actor, 'web');
      break;
  }
  return { incident: ctx.renderer.incident(incident) };
}
