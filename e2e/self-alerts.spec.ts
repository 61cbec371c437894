import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { addIntakeNotice } from '../server/intake/intakeState';
import type { RunningApp } from '../server/start';
import { seriousViolations, startSignedInApp, type SignedInApp } from './support/signedInApp';

/**
 * The connector watches itself, in real Chromium against the demo (which pages the emulated
 * "Salesforce Sync" service through the Events API): a lost CDC position opens an alert, SUMMARY
 * shows it as paged, and PagerDuty has the incident; CONNECTIONS shows the routing key as saved,
 * never its value.
 */
test.describe.configure({ mode: 'serial' });

let harness: SignedInApp | undefined;
let app: RunningApp;
let signedIn: BrowserContext;

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  harness = await startSignedInApp(browser, 'self-alerts');
  ({ app, signedIn } = harness);
});

test.afterAll(async () => {
  await harness?.close();
});

test('SUMMARY shows an open alert about the connector, paged through the Events API', async () => {
  const page = await signedIn.newPage();
  await page.goto(`${app.url}/summary`);
  await expect(page.getByTestId('summary-pagerduty-status')).toContainText('Connection OK');
  await expect(page.getByTestId('summary-card-self-alerts')).toHaveCount(0);

  await addIntakeNotice(app.ctx.db, { code: 'replay_gap', message: 'The stored CDC position is older than Salesforce keeps change events.' });
  const pass = await app.ctx.selfMonitor.tick();
  expect(pass.sent).toContainEqual({ kind: 'cdc_replay_lost', action: 'trigger', accepted: true });

  await page.getByRole('button', { name: 'Refresh' }).click();
  const card = page.getByTestId('summary-card-self-alerts');
  await expect(card).toContainText('CDC lost its replay position');
  await expect(card.locator('[data-kind=cdc_replay_lost]')).toContainText('Paged');
  expect(await seriousViolations(page)).toEqual([]);

  const pagerduty = app.emulators!.pagerduty;
  const alert = pagerduty.context.store.alerts.find((candidate) => candidate.dedupKey.endsWith('/self-monitor/cdc_replay_lost'));
  expect(pagerduty.context.store.incidents.get(alert!.incidentId)).toMatchObject({
    status: 'triggered',
    serviceId: pagerduty.seedInfo().ids.services['Salesforce Sync'],
  });
  await page.close();
});

test('CONNECTIONS shows where the connector pages, the routing key masked', async () => {
  const page = await signedIn.newPage();
  await page.goto(`${app.url}/connections`);
  const card = page.getByTestId('self-alerts-card');
  await expect(card).toContainText('Routing key saved');
  await expect(page.getByTestId('self-alerts-events-url')).toHaveValue(app.emulators!.pagerduty.url);
  const key = app.emulators!.pagerduty.seedInfo().keys.events['Salesforce Sync']!;
  expect(await page.content()).not.toContain(key);
  await page.getByTestId('self-alerts-routing-key').fill('not-a-key');
  await page.getByTestId('self-alerts-save').click();
  await expect(card).toContainText('32-character Integration Key');
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
});
