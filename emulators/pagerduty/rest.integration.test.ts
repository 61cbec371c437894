import { describe, expect, it } from 'vitest';
import type { Harness } from './testing/harness';
import { useEmulatorSuite } from './testing/suite';

let h: Harness;
const FROM = 'integration@example.com';

useEmulatorSuite({ harness: (started) => (h = started) });

const serviceId = () => h.seed.ids.services['Checkout API']!;
const newIncident = (extra: Record<string, unknown> = {}) => ({
  incident: { type: 'incident', title: 'Disk full on db-1', service: { id: serviceId(), type: 'service_reference' }, ...extra },
});

describe('auth', () => {
  it('answers 401 with PagerDuty’s error body for a missing or unknown key', async () => {
    for (const token of [null, 'nope']) {
      const res = await h.call('GET', '/incidents', { token });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { message: 'Authentication failed', code: 2006 } });
    }
  });

  it('lets read-only keys read but not write', async () => {
    expect((await h.call('GET', '/services', { token: h.seed.keys.readOnly })).status).toBe(200);
    const res = await h.call('POST', '/incidents', { token: h.seed.keys.readOnly, from: FROM, body: newIncident() });
    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe(2010);
  });

  it('serves /users/me only to user-level keys', async () => {
    const mine = await h.call('GET', '/users/me', { token: h.seed.keys.user });
    expect(mine.status).toBe(200);
    expect(mine.body.user?.email).toBe(h.seed.keys.userEmail);
    const account = await h.call('GET', '/users/me');
    expect(account.status).toBe(400);
    expect(account.body.error?.message).toMatch(/account-level access token/);
  });
});

describe('From header', () => {
  it('refuses writes without From, with a malformed From and with an unknown user', async () => {
    const missing = await h.call('POST', '/incidents', { body: newIncident() });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toEqual({
      message: 'You must specify a user\'s email address in the "From" header to perform this action',
      code: 2016,
    });
    const malformed = await h.call('POST', '/incidents', { from: 'not-an-email', body: newIncident() });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.code).toBe(2001);
    const unknown = await h.call('POST', '/incidents', { from: 'ghost@example.com', body: newIncident() });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toEqual({ message: 'Requester User Not Found', code: 1008 });
    for (const path of ['/incidents', `/incidents/${h.seed.ids.incidents[0]}`]) {
      const res = await h.call('PUT', path, { body: {} });
      expect(res.status).toBe(400);
    }
  });

  it('does not need From with a user key: the key’s user acts', async () => {
    const res = await h.call('POST', '/incidents', { token: h.seed.keys.user, body: newIncident() });
    expect(res.status).toBe(201);
    expect(res.body.incident?.last_status_change_by.id).toBe(h.seed.ids.users[h.seed.keys.userEmail]);
  });
});

describe('incidents', () => {
  it('creates an incident with number, links, assignments from the escalation policy and the string body', async () => {
    const res = await h.call('POST', '/incidents', {
      from: FROM,
      body: newIncident({
        urgency: 'low',
        priority: { id: h.seed.ids.priorities.P2, type: 'priority_reference' },
        body: { type: 'incident_body', details: 'df says 100%' },
        conference_bridge: { conference_url: 'https://meet.example.com/db' },
      }),
    });
    expect(res.status).toBe(201);
    const incident = res.body.incident!;
    expect(incident).toMatchObject({
      type: 'incident',
      status: 'triggered',
      urgency: 'low',
      incident_number: 4,
      title: 'Disk full on db-1',
      priority: { id: h.seed.ids.priorities.P2, summary: 'P2' },
      body: { type: 'incident_body', details: 'df says 100%' },
      conference_bridge: { conference_url: 'https://meet.example.com/db' },
      assigned_via: 'escalation_policy',
      resolved_at: null,
    });
    expect(incident.self).toBe(`${h.url}/incidents/${incident.id}`);
    expect(incident.assignments.map((a: { assignee: { id: string } }) => a.assignee.id)).toEqual([h.seed.ids.users['grace@example.com']]);
    const fetched = await h.call('GET', `/incidents/${incident.id}`);
    expect(fetched.body.incident?.body?.details).toBe('df says 100%');
  });

  it('refuses a second open incident with the same incident_key on the service, then allows it once resolved', async () => {
    const first = await h.call('POST', '/incidents', { from: FROM, body: newIncident({ incident_key: 'case-42' }) });
    expect(first.status).toBe(201);
    const second = await h.call('POST', '/incidents', { from: FROM, body: newIncident({ incident_key: 'case-42' }) });
    expect(second.status).toBe(400);
    expect(second.body.error?.code).toBe(2001);
    expect(second.body.error?.errors?.[0]).toMatch(/case-42/);
    const resolved = await h.call('PUT', `/incidents/${first.body.incident?.id}`, {
      from: FROM,
      body: { incident: { type: 'incident_reference', status: 'resolved' } },
    });
    expect(resolved.body.incident?.status).toBe('resolved');
    const third = await h.call('POST', '/incidents', { from: FROM, body: newIncident({ incident_key: 'case-42' }) });
    expect(third.status).toBe(201);
  });

  it('refuses escalation_policy together with assignments', async () => {
    const res = await h.call('POST', '/incidents', {
      from: FROM,
      body: newIncident({
        escalation_policy: { id: h.seed.ids.escalationPolicies['Engineering Escalation'], type: 'escalation_policy_reference' },
        assignments: [{ assignee: { id: h.seed.ids.users['ada@example.com'], type: 'user_reference' } }],
      }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error?.errors?.[0]).toMatch(/not both/);
  });

  it('acknowledges, reassigns, escalates, sets priority by name, resolves and reopens', async () => {
    const id = (await h.call('POST', '/incidents', { from: FROM, body: newIncident() })).body.incident?.id;
    const put = (incident: Record<string, unknown>, from = FROM) =>
      h.call('PUT', `/incidents/${id}`, { from, body: { incident: { type: 'incident_reference', ...incident } } });

    const acked = await put({ status: 'acknowledged' }, 'grace@example.com');
    expect(acked.body.incident?.status).toBe('acknowledged');
    expect(acked.body.incident?.acknowledgements[0]?.acknowledger.id).toBe(h.seed.ids.users['grace@example.com']);

    const reassigned = await put({ assignments: [{ assignee: { id: h.seed.ids.users['alan@example.com'], type: 'user_reference' } }] });
    expect(reassigned.body.incident?.status).toBe('triggered');
    expect(reassigned.body.incident?.assigned_via).toBe('direct_assignment');
    expect(reassigned.body.incident?.assignments[0]?.assignee.id).toBe(h.seed.ids.users['alan@example.com']);

    const escalated = await put({ escalation_level: 2 });
    expect(escalated.body.incident?.assignments[0]?.assignee.id).toBe(h.seed.ids.users['ada@example.com']);
    expect((await put({ escalation_level: 9 })).body.error?.code).toBe(1006);

    const prioritized = await put({ priority: 'P1', urgency: 'low', title: 'Disk full on db-1 (primary)' });
    expect(prioritized.body.incident).toMatchObject({ priority: { summary: 'P1' }, urgency: 'low', title: 'Disk full on db-1 (primary)' });
    expect((await put({ priority: 'P9' })).body.error?.code).toBe(1020);

    const resolved = await put({ status: 'resolved', resolution: 'Rotated logs' });
    expect(resolved.body.incident).toMatchObject({ status: 'resolved', assignments: [] });
    expect(resolved.body.incident?.resolved_at).toEqual(resolved.body.incident?.last_status_change_at);
    expect((await put({ status: 'resolved' })).body.error).toEqual({ message: 'Incident Already Resolved', code: 1001 });

    const reopened = await put({ status: 'triggered' });
    expect(reopened.body.incident).toMatchObject({ status: 'triggered', resolved_at: null });

    const log = await h.call('GET', `/incidents/${id}/log_entries`);
    const types = log.body.log_entries?.map((entry: { type: string }) => entry.type);
    expect(types).toEqual(
      expect.arrayContaining(['trigger_log_entry', 'acknowledge_log_entry', 'assign_log_entry', 'escalate_log_entry', 'resolve_log_entry']),
    );
  });

  it('bulk-updates incidents and refuses the whole batch when one Id is unknown', async () => {
    const ids = h.seed.ids.incidents.slice(0, 2);
    const bad = await h.call('PUT', '/incidents', {
      from: FROM,
      body: {
        incidents: [
          { id: ids[0], type: 'incident_reference', status: 'resolved' },
          { id: 'PNOPE00', type: 'incident_reference', status: 'resolved' },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect((await h.call('GET', `/incidents/${ids[0]}`)).body.incident?.status).toBe('triggered');
    const res = await h.call('PUT', '/incidents', {
      from: FROM,
      body: { incidents: ids.map((id) => ({ id, type: 'incident_reference', status: 'resolved' })) },
    });
    expect(res.status).toBe(200);
    expect(res.body.incidents?.map((i: { status: string }) => i.status)).toEqual(['resolved', 'resolved']);
  });

  it('adds and lists notes (create answers 200)', async () => {
    const id = h.seed.ids.incidents[0]!;
    const created = await h.call('POST', `/incidents/${id}/notes`, { from: 'ada@example.com', body: { note: { content: 'Looking into it' } } });
    expect(created.status).toBe(200);
    expect(created.body.note).toMatchObject({ content: 'Looking into it', user: { id: h.seed.ids.users['ada@example.com'] } });
    const listed = await h.call('GET', `/incidents/${id}/notes`);
    expect(listed.body.notes?.map((n: { content: string }) => n.content)).toEqual(['Looking into it']);
    const empty = await h.call('POST', `/incidents/${id}/notes`, { from: FROM, body: { note: { content: '' } } });
    expect(empty.status).toBe(400);
  });

  it('merges incidents: sources end resolved with a merge reason', async () => {
    const [target, source] = h.seed.ids.incidents as [string, string];
    const res = await h.call('PUT', `/incidents/${target}/merge`, {
      from: FROM,
      body: { source_incidents: [{ id: source, type: 'incident_reference' }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.incident?.id).toBe(target);
    const merged = (await h.call('GET', `/incidents/${source}`)).body.incident!;
    expect(merged.status).toBe('resolved');
    expect(merged.resolve_reason).toMatchObject({ type: 'merge_resolve_reason', incident: { id: target } });
    const again = await h.call('PUT', `/incidents/${target}/merge`, {
      from: FROM,
      body: { source_incidents: [{ id: source, type: 'incident_reference' }] },
    });
    expect(again.body.error?.code).toBe(1019);
  });

  it('filters the list by status, service, user, urgency, key, dates and sorts it', async () => {
    const get = async (query: string) =>
      (await h.call('GET', `/incidents?${query}`)).body.incidents?.map((i: { incident_number: number }) => i.incident_number);
    expect(await get('')).toEqual([1, 2, 3]);
    expect(await get('statuses[]=triggered&statuses[]=acknowledged')).toEqual([1, 2]);
    expect(await get(`service_ids[]=${h.seed.ids.services['Customer Support']}`)).toEqual([2]);
    expect(await get(`user_ids[]=${h.seed.ids.users['grace@example.com']}`)).toEqual([1]);
    expect(await get('urgencies[]=low')).toEqual([2, 3]);
    expect(await get('incident_key=demo-case-00001002')).toEqual([2]);
    expect(await get('sort_by=incident_number:desc')).toEqual([3, 2, 1]);
    expect(await get('since=2000-01-01T00:00:00Z&until=2000-01-02T00:00:00Z')).toEqual([]);
    expect(await get('since=2000-01-01T00:00:00Z&until=2000-01-02T00:00:00Z&date_range=all')).toEqual([1, 2, 3]);
    const bad = await h.call('GET', '/incidents?statuses[]=open');
    expect(bad.body.error).toEqual({
      message: 'Invalid Input Provided',
      code: 2001,
      errors: ['Status must be a list of triggered, acknowledged, or resolved.'],
    });
    const included = await h.call('GET', '/incidents?include[]=services&include[]=assignees');
    expect(included.body.incidents?.[0]?.service.type).toBe('service');
  });
});

describe('pagination', () => {
  it('pages with limit/offset, reports more, and total only when asked', async () => {
    for (let i = 0; i < 5; i += 1) {
      await h.call('POST', '/incidents', { from: FROM, body: newIncident({ title: `Page ${i}` }) });
    }
    const first = await h.call('GET', '/incidents?limit=3');
    expect(first.body).toMatchObject({ limit: 3, offset: 0, more: true, total: null });
    expect(first.body.incidents).toHaveLength(3);
    const last = await h.call('GET', '/incidents?limit=3&offset=6&total=true');
    expect(last.body).toMatchObject({ limit: 3, offset: 6, more: false, total: 8 });
    expect(last.body.incidents).toHaveLength(2);
    expect((await h.call('GET', '/incidents?limit=500')).body.limit).toBe(100);
    const tooFar = await h.call('GET', '/incidents?limit=100&offset=9950');
    expect(tooFar.status).toBe(400);
    expect(tooFar.body.error?.code).toBe(2001);
    expect((await h.call('GET', '/incidents?limit=-1')).status).toBe(400);
  });

  it('pages through with pdjs’s next()', async () => {
    for (let i = 0; i < 4; i += 1) {
      await h.call('POST', '/incidents', { from: FROM, body: newIncident({ title: `All ${i}` }) });
    }
    let page = await h.pdjs().get('/incidents', { limit: 2 });
    const numbers: number[] = [];
    for (;;) {
      numbers.push(...page.data.incidents!.map((i) => i.incident_number));
      if (!page.next) break;
      page = await page.next();
    }
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('rate limiting', () => {
  it('counts per key with ratelimit headers and answers 429 code 2020', async () => {
    await h.control('POST', '/rate-limit', { perMinute: 3 });
    try {
      const answers = [];
      for (let i = 0; i < 4; i += 1) answers.push(await h.call('GET', '/priorities'));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
      expect(answers[0]!.headers.get('ratelimit-limit')).toBe('3');
      expect(answers[0]!.headers.get('ratelimit-remaining')).toBe('2');
      expect(Number(answers[3]!.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      expect(answers[3]!.body).toEqual({ error: { message: 'Rate Limit Exceeded', code: 2020 } });
      // Another key has its own bucket; the minute rolls over on the emulator clock.
      expect((await h.call('GET', '/priorities', { token: h.seed.keys.readOnly })).status).toBe(200);
      await h.control('POST', '/clock', { advanceMs: 61_000 });
      expect((await h.call('GET', '/priorities')).status).toBe(200);
      await h.control('POST', '/rate-limit', { perMinute: false });
      const unlimited = await h.call('GET', '/priorities');
      expect(unlimited.headers.get('ratelimit-limit')).toBeNull();
    } finally {
      await h.control('POST', '/rate-limit', { perMinute: 960 });
      await h.control('POST', '/clock', { offsetMs: 0 });
    }
  });
});

describe('directory', () => {
  it('serves services, users (query), escalation policies, priorities, teams and abilities', async () => {
    const services = await h.call('GET', '/services');
    expect(services.body.services?.map((s: { name: string }) => s.name)).toEqual(['Checkout API', 'Customer Support', 'Salesforce Sync']);
    const service = await h.call('GET', `/services/${serviceId()}`);
    expect(service.body.service?.escalation_policy.id).toBe(h.seed.ids.escalationPolicies['Engineering Escalation']);
    const users = await h.call('GET', '/users?query=grace');
    expect(users.body.users?.map((u: { email: string }) => u.email)).toEqual(['grace@example.com']);
    const user = await h.call('GET', `/users/${h.seed.ids.users['ada@example.com']}`);
    expect(user.body.user?.name).toBe('Ada Lovelace');
    const policies = await h.call('GET', '/escalation_policies');
    expect(policies.body.escalation_policies).toHaveLength(2);
    const policy = await h.call('GET', `/escalation_policies/${h.seed.ids.escalationPolicies['Support Escalation']}`);
    expect(policy.body.escalation_policy?.escalation_rules).toHaveLength(3);
    const priorities = await h.call('GET', '/priorities');
    expect(priorities.body.priorities?.map((p: { name: string }) => p.name)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
    const teams = await h.call('GET', '/teams');
    expect(teams.body.teams).toHaveLength(2);
    expect((await h.call('GET', `/teams/${h.seed.ids.teams.Engineering}`)).body.team?.name).toBe('Engineering');
    expect((await h.call('GET', '/abilities')).body.abilities).toContain('teams');
    expect((await h.call('GET', '/abilities/teams')).status).toBe(204);
    const missing = await h.call('GET', '/abilities/advanced_reports');
    expect(missing.status).toBe(402);
    expect(missing.body.error?.code).toBe(2014);
  });

  it('answers 404 Not Found (2100) for unknown ids and paths', async () => {
    for (const path of ['/incidents/PNOPE00', '/services/PNOPE00', '/users/PNOPE00', '/nothing-here']) {
      const res = await h.call('GET', path);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { message: 'Not Found', code: 2100 } });
    }
    h.takeViolations(); // an unknown path is not an operation of the document
  });
});

describe('bad input', () => {
  it('answers malformed JSON, wrong types and huge bodies with PagerDuty’s error body', async () => {
    const malformed = await h.call('POST', '/incidents', { from: FROM, rawBody: '{"incident": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.code).toBe(2001);
    const wrongType = await h.call('POST', '/incidents', { from: FROM, body: { incident: { type: 'incident', title: 42, service: 'x' } } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error?.errors?.length).toBeGreaterThan(0);
    const unknownService = await h.call('POST', '/incidents', {
      from: FROM,
      body: { incident: { type: 'incident', title: 'x', service: { id: 'PNOPE00', type: 'service_reference' } } },
    });
    expect(unknownService.status).toBe(400);
    const huge = await h.call('POST', '/incidents', {
      from: FROM,
      rawBody: JSON.stringify(newIncident({ body: { type: 'incident_body', details: 'x'.repeat(2_000_000) } })),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error?.code).toBe(2001);
    const arrayBody = await h.call('POST', '/incidents', { from: FROM, rawBody: '[1,2]' });
    expect(arrayBody.status).toBe(400);
    h.takeViolations();
  });
});

describe('@pagerduty/pdjs', () => {
  it('creates, updates and reads an incident through the real client', async () => {
    const pd = h.pdjs(h.seed.keys.account, FROM);
    const created = await pd.post('/incidents', newIncident({ incident_key: 'pdjs-1' }));
    expect(created.status).toBe(201);
    const id = created.data.incident?.id;
    const acked = await pd.put(`/incidents/${id}`, { incident: { type: 'incident_reference', status: 'acknowledged' } });
    expect(acked.data.incident?.status).toBe('acknowledged');
    const note = await pd.post(`/incidents/${id}/notes`, { note: { content: 'via pdjs' } });
    expect(note.status).toBe(200);
    const listed = await pd.get('/incidents', { 'statuses[]': ['acknowledged'], incident_key: 'pdjs-1' });
    expect(listed.data.incidents?.map((i: { id: string }) => i.id)).toEqual([id]);
  });
});

describe('timestamps and the clock', () => {
  it('answers whole-second UTC timestamps, as PagerDuty does (2015-10-06T21:30:42Z)', async () => {
    const created = await h.call('POST', '/incidents', { from: FROM, body: newIncident() });
    expect(created.status).toBe(201);
    const id = created.body.incident!.id;
    await h.call('POST', `/incidents/${id}/notes`, { from: FROM, body: { note: { content: 'Looking' } } });
    const shapes = new Set<string>();
    const collect = (value: unknown, key = ''): void => {
      if (typeof value === 'string' && /_at$|^at$/.test(key)) shapes.add(value.replace(/\d/g, '9'));
      else if (value && typeof value === 'object') for (const [name, inner] of Object.entries(value)) collect(inner, name);
    };
    for (const path of [`/incidents/${id}`, `/incidents/${id}/notes`, `/incidents/${id}/log_entries`]) collect((await h.call('GET', path)).body);
    expect([...shapes]).toEqual(['9999-99-99T99:99:99Z']);
  });

  it('resets the clock offset on reset, as the Salesforce emulator does', async () => {
    await h.control('POST', '/clock', { advanceMs: 3_600_000 });
    expect(((await h.control('GET', '/clock')).body as { offsetMs: number }).offsetMs).toBe(3_600_000);
    await h.control('POST', '/reset', {});
    expect(((await h.control('GET', '/clock')).body as { offsetMs: number }).offsetMs).toBe(0);
  });
});
