/**
 * Contracts of priority routing (OBJECT MAPPINGS → Priority routing; ServiceNow v7's "Map
 * Priority to Escalation Policy"): rows (PagerDuty service, PagerDuty priority) → escalation
 * policy, each with an Active switch, and a Case field whose values map to PagerDuty priorities.
 * The server checks every id against the live PagerDuty lists and the field against the live
 * Case describe; a 400 lists each problem as `details.fields[] = {path, message}` with paths such
 * as `routes[2].escalationPolicyId` or `caseValues[0].caseValue`, and nothing is stored.
 */
import { z } from 'zod';
import type { EndpointGroup } from './endpoint';

const pagerDutyId = (what: string) => z.string().trim().min(1, `Choose ${what}`).max(40, 'At most 40 characters');

export const priorityRouteSchema = z
  .object({
    serviceId: pagerDutyId('a PagerDuty service'),
    priorityId: pagerDutyId('a PagerDuty priority'),
    escalationPolicyId: pagerDutyId('an escalation policy'),
    active: z.boolean(),
  })
  .strict();
export type PriorityRouteView = z.infer<typeof priorityRouteSchema>;

export const casePriorityValueSchema = z
  .object({
    caseValue: z.string().min(1, 'Choose a value of the Case field').max(255, 'At most 255 characters'),
    priorityId: pagerDutyId('a PagerDuty priority'),
  })
  .strict();
export type CasePriorityValueView = z.infer<typeof casePriorityValueSchema>;

/** At most this many rows of each kind: a screenful the admin can still read. */
export const PRIORITY_ROUTING_MAX_ROWS = 500;

export const priorityRoutingRequest = z
  .object({
    routes: z.array(priorityRouteSchema).max(PRIORITY_ROUTING_MAX_ROWS, `At most ${PRIORITY_ROUTING_MAX_ROWS} rows`),
    /** The Case field whose picklist values map to priorities; null maps none. */
    caseField: z.string().trim().min(1, 'Choose a Case field').max(80, 'At most 80 characters').nullable(),
    caseValues: z.array(casePriorityValueSchema).max(PRIORITY_ROUTING_MAX_ROWS, `At most ${PRIORITY_ROUTING_MAX_ROWS} values`),
  })
  .strict();
export type PriorityRoutingRequest = z.infer<typeof priorityRoutingRequest>;
/** The saved routing, as PUT took it. */
export const priorityRoutingReplySchema = priorityRoutingRequest.meta({ id: 'PriorityRouting' });
export type PriorityRoutingReply = z.infer<typeof priorityRoutingReplySchema>;

export const priorityRoutingEndpoints = {
  getPriorityRouting: { method: 'GET', path: '/api/priority-routing', access: 'admin', reply: priorityRoutingReplySchema },
  putPriorityRouting: {
    method: 'PUT',
    path: '/api/priority-routing',
    access: 'admin',
    body: priorityRoutingRequest,
    reply: priorityRoutingReplySchema,
  },
} as const satisfies EndpointGroup;
