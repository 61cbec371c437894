import type { CaseDescribeField } from './caseDescribe';
import type { FieldProblem } from './checkObjectMapping';
import type { PagerDutyMetadataReply } from '../../../contracts/authoring';
import type { PriorityRoutingRequest } from '../../../contracts/priorityRouting';

/** Case field types whose values can be mapped one by one: the describe lists them. */
const PICKLIST_TYPES: ReadonlySet<string> = new Set(['picklist']);

/** Whether the configuration names any PagerDuty id, so the live lists must be read to check it. */
export function namesPagerDutyIds(routing: PriorityRoutingRequest): boolean {
  return routing.routes.length > 0 || routing.caseValues.length > 0;
}

/** Whether a problem may come from a stale cached list (an id PagerDuty did not know a minute ago). */
export function hasUnknownId(problems: readonly FieldProblem[]): boolean {
  return problems.some((problem) => problem.message.startsWith('PagerDuty has no'));
}

/**
 * Checks a priority routing configuration against PagerDuty's live lists (services, priorities,
 * escalation policies) and the live Case describe: every id exists, a (service, priority) has
 * one row, the Case field is a picklist, each mapped value is one of its values, once.
 */
export function checkPriorityRouting(
  routing: PriorityRoutingRequest,
  directory: PagerDutyMetadataReply | undefined,
  describe: readonly CaseDescribeField[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const services = new Map(directory?.services.map((service) => [service.id, service.name]));
  const priorities = new Map(directory?.priorities.map((priority) => [priority.id, priority.name]));
  const policies = new Set(directory?.escalationPolicies.map((policy) => policy.id));
  const knownPriority = (path: string, id: string) => {
    if (priorities.has(id)) return true;
    problems.push({
      path,
      message:
        priorities.size === 0
          ? 'PagerDuty has no priorities on this account: turn priorities on in PagerDuty first'
          : `PagerDuty has no priority with the id ${id}: choose one of ${[...priorities.values()].join(', ')}`,
    });
    return false;
  };

  const rowOf = new Map<string, number>();
  routing.routes.forEach((route, index) => {
    const at = `routes[${index}]`;
    const serviceKnown = services.has(route.serviceId);
    if (!serviceKnown)
      problems.push({ path: `${at}.serviceId`, message: `PagerDuty has no service with the id ${route.serviceId}: choose a service from the list` });
    const priorityKnown = knownPriority(`${at}.priorityId`, route.priorityId);
    if (!policies.has(route.escalationPolicyId)) {
      problems.push({
        path: `${at}.escalationPolicyId`,
        message: `PagerDuty has no escalation policy with the id ${route.escalationPolicyId}: choose one from the list`,
      });
    }
    const key = `${route.serviceId}\u0000${route.priorityId}`;
    const first = rowOf.get(key);
    if (first === undefined) rowOf.set(key, index);
    else if (serviceKnown && priorityKnown) {
      problems.push({
        path: `${at}.priorityId`,
        message: `${services.get(route.serviceId)} at ${priorities.get(route.priorityId)} already has row ${first + 1}: change this row's priority or remove one of them`,
      });
    } else problems.push({ path: `${at}.priorityId`, message: `Row ${first + 1} has the same service and priority: remove one of them` });
  });

  const fieldName = routing.caseField?.toLowerCase();
  const field = fieldName === undefined ? undefined : describe.find((candidate) => candidate.name.toLowerCase() === fieldName);
  if (routing.caseField !== null && !field)
    problems.push({ path: 'caseField', message: `The Case has no field ${routing.caseField}: choose a picklist field` });
  else if (field && !PICKLIST_TYPES.has(field.type)) {
    problems.push({ path: 'caseField', message: `${field.label} (${field.type}) is not a picklist: choose a picklist field such as Priority` });
  }
  if (routing.caseField === null && routing.caseValues.length > 0) {
    problems.push({ path: 'caseField', message: 'Choose the Case field whose values these are, or remove the values' });
  }
  const picklist =
    field && PICKLIST_TYPES.has(field.type) ? (field.picklistValues ?? []).filter((entry) => entry.active).map((entry) => entry.value) : undefined;
  const valueRow = new Map<string, number>();
  routing.caseValues.forEach((mapped, index) => {
    const at = `caseValues[${index}]`;
    if (field && picklist && !picklist.includes(mapped.caseValue)) {
      problems.push({ path: `${at}.caseValue`, message: `${field.label} has no value "${mapped.caseValue}": choose one of ${picklist.join(', ')}` });
    }
    const first = valueRow.get(mapped.caseValue);
    if (first === undefined) valueRow.set(mapped.caseValue, index);
    else problems.push({ path: `${at}.caseValue`, message: `"${mapped.caseValue}" is already mapped in row ${first + 1}: remove one of them` });
    knownPriority(`${at}.priorityId`, mapped.priorityId);
  });
  return problems;
}
