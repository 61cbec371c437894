import type { CaseFieldMetadata } from '../../../../contracts/authoring';
import type { PriorityRoutingReply, PriorityRoutingRequest } from '../../../../contracts/priorityRouting';

/** One row of the routing table as edited; `key` keeps a row's identity (and its focus) while rows are added and removed. */
export interface RouteDraft {
  key: number;
  serviceId: string;
  priorityId: string;
  escalationPolicyId: string;
  active: boolean;
}

export interface PriorityRoutingDraft {
  routes: RouteDraft[];
  /** '' when no Case field is mapped. */
  caseField: string;
  /** Case value → PagerDuty priority id ('' = not mapped). */
  caseValues: Record<string, string>;
}

let nextKey = 1;

export function newRoute(): RouteDraft {
  return { key: nextKey++, serviceId: '', priorityId: '', escalationPolicyId: '', active: true };
}

export function draftFrom(reply: PriorityRoutingReply): PriorityRoutingDraft {
  return {
    routes: reply.routes.map((route) => ({ ...route, key: nextKey++ })),
    caseField: reply.caseField ?? '',
    caseValues: Object.fromEntries(reply.caseValues.map((value) => [value.caseValue, value.priorityId])),
  };
}

/** The Case fields whose values can be mapped: picklists, as the describe lists them. */
export function picklistFields(fields: readonly CaseFieldMetadata[]): CaseFieldMetadata[] {
  return fields.filter((field) => field.type === 'picklist' && field.picklistValues.length > 0);
}

/**
 * The request for a draft: every row, and the mapped values of the chosen field in its picklist
 * order (values of another field, or of none, are not sent).
 */
export function requestFrom(draft: PriorityRoutingDraft, fields: readonly CaseFieldMetadata[]): PriorityRoutingRequest {
  const field = fields.find((candidate) => candidate.name === draft.caseField);
  const values = field ? field.picklistValues : [];
  return {
    routes: draft.routes.map(({ serviceId, priorityId, escalationPolicyId, active }) => ({ serviceId, priorityId, escalationPolicyId, active })),
    caseField: draft.caseField || null,
    caseValues: values.flatMap((caseValue) => (draft.caseValues[caseValue] ? [{ caseValue, priorityId: draft.caseValues[caseValue] }] : [])),
  };
}

/** `routes.0.serviceId` (zod) and `routes[0].serviceId` (the checks) name the same place: one spelling. */
export function normalizePath(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/**
 * The server's field errors placed where the table shows them: by row key for routes
 * (`route:<key>:serviceId`), by Case value for the value map (`value:<value>`), `caseField` as is.
 */
export function placeErrors(
  errors: readonly { path: string; message: string }[],
  draft: PriorityRoutingDraft,
  request: PriorityRoutingRequest,
): Map<string, string> {
  const placed = new Map<string, string>();
  for (const { path, message } of errors) {
    const normalized = normalizePath(path);
    const route = /^routes\[(\d+)\]\.(\w+)$/.exec(normalized);
    const value = /^caseValues\[(\d+)\]\.\w+$/.exec(normalized);
    let where = normalized;
    if (route) {
      const row = draft.routes[Number(route[1])];
      if (row) where = `route:${row.key}:${route[2]}`;
    } else if (value) {
      const mapped = request.caseValues[Number(value[1])];
      if (mapped) where = `value:${mapped.caseValue}`;
    }
    if (!placed.has(where)) placed.set(where, message);
  }
  return placed;
}

/** What the browser can tell before asking the server: every picker chosen, one row per (service, priority). */
export function localErrors(draft: PriorityRoutingDraft): Map<string, string> {
  const errors = new Map<string, string>();
  const seen = new Map<string, number>();
  draft.routes.forEach((route, index) => {
    if (!route.serviceId) errors.set(`route:${route.key}:serviceId`, 'Choose a PagerDuty service');
    if (!route.priorityId) errors.set(`route:${route.key}:priorityId`, 'Choose a PagerDuty priority');
    if (!route.escalationPolicyId) errors.set(`route:${route.key}:escalationPolicyId`, 'Choose an escalation policy');
    if (!route.serviceId || !route.priorityId) return;
    const pair = `${route.serviceId}\u0000${route.priorityId}`;
    const first = seen.get(pair);
    if (first === undefined) seen.set(pair, index);
    else errors.set(`route:${route.key}:priorityId`, `Row ${first + 1} already routes this service at this priority: change one of them`);
  });
  return errors;
}
