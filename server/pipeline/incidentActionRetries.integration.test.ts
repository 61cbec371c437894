import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing/databases';
import { insertEvent } from '../testing/syncLogRows';
import type { PagerDutySession } from '../vendors/pagerduty/session';
import { incidentActionHandlers } from './incidentActions';
import type { Job } from './jobQueue';
import { LinkStore } from './links';

/**
 * How a retried status update or workflow start decides that its earlier attempt already wrote,
 * on both store engines: by the webhook of that write, received after the job was enqueued.
 * PagerDuty is never reached when the write is found; when it is not, the executor goes on to
 * PagerDuty, which this suite's session refuses with a recognisable error.
 */
class WentToPagerDuty extends Error {}
const refusingPagerDuty = {
  client: () => Promise.reject(new WentToPagerDuty('went to PagerDuty')),
  integrationUserId: () => Promise.resolve('PINTEGRATION'),
} as unknown as PagerDutySession;

describe.each(await testEngines())('retries look for the earlier write (%s)', (engine) => {
  let database: TestDatabase;
  let handlers: ReturnType<typeof incidentActionHandlers>;
  const enqueuedAt = new Date('2026-12-07T10:00:00.000Z');
  const job = (task: string, action: Record<string, unknown>, createdAt = enqueuedAt): Job =>
    ({ id: 1, task, payload: { action, caseId: '500000000000001AAA' }, attempts: 2, createdAt }) as unknown as Job;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const links = new LinkStore(database.db);
    await links.link({
      caseId: '500000000000001AAA',
      caseNumber: '00001001',
      incidentId: 'PINC1',
      incidentNumber: '7',
      incidentUrl: null,
      serviceId: null,
      incidentStatus: 'triggered',
    });
    handlers = incidentActionHandlers({ db: database.db, links, pagerduty: refusingPagerDuty });
    const webhook = (eventType: string, data: Record<string, unknown>) => ({
      id: `E-${eventType}`,
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: '2026-12-07T10:00:01Z',
      agent: null,
      data: { incident: { id: 'PINC1', type: 'incident_reference' }, ...data },
    });
    const at = new Date(enqueuedAt.getTime() + 1000);
    await insertEvent(database.db, {
      source: 'pagerduty',
      kind: 'incident.status_update_published',
      incidentId: 'PINC1',
      at,
      payload: webhook('incident.status_update_published', { type: 'incident_status_update', message: 'Fix deployed' }),
    });
    await insertEvent(database.db, {
      source: 'pagerduty',
      kind: 'incident.workflow.started',
      incidentId: 'PINC1',
      at,
      payload: webhook('incident.workflow.started', {
        type: 'incident_workflow_instance',
        incident_workflow: { id: 'PWF1', type: 'incident_workflow_reference' },
      }),
    });
  });
  afterAll(() => database.drop());

  it('skips a status update whose webhook arrived after the job was enqueued, and only that one', async () => {
    await expect(
      handlers.publish_status_update!(job('publish_status_update', { type: 'publish_status_update', message: 'Fix deployed' })),
    ).resolves.toMatchObject({
      skipped: 'An earlier attempt already published this status update',
      incidentId: 'PINC1',
    });
    await expect(handlers.publish_status_update!(job('publish_status_update', { type: 'publish_status_update', message: 'Another message' }))).rejects.toThrow(
      WentToPagerDuty,
    );
    const later = new Date(enqueuedAt.getTime() + 5000);
    await expect(
      handlers.publish_status_update!(job('publish_status_update', { type: 'publish_status_update', message: 'Fix deployed' }, later)),
    ).rejects.toThrow(WentToPagerDuty);
  });

  it('skips a workflow whose start arrived after the job was enqueued, and only that workflow', async () => {
    await expect(
      handlers.start_incident_workflow!(job('start_incident_workflow', { type: 'start_incident_workflow', workflowId: 'PWF1' })),
    ).resolves.toMatchObject({
      skipped: 'An earlier attempt already started this workflow',
    });
    await expect(handlers.start_incident_workflow!(job('start_incident_workflow', { type: 'start_incident_workflow', workflowId: 'PWF2' }))).rejects.toThrow(
      WentToPagerDuty,
    );
  });

  it('skips every incident action when the Case has no linked incident', async () => {
    const unlinked = {
      ...job('set_conference_bridge', { type: 'set_conference_bridge', conferenceUrl: 'https://meet.example.com' }),
      payload: { action: { type: 'set_conference_bridge', conferenceUrl: 'https://meet.example.com' }, caseId: '500000000000009AAA' },
    } as Job;
    await expect(handlers.set_conference_bridge!(unlinked)).resolves.toEqual({ skipped: 'The Case has no linked incident' });
  });
});
