import { expect, test } from '@playwright/test';
import type { Ruleset } from '../rules/model';
import { RulesetStore } from '../server/store/rulesets';
import { startSignedInApp, type SignedInApp } from './support/signedInApp';

/**
 * The round trip the README promises, through both emulator consoles in demo mode: edit a Case on
 * the Salesforce console, see its incident on the PagerDuty console, acknowledge it there, and see
 * the Case follow on the Salesforce page that stayed open (no reload).
 */
let harness: SignedInApp;

test.beforeAll(async ({ browser }) => {
  harness = await startSignedInApp(browser, 'console-round-trip');
  const { app } = harness;
  const serviceId = Object.values(app.emulators!.pagerduty.seedInfo().ids.services)[0]!;
  const ruleset: Ruleset = {
    id: 'e2e-round-trip',
    name: 'Round trip',
    enabled: true,
    position: 0,
    rules: [
      {
        id: 'raise',
        name: 'Cases raised to High open an incident',
        runOn: { kind: 'case', on: 'update' },
        conditions: [{ field: 'Case.Priority', operator: 'equals', value: 'High' }],
        filterLogic: { kind: 'all' },
        actions: [{ type: 'create_incident', serviceId }],
        stopProcessing: false,
      },
      {
        id: 'follow',
        name: 'An acknowledged incident puts its Case to Working',
        runOn: { kind: 'incident', events: ['incident.acknowledged'] },
        conditions: [],
        filterLogic: { kind: 'all' },
        actions: [
          { type: 'set_case_fields', values: { Status: 'Working' } },
          { type: 'add_case_comment', body: 'Acknowledged in PagerDuty.' },
        ],
        stopProcessing: false,
      },
    ],
  };
  await new RulesetStore(app.ctx.db).save(ruleset);
});

test.afterAll(async () => {
  await harness.close();
});

test('a Case edited on the Salesforce console follows its incident acknowledged on the PagerDuty console', async ({ browser }) => {
  test.setTimeout(120_000);
  const { salesforce, pagerduty } = harness.app.emulators!;
  const caseId = salesforce.seedInfo().caseIds.find((id) => {
    const record = salesforce.store.find('Case', id)!;
    return record.Status === 'New' && record.Priority !== 'High';
  })!;
  const record = salesforce.store.find('Case', caseId)!;
  const caseNumber = String(record.CaseNumber);
  const subject = String(record.Subject);

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const sf = await context.newPage();
    await sf.goto(salesforce.url);
    await sf.getByRole('link', { name: caseNumber, exact: true }).click();
    await expect(sf.getByRole('heading', { name: `Case ${caseNumber}`, exact: true })).toBeVisible();
    await sf.getByLabel('Priority').selectOption('High');
    await sf.getByRole('button', { name: 'Save' }).click();
    await expect(sf.getByRole('status')).toHaveText('Case saved');

    const pd = await context.newPage();
    await pd.goto(pagerduty.url);
    await pd.getByLabel('Act as').selectOption('grace@example.com');
    const incidentLink = pd.getByRole('link', { name: subject, exact: true });
    await expect(incidentLink).toBeVisible({ timeout: 45_000 });
    await incidentLink.click();
    await pd.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expect(pd.locator('#incident-badges').getByTestId('status')).toHaveText('acknowledged');

    await sf.bringToFront();
    await expect(sf.getByLabel('Status')).toHaveValue('Working', { timeout: 45_000 });
    await expect(sf.getByRole('list', { name: 'Case Comments' })).toContainText('Acknowledged in PagerDuty.');
    await expect(sf.getByRole('row', { name: new RegExp(caseNumber) })).toContainText('Working');
  } finally {
    await context.close();
  }
});
