import { expect, test, type Browser, type BrowserContext, type Locator } from '@playwright/test';
import { loadServerModule, seriousViolations, startSignedInApp, type SignedInApp } from './support/signedInApp';
import type { Ruleset } from '../rules';
import type { RunningApp } from '../server/start';
import type * as RulesetsModule from '../server/store/rulesets';

/**
 * OBJECT MAPPINGS and RULESETS in real Chromium against the app in demo mode (the Case describe
 * and the PagerDuty lists are the emulators' live answers): set the object mapping, author a
 * ruleset with one Case rule and one PagerDuty rule (conditions, filter logic, actions), reload,
 * and find everything as saved; a new ruleset is disabled; axe finds no serious violations.
 */
test.describe.configure({ mode: 'serial' });

/** Undefined when beforeAll failed before the app started. */
let harness: SignedInApp | undefined;
let app: RunningApp;
let signedIn: BrowserContext;

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  harness = await startSignedInApp(browser, 'authoring');
  ({ app, signedIn } = harness);
});

test.afterAll(async () => {
  await harness?.close();
});

/** SLDS hides the real checkbox/radio behind its styled label, so people (and this) click the label. */
async function setBox(box: Locator, on: boolean): Promise<void> {
  if ((await box.isChecked()) === on) return;
  const id = await box.getAttribute('id');
  await (id ? box.page().locator(`label[for="${id}"]`) : box.locator('xpath=ancestor::label')).click();
  await expect(box).toBeChecked({ checked: on });
}

async function storedRulesets(): Promise<Ruleset[]> {
  const { RulesetStore } = await loadServerModule<typeof RulesetsModule>('server/store/rulesets.ts');
  return new RulesetStore(app.ctx.db).list();
}

test('OBJECT MAPPINGS: inline validation, save, and the same values after a reload', async () => {
  const page = await signedIn.newPage();
  await page.goto(`${app.url}/object-mappings`);
  await expect(page.getByRole('tab', { name: 'OBJECT MAPPINGS' })).toHaveAttribute('aria-selected', 'true');
  const title = page.locator('#om-title-field');
  await expect(title).toHaveValue('Subject');
  await expect(page.getByTestId('integration-user-name')).toHaveText('Salesforce Integration');
  await expect(page.locator('#om-business-object')).toHaveValue('Case');

  await page.locator('#om-description-field').selectOption('Comments');
  await setBox(page.getByLabel('Sync Salesforce Comments to PagerDuty Notes'), true);
  await expect(page.getByTestId('sync-comments-warning')).toContainText('Salesforce API calls');
  await expect(page.getByLabel('Status Updates to Cases')).toHaveValue('internal_comment');
  await page.getByLabel('Status Updates to Cases').selectOption({ label: 'Public comment (the customer sees it)' });
  await setBox(page.getByLabel('Write incident number / URL to Case field'), true);
  await page.locator('#om-incident-number-field').selectOption('SuppliedCompany');
  await page.locator('#om-integration-email').fill('nobody@example.com');
  await page.getByTestId('object-mapping-save').click();
  await expect(page.getByTestId('om-integration-email-error')).toContainText('No PagerDuty user has the email nobody@example.com');
  await expect(page.locator('#om-integration-email')).toBeFocused();

  await page.locator('#om-integration-email').fill('ada@example.com');
  await page.getByTestId('object-mapping-save').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Object mapping saved' })).toBeVisible();
  await expect(page.getByTestId('integration-user-name')).toHaveText('Ada Lovelace');

  await page.reload();
  await expect(page.locator('#om-description-field')).toHaveValue('Comments');
  await expect(page.getByLabel('Sync Salesforce Comments to PagerDuty Notes')).toBeChecked();
  await expect(page.getByLabel('Status Updates to Cases')).toHaveValue('public_comment');
  await expect(page.locator('#om-incident-number-field')).toHaveValue('SuppliedCompany');
  await expect(page.locator('#om-integration-email')).toHaveValue('ada@example.com');
  await expect(page.getByTestId('integration-user-name')).toHaveText('Ada Lovelace');
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
});

test('RULESETS: a new ruleset is disabled; two rules (one per "run on") survive a reload exactly', async () => {
  const page = await signedIn.newPage();
  await page.goto(`${app.url}/rulesets`);
  await expect(page.getByTestId('rulesets-empty')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByTestId('new-ruleset-name').fill('Support escalations');
  await page.getByTestId('add-ruleset').click();
  const row = page.getByTestId('ruleset-row').filter({ hasText: 'Support escalations' });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('ruleset-enabled')).not.toBeChecked();
  await row.getByTestId('ruleset-open').click();
  await expect(page.getByTestId('ruleset-detail').getByTestId('ruleset-enabled')).not.toBeChecked();

  // Rule 1: Case create or update → create an incident.
  await page.getByTestId('new-rule-name').fill('Page on high priority');
  await page.getByTestId('add-rule').click();
  const editor = page.getByTestId('rule-editor');
  await expect(editor).toBeVisible();
  await expect(page.getByTestId('run-on-case')).toBeChecked();
  await page.locator('#run-on-case-change').selectOption('create');
  await page.getByTestId('add-condition').click();
  await page.getByTestId('condition-0-field').selectOption('Case.Priority');
  await page.getByTestId('condition-0-operator').selectOption('equals');
  await page.getByTestId('condition-0-value').selectOption('High');
  await page.getByTestId('add-condition').click();
  await page.getByTestId('condition-1-field').selectOption('Case.Subject');
  await page.getByTestId('condition-1-operator').selectOption('contains');
  await page.getByTestId('condition-1-value').fill('outage');
  await page.getByTestId('condition-1-value').blur();
  await setBox(page.getByTestId('logic-custom'), true);
  await page.getByTestId('logic-expression').fill('1 OR (2');
  await expect(page.getByTestId('logic-expression-help')).toContainText('column');
  await page.getByTestId('logic-expression').fill('1 OR 2');
  await expect(page.getByTestId('logic-expression-help')).not.toContainText('column');
  await page.getByTestId('add-action').click();
  await page.getByTestId('action-0-type').selectOption('create_incident');
  await page.getByTestId('action-0-serviceId').selectOption({ label: 'Customer Support' });
  await page.getByTestId('action-0-urgency').selectOption('high');
  await page.getByTestId('action-0-priorityId').selectOption({ label: 'P1' });
  await page.getByTestId('action-0-title').fill('Case {{Case.CaseNumber}}: {{Case.Subject}}');
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Rule "Page on high priority" saved' })).toBeVisible();
  await expect(page.getByTestId('rule-unsaved')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // A bad template comes back from the server as an inline error on its input; nothing stored.
  await page.getByTestId('action-0-title').fill('{{Case.Nope}}');
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('rule-errors')).toContainText('Action 1 › Title override: Unknown field Case.Nope');
  await expect(editor.locator('#action-0-title-error')).toBeVisible();
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByTestId('action-0-title')).toHaveValue('Case {{Case.CaseNumber}}: {{Case.Subject}}');

  // Rule 2: PagerDuty incident create or update → set Case fields and comment.
  await page.getByTestId('crumb-ruleset').click();
  await page.getByTestId('new-rule-name').fill('Close the Case when resolved');
  await page.getByTestId('add-rule').click();
  await expect(page.getByTestId('rule-name')).toHaveValue('Close the Case when resolved');
  await setBox(page.getByTestId('run-on-incident'), true);
  await setBox(page.getByTestId('event-incident-triggered'), false);
  await setBox(page.getByTestId('event-incident-resolved'), true);
  await page.getByTestId('add-condition').click();
  await page.getByTestId('condition-0-field').selectOption('incident.status');
  await page.getByTestId('condition-0-operator').selectOption('equals');
  await page.getByTestId('condition-0-value').selectOption('resolved');
  await page.getByTestId('add-condition').click();
  await page.getByTestId('condition-1-field').selectOption('incident.service_name');
  await page.getByTestId('condition-1-operator').selectOption('in');
  await page.getByTestId('condition-1-value').selectOption(['Customer Support', 'Checkout API']);
  await setBox(page.getByTestId('logic-all'), true);
  await page.getByTestId('add-action').click();
  await page.getByTestId('action-0-type').selectOption('set_case_fields');
  await page.getByTestId('action-0-field-0').selectOption('Status');
  await page.getByTestId('action-0-value-0').selectOption('Closed');
  await page.getByTestId('add-action').click();
  await page.getByTestId('action-1-type').selectOption('add_case_comment');
  await page.getByTestId('action-1-body').fill('Resolved in PagerDuty: {{incident.html_url}}');
  await setBox(page.getByTestId('rule-stop'), true);
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Rule "Close the Case when resolved" saved' })).toBeVisible();

  // Test this rule on the built-in sample event.
  await page.getByTestId('rule-test-event').selectOption('incident.resolved');
  await page.getByTestId('rule-test-run').click();
  await expect(page.getByTestId('rule-test-outcome')).toHaveText('Not matched');
  await expect(page.getByTestId('trace-row')).toHaveCount(2);
  await expect(page.getByTestId('trace-row').first()).toContainText('"resolved"');

  const [saved] = await storedRulesets();
  expect(saved).toMatchObject({ name: 'Support escalations', enabled: false });
  expect(saved!.rules).toEqual([
    {
      id: expect.any(String),
      name: 'Page on high priority',
      runOn: { kind: 'case', on: 'create' },
      conditions: [
        { field: 'Case.Priority', operator: 'equals', value: 'High' },
        { field: 'Case.Subject', operator: 'contains', value: 'outage' },
      ],
      filterLogic: { kind: 'custom', expression: '1 OR 2' },
      actions: [
        {
          type: 'create_incident',
          serviceId: app.emulators!.pagerduty.seedInfo().ids.services['Customer Support'],
          urgency: 'high',
          priorityId: app.emulators!.pagerduty.seedInfo().ids.priorities.P1,
          title: 'Case {{Case.CaseNumber}}: {{Case.Subject}}',
        },
      ],
      stopProcessing: false,
    },
    {
      id: expect.any(String),
      name: 'Close the Case when resolved',
      runOn: { kind: 'incident', events: ['incident.resolved'] },
      conditions: [
        { field: 'incident.status', operator: 'equals', value: 'resolved' },
        { field: 'incident.service_name', operator: 'in', value: ['Checkout API', 'Customer Support'] },
      ],
      filterLogic: { kind: 'all' },
      actions: [
        { type: 'set_case_fields', values: { Status: 'Closed' } },
        { type: 'add_case_comment', body: 'Resolved in PagerDuty: {{incident.html_url}}' },
      ],
      stopProcessing: true,
    },
  ]);

  // Reload on the second rule's editor (its place is in the URL), then walk back to the first.
  await page.reload();
  await expect(page.getByTestId('rule-name')).toHaveValue('Close the Case when resolved');
  await expect(page.getByTestId('run-on-incident')).toBeChecked();
  await expect(page.getByTestId('event-incident-resolved')).toBeChecked();
  await expect(page.getByTestId('event-incident-triggered')).not.toBeChecked();
  await expect(page.getByTestId('condition-0-field')).toHaveValue('incident.status');
  await expect(page.getByTestId('condition-0-value')).toHaveValue('resolved');
  await expect(page.getByTestId('condition-1-operator')).toHaveValue('in');
  expect(await page.getByTestId('condition-1-value').evaluate((select: HTMLSelectElement) => [...select.selectedOptions].map((o) => o.value))).toEqual([
    'Checkout API',
    'Customer Support',
  ]);
  await expect(page.getByTestId('logic-all')).toBeChecked();
  await expect(page.getByTestId('action-0-field-0')).toHaveValue('Status');
  await expect(page.getByTestId('action-0-value-0')).toHaveValue('Closed');
  await expect(page.getByTestId('action-1-body')).toHaveValue('Resolved in PagerDuty: {{incident.html_url}}');
  await expect(page.getByTestId('rule-stop')).toBeChecked();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByTestId('crumb-ruleset').click();
  await expect(page.getByTestId('rule-row')).toHaveCount(2);
  await page.getByTestId('rule-open').first().click();
  await expect(page.getByTestId('rule-name')).toHaveValue('Page on high priority');
  await expect(page.locator('#run-on-case-change')).toHaveValue('create');
  await expect(page.getByTestId('condition-0-field')).toHaveValue('Case.Priority');
  await expect(page.getByTestId('condition-0-value')).toHaveValue('High');
  await expect(page.getByTestId('condition-1-value')).toHaveValue('outage');
  await expect(page.getByTestId('logic-custom')).toBeChecked();
  await expect(page.getByTestId('logic-expression')).toHaveValue('1 OR 2');
  await expect(page.getByTestId('action-0-serviceId')).toHaveValue(app.emulators!.pagerduty.seedInfo().ids.services['Customer Support']!);
  await expect(page.getByTestId('action-0-priorityId')).toHaveValue(app.emulators!.pagerduty.seedInfo().ids.priorities.P1!);
  await expect(page.getByTestId('action-0-title')).toHaveValue('Case {{Case.CaseNumber}}: {{Case.Subject}}');

  await page.getByTestId('crumb-rulesets').click();
  await expect(row.getByTestId('ruleset-enabled')).not.toBeChecked();
  await page.close();
});

test('RULESETS list: enable, rename, reorder and delete with confirmation', async () => {
  const page = await signedIn.newPage();
  await page.goto(`${app.url}/rulesets`);
  // The open ruleset lives in the URL: Back returns to the list.
  await page.getByTestId('ruleset-open').first().click();
  await expect(page.getByTestId('ruleset-detail')).toBeVisible();
  await expect(page).toHaveURL(/\/rulesets#ruleset=/);
  await page.goBack();
  await expect(page.getByTestId('ruleset-row')).toHaveCount(1);
  await page.goForward();
  await expect(page.getByTestId('ruleset-detail')).toBeVisible();
  await page.getByTestId('crumb-rulesets').click();
  await page.getByTestId('new-ruleset-name').fill('Second');
  await page.getByTestId('add-ruleset').click();
  await expect(page.getByTestId('ruleset-row')).toHaveCount(2);
  const second = page.getByTestId('ruleset-row').nth(1);
  await expect(second).toContainText('Second');
  await expect(second.getByTestId('ruleset-enabled')).not.toBeChecked();

  await setBox(page.getByTestId('ruleset-row').first().getByTestId('ruleset-enabled'), true);
  await expect.poll(async () => (await storedRulesets())[0]?.enabled).toBe(true);

  await second.getByTestId('ruleset-rename').click();
  await page.getByTestId('ruleset-rename-input').fill('Second, renamed');
  await page.getByTestId('ruleset-rename-save').click();
  await expect(page.getByTestId('ruleset-row').nth(1)).toContainText('Second, renamed');

  await page.getByTestId('ruleset-move-up-1').click();
  await expect(page.getByTestId('ruleset-row').first()).toContainText('Second, renamed');
  expect((await storedRulesets()).map((r) => r.name)).toEqual(['Second, renamed', 'Support escalations']);

  await page.getByTestId('ruleset-row').first().getByTestId('ruleset-delete').click();
  const modal = page.getByTestId('delete-ruleset-modal');
  await expect(modal).toContainText('Second, renamed');
  await expect(modal.getByRole('button', { name: 'Cancel' })).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('delete-ruleset-modal-confirm').click();
  await expect(page.getByTestId('ruleset-row')).toHaveCount(1);
  expect((await storedRulesets()).map((r) => r.name)).toEqual(['Support escalations']);
  await page.close();
});

test('RULESETS: the delete confirmation is modal: Tab stays inside it, the page behind is inert, Escape cancels', async () => {
  const page = await signedIn.newPage();
  await page.goto(`${app.url}/rulesets`);
  const row = page.getByTestId('ruleset-row').first();
  await expect(row).toContainText('Support escalations');
  const behind = row.getByTestId('ruleset-delete');
  await behind.click();
  const modal = page.getByTestId('delete-ruleset-modal');
  await expect(modal.getByRole('button', { name: 'Cancel' })).toBeFocused();
  expect(await modal.evaluate((dialog) => dialog instanceof HTMLDialogElement && dialog.matches(':modal'))).toBe(true);

  // Tab and Shift+Tab never reach the page behind (past the last button Chromium may give the
  // focus to its own toolbar, where the page's activeElement is the body, then back to the dialog).
  const focusOutsideDialog = () =>
    modal.evaluate((dialog) => {
      const focused = document.activeElement;
      return focused !== null && focused !== document.body && !dialog.contains(focused) ? focused.outerHTML.slice(0, 120) : null;
    });
  for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    expect(await focusOutsideDialog(), `focus after ${key}`).toBeNull();
  }
  // The page behind takes no pointer: what lies at its Delete button's centre is the dialog.
  const box = (await behind.boundingBox())!;
  expect(
    await modal.evaluate((dialog, point) => dialog.contains(document.elementFromPoint(point.x, point.y)), {
      x: box.x + box.width / 2,
      y: box.y + box.height / 2,
    }),
  ).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);

  await modal.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Escape');
  await expect(modal).toHaveCount(0);
  await expect(page.getByTestId('ruleset-row')).toHaveCount(1);
  expect((await storedRulesets()).map((r) => r.name)).toEqual(['Support escalations']);
  await page.close();
});
