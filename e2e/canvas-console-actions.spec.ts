import { expect, test } from '@playwright/test';
import { seriousViolations, startSignedInApp, type SignedInApp } from './support/signedInApp';

/**
 * The Command Console's actions inside the Salesforce emulator's Service Console: the agent opens
 * a Case (the console arrives in the iframe through a real signed-request POST), creates an
 * incident from the prefilled form, then adds a note from the incident's action menu; both land
 * on the PagerDuty emulator, written by the integration user on behalf of the agent.
 */
let started: SignedInApp | undefined;
function running(): SignedInApp {
  if (!started) throw new Error('The app did not start (see beforeAll)');
  return started;
}

test.beforeAll(async ({ browser }) => {
  started = await startSignedInApp(browser, 'canvas-actions');
});

test.afterAll(async () => {
  await started?.close();
});

test('an agent creates an incident for the Case from the console, then adds a note to it', async ({ browser }) => {
  const { emulators, ctx } = running().app;
  if (!emulators) throw new Error('Demo mode did not start the emulators');
  const { salesforce, pagerduty } = emulators;
  const agent = salesforce.seedInfo().users.find((user) => user.role === 'agent');
  const caseId = salesforce.seedInfo().caseIds[5];
  if (!agent || !caseId) throw new Error('The demo org has no agent or too few Cases');
  const subject = String(salesforce.store.find('Case', caseId)?.Subject);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${salesforce.url}/lightning/r/Case/${caseId}/view`);
  await page.getByLabel('Acting user').selectOption(agent.id);
  const console = page.frameLocator('iframe[title="PagerDuty"]');
  await expect(console.getByText('No PagerDuty incident is linked to this Case.')).toBeVisible();

  await console.getByRole('button', { name: 'Create incident' }).click();
  const form = console.getByRole('form', { name: 'Create a PagerDuty incident' });
  // The opened form takes the focus: a keyboard user lands in its first field.
  await expect(form.getByLabel('Service')).toBeFocused();
  // Prefilled from OBJECT MAPPINGS: the title is the Case's Subject.
  await expect(form.getByLabel('Title')).toHaveValue(subject);
  await form.getByLabel('Urgency').selectOption('low');
  expect(await seriousViolations(page)).toEqual([]);
  await form.getByRole('button', { name: 'Create incident' }).click();
  await expect(console.getByRole('status').filter({ hasText: /Created incident #\d+ and linked it to this Case/ })).toBeVisible();
  const incidents = console.getByRole('list', { name: 'Linked PagerDuty incidents' });
  await expect(incidents).toContainText(subject);

  const link = await ctx.links.byCase(caseId);
  const incident = pagerduty.context.store.incidents.get(link?.incidentId ?? '');
  expect(incident).toMatchObject({ title: subject, urgency: 'low', incidentKey: caseId });
  expect(incident?.details).toContain(`on behalf of ${agent.name}`);

  // The incident's action menu: keyboard-usable native select, then the note's form.
  await console.getByLabel(`Action on incident #${incident?.number}`).selectOption({ label: 'Add a note' });
  const noteForm = console.getByRole('form', { name: `Add a note on incident #${incident?.number}` });
  await noteForm.getByLabel('Note').fill('Customer reports checkout errors since 10:40');
  await noteForm.getByLabel('Note').press('Tab');
  await page.keyboard.press('Enter');
  await expect(console.getByRole('status').filter({ hasText: `Added your note to incident #${incident?.number}.` })).toBeVisible();
  await expect
    .poll(() => pagerduty.context.store.notes.filter((note) => note.incidentId === incident?.id).map((note) => note.content))
    .toEqual([`Customer reports checkout errors since 10:40\n\n— on behalf of ${agent.name} (Salesforce)`]);
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});
