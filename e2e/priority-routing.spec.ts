import { expect, test, type Page } from '@playwright/test';
import { caseToRaise } from './support/demoCases';
import { seedPagerRule } from './support/pagerRule';
import { seriousViolations, startSignedInApp, type SignedInApp } from './support/signedInApp';

/**
 * Priority routing end to end in Chromium: the admin configures OBJECT MAPPINGS → Priority routing
 * (rows edited in place, a Case picklist mapped to priorities), raises a Case's Priority on the
 * Salesforce emulator's console, and sees the incident's escalation policy on the PagerDuty
 * emulator's console; lowering the Priority moves it to the other row's policy.
 */
let running: SignedInApp;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  running = await startSignedInApp(browser, 'priority-routing');
  const { app } = running;
  // The pager rule (as the demo's starter "Page on high-priority Cases"): routing chooses the priority and policy.
  await seedPagerRule(app, { id: 'rs-page-high', name: 'Page on High Cases', ruleId: 'r-page-high', operator: 'equals' });
});

test.afterAll(async () => {
  await running.close();
});

/** Fills the last row of the routing table. */
async function fillLastRow(page: Page, service: string, priority: string, policy: string): Promise<void> {
  const row = page.getByTestId('priority-route-row').last();
  await row.getByTestId('priority-route-serviceId').selectOption({ label: service });
  await row.getByTestId('priority-route-priorityId').selectOption({ label: priority });
  await row.getByTestId('priority-route-escalationPolicyId').selectOption({ label: policy });
}

test('configure priority routing, raise a Case on the Salesforce console, see the routed policy on the PagerDuty console', async () => {
  test.setTimeout(120_000);
  const { app, signedIn } = running;
  const page = await signedIn.newPage();

  await test.step('OBJECT MAPPINGS → Priority routing: two rows and the Case Priority map, saved', async () => {
    await page.goto(`${app.url}/object-mappings`);
    const card = page.getByTestId('priority-routing-card');
    await expect(card.getByTestId('priority-routing-empty')).toBeVisible();
    await card.getByRole('button', { name: 'Add row' }).click();
    await fillLastRow(page, 'Customer Support', 'P1', 'Engineering Escalation');
    await card.getByRole('button', { name: 'Add row' }).click();
    await fillLastRow(page, 'Customer Support', 'P1', 'Support Escalation');

    // The same (service, priority) twice: refused next to the row, before asking the server.
    await card.getByRole('button', { name: 'Save' }).click();
    await expect(card.getByText('Row 1 already routes this service at this priority: change one of them')).toBeVisible();
    await expect(page.getByText('Priority routing not saved')).toBeVisible();
    await card.getByTestId('priority-route-row').last().getByTestId('priority-route-priorityId').selectOption({ label: 'P3' });

    await card.getByLabel('Case field').selectOption('Priority');
    await card.getByTestId('priority-value-High').selectOption({ label: 'P1' });
    await card.getByTestId('priority-value-Medium').selectOption({ label: 'P3' });
    await card.getByTestId('priority-value-Low').selectOption({ label: 'P4' });
    await card.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Priority routing saved')).toBeVisible();
    await expect(page.getByText('2 active rows of 2; 3 Case values mapped to priorities.')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.reload();
    await expect(card.getByTestId('priority-route-row')).toHaveCount(2);
    await expect(card.getByTestId('priority-value-Medium').locator('option:checked')).toHaveText('P3');
  });

  const salesforceUrl = app.emulators!.salesforce.url;
  const { CaseNumber: caseNumber, Subject: subject } = await caseToRaise(salesforceUrl);
  const salesforce = await signedIn.newPage();
  const setPriority = async (priority: string) => {
    await salesforce.getByLabel('Priority').selectOption(priority);
    await salesforce.getByRole('button', { name: 'Save' }).click();
    await expect(salesforce.getByRole('status')).toHaveText('Case saved');
  };

  await test.step("on the Salesforce console, raise the Case's Priority to High", async () => {
    await salesforce.goto(salesforceUrl);
    await salesforce.getByRole('row', { name: caseNumber }).getByText(caseNumber, { exact: true }).click();
    await expect(salesforce.getByRole('heading', { name: `Case ${caseNumber}`, exact: true })).toBeVisible();
    await setPriority('High');
  });

  const pagerduty = await signedIn.newPage();
  const policy = pagerduty.locator('#incident-details dt:text-is("Escalation policy") + dd');
  await test.step('on the PagerDuty console, the incident is P1 on Engineering Escalation (Customer Support pages Support Escalation by default)', async () => {
    await pagerduty.goto(app.emulators!.pagerduty.url);
    const incident = pagerduty.getByRole('link', { name: subject, exact: true });
    await expect(incident).toBeVisible({ timeout: 30_000 });
    await incident.click();
    await expect(policy).toHaveText(/^Engineering Escalation/);
    await expect(pagerduty.locator('#incident-badges')).toContainText('P1');
  });

  await test.step('lower the Case to Medium: the incident goes to P3 and to Support Escalation', async () => {
    await salesforce.bringToFront();
    await setPriority('Medium');
    await pagerduty.bringToFront();
    // The console refreshes the open incident by itself.
    await expect(policy).toHaveText(/^Support Escalation/, { timeout: 30_000 });
    await expect(pagerduty.locator('#incident-badges')).toContainText('P3');
  });

  await test.step('SYNC LOG shows the priority routing job', async () => {
    await page.bringToFront();
    await page.getByRole('tab', { name: 'SYNC LOG' }).click();
    await expect(page.getByText('Priority routing').first()).toBeVisible({ timeout: 30_000 });
  });
});
