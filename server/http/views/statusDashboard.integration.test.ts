import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LinkStore } from '../../pipeline/links';
import { SnapshotStore } from '../../pipeline/snapshots';
import { createTestDatabase, testEngines, type TestDatabase } from '../../testing/databases';
import { insertEvent } from '../../testing/syncLogRows';
import { StatusDashboardReader } from './statusDashboard';
import type { DashboardPagerDutyData, OpenIncident } from './statusDashboardPagerDuty';

const engines = await testEngines();
const caseUrlOf = (caseId: string) => `https://example.my.salesforce.com/lightning/r/Case/${caseId}/view`;
const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 10, minute, 0));

const incident = (id: string, minute: number, priority: string | null, service = 'PSVC1'): OpenIncident => ({
  id,
  incident_number: Number(id.replace(/\D/g, '')),
  title: `Incident ${id}`,
  status: 'triggered',
  created_at: at(minute).toISOString(),
  service: { id: service, summary: service === 'PSVC1' ? 'Checkout API' : 'Customer Support' },
  priority: priority ? { id: priority, summary: priority.replace('PRI', 'P') } : null,
});

/** The read model on both engines: links, snapshots and the inbox's status update events. */
describe.each(engines)('StatusDashboardReader on %s', (engine) => {
  let database: TestDatabase;
  let reader: StatusDashboardReader;
  const pagerDuty: DashboardPagerDutyData = {
    // PagerDuty lists oldest first; the reader sorts by priority first.
    openIncidents: [
      incident('PI1', 1, 'PRI3'),
      incident('PI2', 2, null),
      incident('PI3', 3, 'PRI1', 'PSVC2'),
      incident('PI4', 4, 'PRI1'),
      incident('PI5', 5, 'PRI1'),
    ],
    priorities: [
      { id: 'PRI1', name: 'P1' },
      { id: 'PRI2', name: 'P2' },
      { id: 'PRI3', name: 'P3' },
    ],
    impacts: [
      { id: 'PBS1', name: 'Online store', status: 'impacted', additional_fields: { highest_impacting_priority: { id: 'PRI3', order: 1 } } },
      { id: 'PBS2', name: 'Support portal', status: 'impacted', additional_fields: { highest_impacting_priority: { id: 'PRI1', order: 3 } } },
      { id: 'PBS3', name: 'Billing', status: 'not_impacted' },
    ],
  };

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    reader = new StatusDashboardReader(database.db, new SnapshotStore(database.db));
    const links = new LinkStore(database.db);
    // PI5 is open in PagerDuty but linked to no Case: not shown.
    for (const [caseId, incidentId] of [
      ['500000000000001AAA', 'PI1'],
      ['500000000000002AAA', 'PI2'],
      ['500000000000003AAA', 'PI3'],
      ['500000000000004AAA', 'PI4'],
    ] as const) {
      await links.link({
        caseId,
        caseNumber: caseId.slice(11, 15),
        incidentId,
        incidentNumber: null,
        incidentUrl: null,
        serviceId: null,
        incidentStatus: 'triggered',
      });
    }
    await new SnapshotStore(database.db).put('incident', 'PI4', { id: 'PI4', status_update_message: 'Deploying a fix.' });
    for (const minute of [20, 30])
      await insertEvent(database.db, { source: 'pagerduty', kind: 'incident.status_update_published', incidentId: 'PI4', at: at(minute) });
  });
  afterEach(() => database.drop());

  it('sorts by priority (the account order, none last), then oldest first, and keeps only incidents linked to Cases', async () => {
    const reply = await reader.view(pagerDuty, {}, caseUrlOf, at(59));
    expect(reply.incidents.map((row) => row.id)).toEqual(['PI3', 'PI4', 'PI1', 'PI2']);
    expect(reply.incidents.find((row) => row.id === 'PI1')?.linkedCases).toEqual([
      { id: '500000000000001AAA', number: '0001', url: caseUrlOf('500000000000001AAA') },
    ]);
    expect(reply.impactedBusinessServices).toEqual([
      { id: 'PBS2', name: 'Support portal', priorityId: 'PRI1', priorityName: 'P1' },
      { id: 'PBS1', name: 'Online store', priorityId: 'PRI3', priorityName: 'P3' },
    ]);
    expect(reply.options.services.map((service) => service.name)).toEqual(['Checkout API', 'Customer Support', 'Online store', 'Support portal']);
  });

  it('gives the latest status update with the time of its newest webhook, and none where none came', async () => {
    const reply = await reader.view(pagerDuty, {}, caseUrlOf);
    expect(reply.incidents.find((row) => row.id === 'PI4')?.latestStatusUpdate).toEqual({ message: 'Deploying a fix.', at: at(30).toISOString() });
    expect(reply.incidents.find((row) => row.id === 'PI1')?.latestStatusUpdate).toBeNull();
  });

  it('filters incidents and business services by service and by priority', async () => {
    expect((await reader.view(pagerDuty, { serviceId: 'PSVC2' }, caseUrlOf)).incidents.map((row) => row.id)).toEqual(['PI3']);
    const p1 = await reader.view(pagerDuty, { priorityId: 'PRI1' }, caseUrlOf);
    expect(p1.incidents.map((row) => row.id)).toEqual(['PI3', 'PI4']);
    expect(p1.impactedBusinessServices.map((service) => service.id)).toEqual(['PBS2']);
    const business = await reader.view(pagerDuty, { serviceId: 'PBS1' }, caseUrlOf);
    expect([business.incidents, business.impactedBusinessServices.map((service) => service.id)]).toEqual([[], ['PBS1']]);
  });
});
