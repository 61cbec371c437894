import { beforeAll, describe, expect, it } from 'vitest';
import type { PriorityRoutingRequest } from '../../contracts/priorityRouting';
import { readPriorityRouting } from '../store/priorityRouting';
import { eventually } from '../testing/eventually';
import { signedInApi, startDemoApp, type ApiReply, type DemoApp } from '../testing/demoApp';

/** GET and PUT /api/priority-routing against the demo app: ids checked against the PagerDuty emulator, the field against the Case describe. */
let app: DemoApp;
let api: (method: string, route: string, body?: unknown) => Promise<ApiReply>;
let valid: PriorityRoutingRequest;

beforeAll(async () => {
  app = await startDemoApp();
  api = await signedInApi(app);
  const { ids } = app.emulators.pagerduty.seedInfo();
  valid = {
    routes: [
      {
        serviceId: ids.services['Customer Support']!,
        priorityId: ids.priorities.P1!,
        escalationPolicyId: ids.escalationPolicies['Engineering Escalation']!,
        active: true,
      },
      {
        serviceId: ids.services['Checkout API']!,
        priorityId: ids.priorities.P2!,
        escalationPolicyId: ids.escalationPolicies['Support Escalation']!,
        active: false,
      },
    ],
    caseField: 'priority',
    caseValues: [
      { caseValue: 'High', priorityId: ids.priorities.P1! },
      { caseValue: 'Low', priorityId: ids.priorities.P4! },
    ],
  };
  return () => app.close();
}, 60_000);

interface ErrorReply {
  error: { code: string; message: string; details?: { fields: { path: string; message: string }[] } };
}

/** Sends a configuration that must be refused: a 400 naming `path`, with nothing stored. */
async function expectRefused(body: unknown, path: string, message: RegExp): Promise<void> {
  const before = await readPriorityRouting(app.ctx.db);
  const reply = await api('PUT', '/api/priority-routing', body);
  expect(reply.status).toBe(400);
  const error = (reply.body as ErrorReply).error;
  expect(error.code).toBe('validation_failed');
  expect(error.details?.fields).toContainEqual({ path, message: expect.stringMatching(message) as unknown });
  expect(await readPriorityRouting(app.ctx.db)).toEqual(before);
}

describe('GET and PUT /api/priority-routing', () => {
  it('needs a signed-in admin and, for a PUT, the CSRF token', async () => {
    expect((await fetch(`${app.url}/api/priority-routing`)).status).toBe(401);
    const { cookie } = await app.signIn();
    const put = await fetch(`${app.url}/api/priority-routing`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(valid),
    });
    expect(put.status).toBe(403);
  });

  it('saves a valid configuration (the field in the describe’s spelling) and reads it back', async () => {
    expect(await api('GET', '/api/priority-routing')).toEqual({ status: 200, body: { routes: [], caseField: null, caseValues: [] } });
    const saved = await api('PUT', '/api/priority-routing', valid);
    expect(saved).toEqual({ status: 200, body: { ...valid, caseField: 'Priority' } });
    expect(await api('GET', '/api/priority-routing')).toEqual(saved);
  });

  it('makes the webhook subscriptions carry priority changes once a row is active, and drops them with the last active row', async () => {
    const subscriptions = () => [...app.emulators.pagerduty.context.store.webhookSubscriptions.values()];
    const carryPriorityChanges = () => subscriptions().length > 0 && subscriptions().every((sub) => sub.events.includes('incident.priority_updated'));
    expect((await api('PUT', '/api/priority-routing', valid)).status).toBe(200);
    await eventually(carryPriorityChanges, 'the subscriptions to carry incident.priority_updated');
    const inactive = { ...valid, routes: valid.routes.map((route) => ({ ...route, active: false })) };
    expect((await api('PUT', '/api/priority-routing', inactive)).status).toBe(200);
    await eventually(
      () => !subscriptions().some((sub) => sub.events.includes('incident.priority_updated')),
      'the subscriptions without incident.priority_updated',
    );
    expect((await api('PUT', '/api/priority-routing', valid)).status).toBe(200);
    await eventually(carryPriorityChanges, 'the subscriptions to carry incident.priority_updated again');
  });

  it('refuses unknown PagerDuty ids, row by row, with what to do', async () => {
    const route = valid.routes[0]!;
    await expectRefused({ ...valid, routes: [{ ...route, serviceId: 'PNOSUCH' }] }, 'routes[0].serviceId', /no service with the id PNOSUCH: choose/);
    await expectRefused(
      { ...valid, routes: [valid.routes[1], { ...route, priorityId: 'PNOSUCH' }] },
      'routes[1].priorityId',
      /no priority with the id PNOSUCH: choose one of P1, P2/,
    );
    await expectRefused(
      { ...valid, routes: [{ ...route, escalationPolicyId: 'PNOSUCH' }] },
      'routes[0].escalationPolicyId',
      /no escalation policy with the id PNOSUCH/,
    );
    await expectRefused(
      { ...valid, caseValues: [{ caseValue: 'High', priorityId: 'PNOSUCH' }] },
      'caseValues[0].priorityId',
      /no priority with the id PNOSUCH/,
    );
  });

  it('refuses a second row for the same service and priority', async () => {
    const route = valid.routes[0]!;
    await expectRefused(
      { ...valid, routes: [route, valid.routes[1], { ...route, active: false }] },
      'routes[2].priorityId',
      /Customer Support at P1 already has row 1/,
    );
  });

  it('refuses a Case field that is not in the describe or not a picklist, and a value the picklist does not have', async () => {
    await expectRefused({ ...valid, caseField: 'Severity__c' }, 'caseField', /The Case has no field Severity__c/);
    await expectRefused({ ...valid, caseField: 'Subject' }, 'caseField', /Subject \(string\) is not a picklist: choose a picklist field/);
    await expectRefused(
      { ...valid, caseValues: [{ caseValue: 'Urgent', priorityId: valid.caseValues[0]!.priorityId }] },
      'caseValues[0].caseValue',
      /no value "Urgent": choose one of High, Medium, Low/,
    );
    await expectRefused({ ...valid, caseValues: [valid.caseValues[0], valid.caseValues[0]] }, 'caseValues[1].caseValue', /already mapped in row 1/);
    await expectRefused({ ...valid, caseField: null }, 'caseField', /Choose the Case field/);
  });

  it('refuses a malformed body with the zod path', async () => {
    await expectRefused({ ...valid, routes: [{ ...valid.routes[0], active: 'yes' }] }, 'routes.0.active', /boolean/);
    await expectRefused({ ...valid, routes: [{ ...valid.routes[0], serviceId: '' }] }, 'routes.0.serviceId', /Choose a PagerDuty service/);
  });
});
