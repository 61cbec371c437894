import { expect, test, type Locator } from '@playwright/test';
import { caseToRaise } from './support/demoCases';
import { seedPagerRule } from './support/pagerRule';
import { seriousViolations, startSignedInApp, type SignedInApp } from './support/signedInApp';

/**
 * Issue 16's round trip, as an admin and a support agent do it, in real Chromium against the app
 * in demo mode: the admin routes P1 incidents on Customer Support to Engineering Escalation
 * (OBJECT MAPPINGS), and on an enabled ruleset authors a rule that, when a Case is raised to High,
 * adds Ada Lovelace as a responder and publishes a status update (RULESETS). On the Salesforce
 * emulator's console a Case is raised to High; on the PagerDuty emulator's console its incident is
 * P1 on Engineering Escalation, Ada is asked to respond with the rule's message, and the status
 * update is there; SYNC LOG names each step.
 */
let running: SignedInApp;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  running = await startSignedInApp(browser, 'incident-depth');
  const { app } = running;
  // The pager rule, paging when a Case is raised to High (changed_to).
  await seedPagerRule(app, { id: 'rs-major', name: 'Major Cases', ruleId: 'r-page', operator: 'changed_to' });
});

test.afterAll(async () => {
  await running.close();
});

async function selectInRow(row: Locator, testId: string, label: string): Promise<void> {
  await row.getByTestId(testId).selectOption({ label });
}

test('route by priority, add a responder and a status update from a rule; a Case raised on the Salesforce console shows all three on the PagerDuty console and in SYNC LOG', async () => {
  test.setTimeout(150_000);
  const { app, signedIn } = running;
  const admin = await signedIn.newPage();

  await test.step('OBJECT MAPPINGS → Priority routing: Customer Support at P1 goes to Engineering Escalation; Case Priority High is P1', async () => {
    await admin.goto(`${app.url}/object-mappings`);
    const card = admin.getByTestId('priority-routing-card');
    await card.getByRole('button', { name: 'Add row' }).click();
    const row = card.getByTestId('priority-route-row').last();
    await selectInRow(row, 'priority-route-serviceId', 'Customer Support');
    await selectInRow(row, 'priority-route-priorityId', 'P1');
    await selectInRow(row, 'priority-route-escalationPolicyId', 'Engineering Escalation');
    await card.getByLabel('Case field').selectOption('Priority');
    await card.getByTestId('priority-value-High').selectOption({ label: 'P1' });
    await card.getByRole('button', { name: 'Save' }).click();
    await expect(admin.getByText('Priority routing saved')).toBeVisible();
  });

  await test.step('RULESETS: a rule adds Ada Lovelace as a responder and publishes a status update when a Case is raised to High', async () => {
    await admin.getByRole('tab', { name: 'RULESETS' }).click();
    await admin.getByTestId('ruleset-row').filter({ hasText: 'Major Cases' }).getByTestId('ruleset-open').click();
    await admin.getByTestId('new-rule-name').fill('Bring in help');
    await admin.getByTestId('add-rule').click();
    await expect(admin.getByTestId('rule-editor')).toBeVisible();
    await admin.getByTestId('add-condition').click();
    await admin.getByTestId('condition-0-field').selectOption('Case.Priority');
    await admin.getByTestId('condition-0-operator').selectOption('changed_to');
    await admin.getByTestId('condition-0-value').selectOption('High');
    await admin.getByTestId('add-action').click();
    await admin.getByTestId('action-0-type').selectOption('add_responders');
    await admin.getByTestId('action-0-responders-user').selectOption({ label: 'Ada Lovelace' });
    await admin.getByTestId('action-0-message').fill('Case {{Case.CaseNumber}} is High: please join');
    await admin.getByTestId('add-action').click();
    await admin.getByTestId('action-1-type').selectOption('publish_status_update');
    await admin.getByTestId('action-1-message').fill('We are investigating: {{Case.Subject}}');
    await admin.getByTestId('rule-save').click();
    await expect(admin.getByTestId('toast').filter({ hasText: 'Rule "Bring in help" saved' })).toBeVisible();
    expect(await seriousViolations(admin)).toEqual([]);
  });

  const raised = await caseToRaise(app.emulators!.salesforce.url);

  await test.step("on the Salesforce console, raise the Case's Priority to High and Save", async () => {
    const salesforce = await signedIn.newPage();
    await salesforce.goto(app.emulators!.salesforce.url);
    await salesforce.getByRole('row', { name: raised.CaseNumber }).getByText(raised.CaseNumber, { exact: true }).click();
    await salesforce.getByLabel('Priority').selectOption('High');
    await salesforce.getByRole('button', { name: 'Save' }).click();
    await expect(salesforce.getByRole('status')).toHaveText('Case saved');
  });

  await test.step('on the PagerDuty console: P1 on Engineering Escalation, Ada asked with the message, the status update published', async () => {
    const pagerduty = await signedIn.newPage();
    await pagerduty.goto(app.emulators!.pagerduty.url);
    const incident = pagerduty.getByRole('link', { name: raised.Subject, exact: true });
    await expect(incident).toBeVisible({ timeout: 30_000 });
    await incident.click();
    // The console refreshes the open incident by itself while the engine's jobs run.
    await expect(pagerduty.locator('#incident-details dt:text-is("Escalation policy") + dd')).toHaveText(/^Engineering Escalation/, { timeout: 30_000 });
    await expect(pagerduty.locator('#incident-badges')).toContainText('P1');
    const responders = pagerduty.getByRole('list', { name: 'Responders' });
    await expect(responders).toContainText('Ada Lovelace', { timeout: 30_000 });
    await expect(responders).toContainText(`Case ${raised.CaseNumber} is High: please join`);
    await expect(pagerduty.getByRole('list', { name: 'Status updates' })).toContainText(`We are investigating: ${raised.Subject}`, { timeout: 30_000 });
  });

  await test.step('SYNC LOG names each step of the Case', async () => {
    await admin.getByRole('tab', { name: 'SYNC LOG' }).click();
    await admin.getByRole('searchbox').fill(raised.CaseNumber);
    const log = admin.getByRole('table');
    for (const step of ['Create incident', 'Add responders', 'Publish status update']) {
      await expect(log.getByText(step).first()).toBeVisible({ timeout: 30_000 });
    }
  });
});
