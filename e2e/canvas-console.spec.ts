import { expect, test } from '@playwright/test';
import { agentActions } from '../contracts/agent';
import { seriousViolations, startSignedInApp, type SignedInApp } from './support/signedInApp';

/**
 * The Command Console inside the Salesforce emulator's Service Console, as `npm start` shows it:
 * the Case page embeds the Canvas app in an iframe through a real signed-request POST for the
 * acting agent, and the console lists the Case's linked incident (opened by the starter rule) with
 * its escalation policy and level, which follows an escalation made in PagerDuty.
 * A tampered signed request gets the "not signed by your Salesforce org" page.
 */
let started: SignedInApp | undefined;
function running(): SignedInApp {
  if (!started) throw new Error('The app did not start (see beforeAll)');
  return started;
}

test.beforeAll(async ({ browser }) => {
  started = await startSignedInApp(browser, 'canvas', { starterRulesets: true });
});

test.afterAll(async () => {
  await started?.close();
});

function demo() {
  const { emulators, ctx } = running().app;
  if (!emulators) throw new Error('Demo mode did not start the emulators');
  const agent = emulators.salesforce.seedInfo().users.find((user) => user.role === 'agent');
  if (!agent) throw new Error('The demo org has no agent');
  const newCases = emulators.salesforce
    .seedInfo()
    .caseIds.filter((id) => emulators.salesforce.store.find('Case', id)?.Status === 'New' && emulators.salesforce.store.find('Case', id)?.Priority !== 'High');
  return { ...emulators, ctx, agent, newCases };
}

test('an agent sees the Case’s linked incident in the console embedded on the Case page', async ({ browser }) => {
  const { salesforce, pagerduty, ctx, agent, newCases } = demo();
  const [caseId] = newCases;
  if (!caseId) throw new Error('The demo org has no new Case below High');
  salesforce.store.update('Case', caseId, { Priority: 'High' }, agent.id);
  await expect.poll(async () => (await ctx.links.byCase(caseId))?.incidentId, { timeout: 20_000 }).toBeTruthy();
  const link = await ctx.links.byCase(caseId);
  const incident = pagerduty.context.store.incidents.get(link?.incidentId ?? '');
  if (!incident) throw new Error('The linked incident is not on the PagerDuty emulator');

  // A context of its own: the agent has no session of the admin app, only the Canvas request.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${salesforce.url}/lightning/r/Case/${caseId}/view`);
  await page.getByLabel('Acting user').selectOption(agent.id);
  const console = page.frameLocator('iframe[title="PagerDuty"]');
  const incidents = console.getByRole('list', { name: 'Linked PagerDuty incidents' });
  await expect(incidents).toContainText(incident.title);
  await expect(incidents).toContainText(`#${incident.number}`);
  await expect(incidents).toContainText('Customer Support');
  // The level is told from the policy's on-calls: a new incident sits on level 1 (Alan)…
  await expect(incidents).toContainText('Support Escalation · Level 1');
  await expect(incidents.getByRole('link', { name: new RegExp(incident.title) })).toHaveAttribute('href', new RegExp(`^${pagerduty.url}/.*${incident.id}`));
  expect(await seriousViolations(page)).toEqual([]);

  // …and a responder escalating it in PagerDuty moves the console to level 2 (the incident.escalated webhook refreshes it).
  const escalated = await fetch(`${pagerduty.url}/__emulator/act`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as: 'alan@example.com', incident_id: incident.id, action: 'escalate', level: 2 }),
  });
  expect(escalated.status).toBe(200);
  await expect(incidents).toContainText('Support Escalation · Level 2');
  await expect(incidents).toContainText('Katherine Johnson');

  // Another Case, no incident: the console says so.
  const other = newCases[1];
  if (!other) throw new Error('The demo org has only one new Case');
  await page.goto(`${salesforce.url}/lightning/r/Case/${other}/view`);
  await expect(page.frameLocator('iframe[title="PagerDuty"]').getByText('No PagerDuty incident is linked to this Case.')).toBeVisible();
  await context.close();
});

test('a tampered signed request shows the "not signed by your Salesforce org" page', async ({ browser }) => {
  const { salesforce, agent, newCases } = demo();
  const caseId = newCases[2] ?? newCases[0];
  if (!caseId) throw new Error('The demo org has no new Case');
  const response = await fetch(`${salesforce.url}/__emulator/console/cases/${caseId}/canvas`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: agent.id }),
  });
  const { apps } = (await response.json()) as { apps: { canvasUrl: string; signedRequest: string }[] };
  const [app] = apps;
  if (!app) throw new Error('The demo registered no Canvas app');
  const [signature, envelope] = app.signedRequest.split('.');
  const request = JSON.parse(Buffer.from(envelope ?? '', 'base64').toString('utf8')) as { context: { user: { profileId: string } } };
  request.context.user.profileId = '00eDn0000000001AAA';
  const tampered = `${signature}.${Buffer.from(JSON.stringify(request)).toString('base64')}`;

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setContent(
    `<form method="post" action="${app.canvasUrl}"><input type="hidden" name="signed_request" value="${tampered}"><button>Open</button></form>`,
  );
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('heading', { name: 'This request was not signed by your Salesforce org' })).toBeVisible();
  await expect(page.locator('meta[name="pdsc-agent-token"]')).toHaveCount(0);
  await context.close();
});

test('the admin chooses on CONNECTIONS which Salesforce org and profiles may use the console', async ({ browser }) => {
  const { salesforce, agent, newCases } = demo();
  const caseId = newCases[3] ?? newCases[0];
  if (!caseId) throw new Error('The demo org has no new Case');
  const admin = await running().signedIn.newPage();
  await admin.goto(`${running().app.url}/connections`);
  const card = admin.getByTestId('canvas-app-card');
  await expect(card.getByText('Secret saved')).toBeVisible();
  // The emulator's org, listed as an admin copies it from Setup → Company Information.
  await card.getByLabel('Allowed Salesforce org ids').fill(salesforce.seedInfo().org.id);
  const profiles = card.getByLabel('Salesforce profiles that may use the console');
  await profiles.fill('00eDn0000000001AAA');
  // SLDS hides the native box behind its faux one: the label is what a person clicks. The demo allows every action at first.
  await card.getByText('Resolve with a note').click();
  await expect(card.getByLabel('Resolve with a note')).not.toBeChecked();
  await card.getByTestId('canvas-save').click();
  await expect(admin.getByTestId('toast').filter({ hasText: 'Canvas app settings saved' })).toBeVisible();
  expect(await seriousViolations(admin)).toEqual([]);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${salesforce.url}/lightning/r/Case/${caseId}/view`);
  await page.getByLabel('Acting user').selectOption(agent.id);
  await expect(page.frameLocator('iframe[title="PagerDuty"]').getByRole('heading', { name: 'You may not use the PagerDuty console' })).toBeVisible();

  await profiles.fill('');
  await card.getByTestId('canvas-save').click();
  await expect(admin.getByTestId('toast').filter({ hasText: 'Canvas app settings saved' }).last()).toBeVisible();
  await expect.poll(async () => (await running().app.ctx.connections.canvas()).allowedProfileIds).toEqual([]);
  await page.reload();
  await page.getByLabel('Acting user').selectOption(agent.id);
  await expect(page.frameLocator('iframe[title="PagerDuty"]').getByRole('heading', { name: /PagerDuty incidents for Case/ })).toBeVisible();
  expect(await running().app.ctx.connections.canvas()).toMatchObject({
    agentActions: agentActions.filter((action) => action !== 'resolve'),
    allowedOrgIds: [salesforce.seedInfo().org.id],
  });
  await context.close();
  await admin.close();
});
