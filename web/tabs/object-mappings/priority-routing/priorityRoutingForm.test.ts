import { describe, expect, it } from 'vitest';
import type { CaseFieldMetadata } from '../../../../contracts/authoring';
import { draftFrom, localErrors, newRoute, normalizePath, picklistFields, placeErrors, requestFrom } from './priorityRoutingForm';

const priority = { name: 'Priority', label: 'Case Priority', type: 'picklist', picklistValues: ['High', 'Medium', 'Low'] } as CaseFieldMetadata;
const subject = { name: 'Subject', label: 'Subject', type: 'string', picklistValues: [] as string[] } as CaseFieldMetadata;

describe('priority routing form', () => {
  it('round-trips a saved configuration, sending mapped values in picklist order and only those of the chosen field', () => {
    const draft = draftFrom({
      routes: [{ serviceId: 'S1', priorityId: 'P1', escalationPolicyId: 'E1', active: false }],
      caseField: 'Priority',
      caseValues: [
        { caseValue: 'Low', priorityId: 'P4' },
        { caseValue: 'High', priorityId: 'P1' },
      ],
    });
    expect(requestFrom(draft, [priority, subject])).toEqual({
      routes: [{ serviceId: 'S1', priorityId: 'P1', escalationPolicyId: 'E1', active: false }],
      caseField: 'Priority',
      caseValues: [
        { caseValue: 'High', priorityId: 'P1' },
        { caseValue: 'Low', priorityId: 'P4' },
      ],
    });
    expect(requestFrom({ ...draft, caseField: '' }, [priority])).toMatchObject({ caseField: null, caseValues: [] });
    expect(picklistFields([priority, subject])).toEqual([priority]);
  });

  it('asks for every picker and refuses a second row for the same service and priority', () => {
    const first = { ...newRoute(), serviceId: 'S1', priorityId: 'P1', escalationPolicyId: 'E1' };
    const second = { ...newRoute(), serviceId: 'S1', priorityId: 'P1', escalationPolicyId: 'E2' };
    const empty = newRoute();
    const errors = localErrors({ routes: [first, second, empty], caseField: '', caseValues: {} });
    expect(errors.get(`route:${second.key}:priorityId`)).toMatch(/Row 1 already routes/);
    expect(errors.get(`route:${empty.key}:serviceId`)).toBe('Choose a PagerDuty service');
    expect(errors.has(`route:${first.key}:priorityId`)).toBe(false);
  });

  it('places the server’s errors on their row or value, whatever the path spelling', () => {
    expect(normalizePath('routes.1.active')).toBe('routes[1].active');
    const route = { ...newRoute(), serviceId: 'S9', priorityId: 'P1', escalationPolicyId: 'E1' };
    const draft = { routes: [newRoute(), route], caseField: 'Priority', caseValues: { Medium: 'PX' } };
    const request = requestFrom(draft, [priority]);
    const placed = placeErrors(
      [
        { path: 'routes[1].serviceId', message: 'no such service' },
        { path: 'caseValues.0.priorityId', message: 'no such priority' },
        { path: 'caseField', message: 'not a picklist' },
      ],
      draft,
      request,
    );
    expect([...placed]).toEqual([
      [`route:${route.key}:serviceId`, 'no such service'],
      ['value:Medium', 'no such priority'],
      ['caseField', 'not a picklist'],
    ]);
  });
});
