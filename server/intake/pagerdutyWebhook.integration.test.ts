import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_TABLES } from '../store/tables';
import { startDemoApp } from '../testing/demoApp';
import { eventually } from '../testing/eventually';

/** `npm start` in demo mode provisions the webhook by itself: the emulator's deliveries reach the app's real listening URL. */
describe('demo mode webhook', () => {
  let app: Awaited<ReturnType<typeof startDemoApp>>;
  beforeAll(async () => {
    app = await startDemoApp();
  });
  afterAll(() => app.close());

  it("is provisioned at start, account-wide, to the listening URL, and delivers a responder's change into the inbox", async () => {
    const view = await app.ctx.webhooks.view({ refresh: true });
    expect(view).toMatchObject({ state: 'enabled', deliveryUrl: `${app.url}/webhooks/pagerduty` });
    expect(view.subscriptions.map((sub) => sub.scope)).toEqual(['account']);

    const incidentId = app.emulators.pagerduty.seedInfo().ids.incidents[0]!;
    const acted = await fetch(`${app.emulators.pagerduty.url}/__emulator/act`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: 'ada@example.com', incident_id: incidentId, action: 'acknowledge' }),
    });
    expect(acted.status).toBe(200);
    const row = await eventually(
      () =>
        app.ctx
          .db(SYNC_TABLES.events)
          .where({ source: 'pagerduty', kind: 'incident.acknowledged', incident_id: incidentId })
          .first<{ incident_number: string | null } | undefined>(),
      'the acknowledgement in the inbox',
    );
    expect(row.incident_number).toBe('1');
  });
});
