import { expect, test, type Page } from '@playwright/test';
import type { RunningApp } from '../server/start';
import { seriousViolations, startSignedInApp, type SignedInApp } from './support/signedInApp';

/**
 * STATUS DASHBOARD in real Chromium against the app in demo mode: a seeded Case linked to the
 * seeded P1 incident; a status update published in PagerDuty (the emulator's control API) reaches
 * the engine by the signed webhook and the open tab shows it without a reload; the copy button
 * puts the customer summary on the clipboard.
 */
test.describe.configure({ mode: 'serial' });

let harness: SignedInApp | undefined;
let app: RunningApp;
let page: Page;
let incidentId: string;
let caseNumber: string;

test.beforeAll(async ({ browser }) => {
  harness = await startSignedInApp(browser, 'status-dashboard');
  app = harness.app;
  await harness.signedIn.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  const seed = app.emulators!.pagerduty.seedInfo();
  incidentId = seed.ids.incidents[0]!;
  const cases = await app.ctx.sessions.salesforce.run(
    async (connection) => (await connection.query<{ Id: string; CaseNumber: string }>('SELECT Id, CaseNumber FROM Case ORDER BY CaseNumber LIMIT 1')).records,
  );
  const [linked] = cases;
  if (!linked) throw new Error('The Salesforce emulator has no seeded Case');
  caseNumber = linked.CaseNumber;
  await app.ctx.links.link({ caseId: linked.Id, caseNumber, incidentId, incidentNumber: '1', incidentUrl: null, serviceId: null, incidentStatus: 'triggered' });
  page = await harness.signedIn.newPage();
});

test.afterAll(async () => {
  await harness?.close();
});

async function publishStatusUpdate(content: string): Promise<void> {
  const response = await fetch(`${app.emulators!.pagerduty.url}/__emulator/act`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ as: 'ada@example.com', incident_id: incidentId, action: 'status_update', content }),
  });
  expect(response.ok).toBe(true);
}

test('lists the linked incident with its Cases and its status update, copies the customer summary, and shows a new update live', async () => {
  await page.goto(`${app.url}/status-dashboard`);
  await expect(page.getByRole('tab', { name: 'STATUS DASHBOARD' })).toHaveAttribute('aria-selected', 'true');
  const row = page.locator(`[data-testid=status-dashboard-incident][data-incident-id="${incidentId}"]`);
  await expect(row).toContainText('Checkout latency above 2 s');
  await expect(row).toContainText('Checkout API');
  await expect(row).toContainText('P1');
  await expect(row.getByTestId('status-dashboard-update')).toHaveText('No status update yet');
  await expect(page.getByTestId('status-dashboard-business-services')).toContainText('Online store');

  // The linked-Cases count opens the list of Cases, each a link into Salesforce.
  const cases = row.getByTestId('status-dashboard-cases');
  await expect(cases).toHaveText('1 Case');
  await cases.click();
  await expect(cases).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('status-dashboard-case-list').getByRole('link', { name: `Case ${caseNumber}` })).toBeVisible();

  // Published in PagerDuty: the webhook reaches the engine and the stream refreshes the open page.
  await publishStatusUpdate('We found the cause and are deploying a fix.');
  await expect(row.getByTestId('status-dashboard-update')).toContainText('We found the cause and are deploying a fix.');

  await row.getByTestId('status-dashboard-copy').click();
  await expect(row.getByTestId('status-dashboard-copied')).toHaveText('Customer summary copied');
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  expect(clipboard).toMatch(
    /^We are aware of an issue affecting Checkout API\. Latest update \(\d\d:\d\d UTC\): We found the cause and are deploying a fix\.$/,
  );

  // A newer update replaces it, still without a reload.
  await publishStatusUpdate('The fix is deployed; we are watching the error rate.');
  await expect(row.getByTestId('status-dashboard-update')).toContainText('The fix is deployed; we are watching the error rate.');

  expect(await seriousViolations(page)).toEqual([]);
});

test('filters by priority, and says so when nothing matches', async () => {
  await page.getByTestId('status-dashboard-priority').selectOption({ label: 'P5' });
  await expect(page.getByTestId('status-dashboard-empty')).toContainText('with these filters');
  await page.getByTestId('status-dashboard-priority').selectOption({ label: 'P1' });
  await expect(page.locator(`[data-incident-id="${incidentId}"]`)).toBeVisible();
});

test('says in words when PagerDuty is down, never a blank panel', async () => {
  const faults = `${app.emulators!.pagerduty.url}/__emulator/faults`;
  await fetch(faults, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ path: '^/incidents$', method: 'GET', status: 503, times: 50 }),
  });
  try {
    // A status update drops the shared PagerDuty reads and tells the page to refresh.
    await publishStatusUpdate('Still watching.');
    await expect(page.getByTestId('status-dashboard-error')).toContainText(/PagerDuty failed while reading the ongoing incidents.*503/);
    // The last data stays on screen under the message.
    await expect(page.locator(`[data-incident-id="${incidentId}"]`)).toBeVisible();
  } finally {
    await fetch(faults, { method: 'DELETE' });
  }
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('status-dashboard-error')).toHaveCount(0);
  await expect(page.locator(`[data-incident-id="${incidentId}"] [data-testid=status-dashboard-update]`)).toContainText('Still watching.');
});
