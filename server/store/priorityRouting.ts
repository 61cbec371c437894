import type { Db, Executor } from './db';
import { readSetting, writeSetting } from './settings';
import { PRIORITY_ROUTING_TABLES } from './tables';

/**
 * Priority routing (ServiceNow v7's "Map Priority to Escalation Policy"): an incident of a
 * PagerDuty service at a PagerDuty priority goes to the escalation policy of its active row;
 * and the values of one Case field (e.g. Priority) map to PagerDuty priorities (High → P1).
 */
export interface PriorityRoute {
  serviceId: string;
  priorityId: string;
  escalationPolicyId: string;
  active: boolean;
}

export interface CasePriorityValue {
  caseValue: string;
  priorityId: string;
}

export interface PriorityRouting {
  routes: PriorityRoute[];
  /** The Case field whose values map to priorities; null when none is chosen. */
  caseField: string | null;
  caseValues: CasePriorityValue[];
}

export const EMPTY_PRIORITY_ROUTING: PriorityRouting = { routes: [], caseField: null, caseValues: [] };

interface RouteRow {
  service_id: string;
  priority_id: string;
  escalation_policy_id: string;
  /** SQLite answers 0/1. */
  active: boolean | number;
  position: number;
}

interface CaseValueRow {
  case_value: string;
  priority_id: string;
  position: number;
}

const CASE_FIELD_KEY = 'priority_routing_case_field';

function routeFromRow(row: RouteRow): PriorityRoute {
  return { serviceId: row.service_id, priorityId: row.priority_id, escalationPolicyId: row.escalation_policy_id, active: Boolean(row.active) };
}

function routeToRow(route: PriorityRoute, position: number): RouteRow {
  return { service_id: route.serviceId, priority_id: route.priorityId, escalation_policy_id: route.escalationPolicyId, active: route.active, position };
}

function caseValueFromRow(row: CaseValueRow): CasePriorityValue {
  return { caseValue: row.case_value, priorityId: row.priority_id };
}

function caseValueToRow(value: CasePriorityValue, position: number): CaseValueRow {
  return { case_value: value.caseValue, priority_id: value.priorityId, position };
}

export async function readPriorityRouting(executor: Executor): Promise<PriorityRouting> {
  const [routes, caseValues, caseField] = await Promise.all([
    executor<RouteRow>(PRIORITY_ROUTING_TABLES.routes).orderBy('position').select(),
    executor<CaseValueRow>(PRIORITY_ROUTING_TABLES.caseValues).orderBy('position').select(),
    readSetting<string | null>(executor as Db, CASE_FIELD_KEY),
  ]);
  return { routes: routes.map(routeFromRow), caseField: caseField ?? null, caseValues: caseValues.map(caseValueFromRow) };
}

/** Replaces the whole configuration in one transaction: a failed save leaves the previous one whole. */
export async function writePriorityRouting(db: Db, routing: PriorityRouting): Promise<void> {
  await db.transaction(async (trx) => {
    await trx(PRIORITY_ROUTING_TABLES.routes).delete();
    await trx(PRIORITY_ROUTING_TABLES.caseValues).delete();
    if (routing.routes.length) await trx(PRIORITY_ROUTING_TABLES.routes).insert(routing.routes.map(routeToRow));
    if (routing.caseValues.length) await trx(PRIORITY_ROUTING_TABLES.caseValues).insert(routing.caseValues.map(caseValueToRow));
    await writeSetting(trx, CASE_FIELD_KEY, routing.caseField);
  });
  recent.delete(db);
}

/** Whether priority routing has an active row, so PagerDuty's priority changes must be heard (webhook subscription, reconciliation). */
export async function routesPriorityChanges(executor: Executor): Promise<boolean> {
  const row = await executor<RouteRow>(PRIORITY_ROUTING_TABLES.routes).where({ active: true }).first('service_id');
  return row !== undefined;
}

/** The active route's escalation policy for an incident of `serviceId` at `priorityId`; undefined when there is none. */
export function routedPolicy(routing: PriorityRouting, serviceId: string, priorityId: string | null): string | undefined {
  if (!priorityId) return undefined;
  return routing.routes.find((route) => route.active && route.serviceId === serviceId && route.priorityId === priorityId)?.escalationPolicyId;
}

/** The PagerDuty priority a Case's value of the mapped field means; undefined when unmapped. */
export function mappedPriority(routing: PriorityRouting, record: Record<string, unknown>): string | undefined {
  if (!routing.caseField) return undefined;
  const value = record[routing.caseField];
  // Picklist values are text; anything else maps to nothing.
  if (typeof value !== 'string') return undefined;
  return routing.caseValues.find((candidate) => candidate.caseValue === value)?.priorityId;
}

/** How old the configuration an action uses may be: a change saved on another instance applies within this. */
const RECENT_MS = 1_000;
const recent = new WeakMap<Db, { at: number; routing: Promise<PriorityRouting> }>();

/** The configuration for the actions, re-read at most every second (as recentObjectMapping), and at once after a save here. */
export function recentPriorityRouting(db: Db): Promise<PriorityRouting> {
  const now = Date.now();
  const cached = recent.get(db);
  if (cached && now - cached.at < RECENT_MS) return cached.routing;
  const routing = readPriorityRouting(db);
  recent.set(db, { at: now, routing });
  routing.catch(() => recent.delete(db));
  return routing;
}
