import { expect, test, type Page } from '@playwright/test';
import { seriousViolations, startSignedInApp, type SignedInApp } from './support/signedInApp';

/**
 * The agents' side end to end, as issue 17 names it "done": an agent opens a Case in the Salesforce
 * emulator's Service Console; the console arrives inside the iframe through a real signed-request
 * POST; the agent creates an incident there and it is on the PagerDuty emulator; a second
 * customer's Case is linked to the same incident from its own console; an acknowledgement on
 * PagerDuty shows in the console's timeline (live, no reload); a status update posted from the
 * console reaches every linked Case as a comment; and the Status Dashboard, opened from the
 * Service Console's utility bar, lists the incident with that update.
 */
let started: SignedInApp | undefined;
function running(): SignedInApp {
  if (!started) throw new Error('The app did not start (see beforeAll)');
  return started;
}

test.beforeAll(async ({ browser }) => {
  started = await startSignedInApp(browser, 'agent-journey');
});

test.afterAll(async () => {
  await started?.close();
});

function demo() {
  const { emulators, ctx } = running().app;
  if (!emulators) throw new Error('Demo mode did not start the emulators');
  const { salesforce } = emulators;
  const agent = salesforce.seedInfo().users.find((user) => user.role === 'agent');
  // Two Cases no starter rule pages for: only the agents link them.
  const [first, second] = salesforce.seedInfo().caseIds.filter((id) => salesforce.store.find('Case', id)?.Priority !== 'High');
  if (!agent || !first || !second) throw new Error('The demo org has no agent or too few Cases');
  return { ...emulators, ctx, agent, cases: [first, second] as const };
}

/** The Case's record page in the Service Console, as the agent; answers the embedded console. */
async function openCase(page: Page, caseId: string) {
  const { salesforce, agent } = demo();
  await page.goto(`${salesforce.url}/lightning/r/Case/${caseId}/view`);
  await page.getByLabel('Acting user').selectOption(agent.id);
  return page.frameLocator('iframe[title="PagerDuty"]');
}

test('an agent creates an incident, a second Case joins it, PagerDuty’s acknowledgement shows live, and a status update reaches every Case and the dashboard', async ({
  browser,
}) => {
  const { salesforce, pagerduty, ctx, cases } = demo();
  const [firstCase, secondCase] = cases;
  const context = await browser.newContext();
  const page = await context.newPage();

  // 1. The console inside the Case page; create the incident from the prefilled form.
  const console = await openCase(page, firstCase);
  await expect(console.getByText('No PagerDuty incident is linked to this Case.')).toBeVisible();
  await console.getByRole('button', { name: 'Create incident' }).click();
  await console.getByRole('form', { name: 'Create a PagerDuty incident' }).getByRole('button', { name: 'Create incident' }).click();
  await expect(console.getByRole('status').filter({ hasText: /Created incident #\d+ and linked it to this Case/ })).toBeVisible();
  const incidentId = (await ctx.links.byCase(firstCase))?.incidentId ?? '';
  const incident = pagerduty.context.store.incidents.get(incidentId);
  if (!incident) throw new Error('The incident created from the console is not on the PagerDuty emulator');
  expect(incident.incidentKey).toBe(firstCase);

  // 2. A second customer's Case links to the same incident from its own console (search by number).
  const secondPage = await context.newPage();
  const secondConsole = await openCase(secondPage, secondCase);
  await secondConsole.getByRole('button', { name: 'Link to an incident' }).click();
  await secondConsole.getByLabel('Incident number or title').fill(`#${incident.number}`);
  await secondConsole.getByRole('button', { name: 'Search' }).click();
  await secondConsole.getByRole('button', { name: `Link incident #${incident.number}` }).click();
  await expect(secondConsole.getByRole('status').filter({ hasText: `Linked this Case to incident #${incident.number}.` })).toBeVisible();
  await expect(secondConsole.getByTestId('other-linked-cases')).toHaveText('Linked to 1 other Case');
  await secondPage.close();

  // 3. PagerDuty acknowledges: the first console's timeline shows it through the Case's event stream.
  const timeline = console.getByRole('region', { name: `Timeline of #${incident.number}` });
  await expect(timeline.locator('[data-type="trigger_log_entry"]')).toBeVisible();
  const acknowledged = await fetch(`${pagerduty.url}/__emulator/act`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as: 'ada@example.com', incident_id: incident.id, action: 'acknowledge' }),
  });
  expect(acknowledged.ok).toBe(true);
  await expect(timeline.locator('li').first()).toHaveAttribute('data-type', 'acknowledge_log_entry');

  // 4. A status update from the console: a comment on both linked Cases (internal, the default mapping).
  const update = 'Checkout is failing for some customers; a fix is rolling out, next update in 30 minutes.';
  await console.getByLabel(`Action on incident #${incident.number}`).selectOption({ label: 'Post a status update' });
  const updateForm = console.getByRole('form', { name: `Post a status update on incident #${incident.number}` });
  await updateForm.getByLabel('Status update (customers may read it)').fill(update);
  await updateForm.getByRole('button', { name: 'Post a status update' }).click();
  await expect(console.getByRole('status').filter({ hasText: `Posted the status update on incident #${incident.number}.` })).toBeVisible();
  const commentsWith = (caseId: string) =>
    [...salesforce.store.records('CaseComment')].filter((comment) => comment.ParentId === caseId && String(comment.CommentBody).includes(update));
  await expect.poll(() => cases.map((caseId) => commentsWith(caseId).map((comment) => comment.IsPublished))).toEqual([[false], [false]]);
  await expect(timeline.locator('[data-kind="status_update"]').first()).toContainText(update);
  expect(await seriousViolations(page)).toEqual([]);

  // 5. The Status Dashboard from the utility bar lists the incident with that update and both Cases.
  await page.getByRole('contentinfo', { name: 'Utility bar' }).getByRole('button', { name: 'PagerDuty Status Dashboard' }).click();
  const dashboard = page.frameLocator('iframe[title="PagerDuty Status Dashboard"]');
  const row = dashboard.locator(`[data-testid="status-dashboard-incident"][data-incident-id="${incident.id}"]`);
  await expect(row.getByTestId('status-dashboard-update')).toContainText(update);
  await expect(row.getByTestId('status-dashboard-cases')).toContainText('2');
  await context.close();
});
