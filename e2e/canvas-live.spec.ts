import { expect, test } from '@playwright/test';
import { seriousViolations, startSignedInApp, type SignedInApp } from './support/signedInApp';

/**
 * The console's live side inside the Salesforce emulator, as `npm start` shows it: the Case page
 * embeds the console through a real signed-request POST; an acknowledgement on the PagerDuty
 * emulator reaches the console's timeline through the Case's event stream (no reload, no polling);
 * the console renews its token through the org's Canvas SDK on a 401; the Status Dashboard opens
 * from the utility bar through its own signed-request POST.
 */
let started: SignedInApp | undefined;
function running(): SignedInApp {
  if (!started) throw new Error('The app did not start (see beforeAll)');
  return started;
}

test.beforeAll(async ({ browser }) => {
  started = await startSignedInApp(browser, 'canvas-live', { starterRulesets: true });
});

test.afterAll(async () => {
  await started?.close();
});

/** A Case raised to High (the starter rule opens its incident), and that incident on the PagerDuty emulator. */
async function caseWithIncident(index: number) {
  const { emulators, ctx } = running().app;
  if (!emulators) throw new Error('Demo mode did not start the emulators');
  const { salesforce, pagerduty } = emulators;
  const agent = salesforce.seedInfo().users.find((user) => user.role === 'agent');
  if (!agent) throw new Error('The demo org has no agent');
  const caseId = salesforce
    .seedInfo()
    .caseIds.filter((id) => salesforce.store.find('Case', id)?.Status === 'New' && salesforce.store.find('Case', id)?.Priority !== 'High')[index];
  if (!caseId) throw new Error('The demo org has too few new Cases below High');
  salesforce.store.update('Case', caseId, { Priority: 'High' }, agent.id);
  await expect.poll(async () => (await ctx.links.byCase(caseId))?.incidentId, { timeout: 20_000 }).toBeTruthy();
  const incident = pagerduty.context.store.incidents.get((await ctx.links.byCase(caseId))?.incidentId ?? '');
  if (!incident) throw new Error('The linked incident is not on the PagerDuty emulator');
  return { salesforce, pagerduty, agent, caseId, incident };
}

test('an acknowledgement on PagerDuty shows in the embedded console’s timeline', async ({ browser }) => {
  const { salesforce, pagerduty, agent, caseId, incident } = await caseWithIncident(0);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${salesforce.url}/lightning/r/Case/${caseId}/view`);
  await page.getByLabel('Acting user').selectOption(agent.id);
  const console = page.frameLocator('iframe[title="PagerDuty"]');
  const timeline = console.getByRole('region', { name: `Timeline of #${incident.number}` });
  await expect(timeline.locator('[data-type="trigger_log_entry"]')).toBeVisible();
  await expect(timeline.locator('[data-type="acknowledge_log_entry"]')).toHaveCount(0);

  const acknowledged = await fetch(`${pagerduty.url}/__emulator/act`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as: 'ada@example.com', incident_id: incident.id, action: 'acknowledge' }),
  });
  expect(acknowledged.ok).toBe(true);
  // Newest first: the acknowledgement heads the timeline, and the incident's status follows.
  await expect(timeline.locator('li').first()).toHaveAttribute('data-type', 'acknowledge_log_entry');
  await expect(console.getByRole('list', { name: 'Linked PagerDuty incidents' })).toContainText('acknowledged');
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});

test('the console renews its token through the org’s Canvas SDK when the API answers 401', async ({ browser }) => {
  const { salesforce, agent, caseId, incident } = await caseWithIncident(1);
  const context = await browser.newContext();
  // The first read of the Case answers 401, as after the token expired.
  let refused = false;
  await context.route('**/api/agent/case', async (route) => {
    if (refused) return route.fallback();
    refused = true;
    await route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unauthenticated', message: 'expired' } }) });
  });
  const page = await context.newPage();
  const renewal = page.waitForResponse((response) => response.url().endsWith('/canvas/token') && response.request().method() === 'POST');
  await page.goto(`${salesforce.url}/lightning/r/Case/${caseId}/view`);
  await page.getByLabel('Acting user').selectOption(agent.id);
  expect((await renewal).status()).toBe(200);
  await expect(page.frameLocator('iframe[title="PagerDuty"]').getByRole('list', { name: 'Linked PagerDuty incidents' })).toContainText(incident.title);
  expect(refused).toBe(true);
  await context.close();
});

test('the Status Dashboard opens from the Service Console’s utility bar', async ({ browser }) => {
  const { salesforce, agent, incident } = await caseWithIncident(2);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${salesforce.url}/`);
  await page.getByLabel('Acting user').selectOption(agent.id);
  await page.getByRole('contentinfo', { name: 'Utility bar' }).getByRole('button', { name: 'PagerDuty Status Dashboard' }).click();
  const dashboard = page.frameLocator('iframe[title="PagerDuty Status Dashboard"]');
  await expect(dashboard.getByText(incident.title)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});
