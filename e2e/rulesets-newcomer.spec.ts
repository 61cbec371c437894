import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { loadServerModule, startSignedInApp, type SignedInApp } from './support/signedInApp';
import type { Ruleset } from '../rules';
import type { RunningApp } from '../server/start';
import type * as RulesetsModule from '../server/store/rulesets';

/**
 * RULESETS as a new admin meets it (issue 15): names that say when they are taken or too long,
 * an error banner in the editor's own words, picklist values in Case actions, templates that
 * offer their fields and accept what the UI calls things, and the list's look.
 */
test.describe.configure({ mode: 'serial' });

let harness: SignedInApp | undefined;
let app: RunningApp;
let signedIn: BrowserContext;

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  harness = await startSignedInApp(browser, 'rulesets-newcomer');
  ({ app, signedIn } = harness);
});

test.afterAll(async () => {
  await harness?.close();
});

async function storedRulesets(): Promise<Ruleset[]> {
  const { RulesetStore } = await loadServerModule<typeof RulesetsModule>('server/store/rulesets.ts');
  return new RulesetStore(app.ctx.db).list();
}

/** SLDS hides the real checkbox/radio behind its styled label, so people (and this) click the label. */
async function setBox(box: Locator, on: boolean): Promise<void> {
  if ((await box.isChecked()) === on) return;
  const id = await box.getAttribute('id');
  await (id ? box.page().locator(`label[for="${id}"]`) : box.locator('xpath=ancestor::label')).click();
  await expect(box).toBeChecked({ checked: on });
}

async function optionTexts(select: Locator): Promise<string[]> {
  await expect(select).toBeVisible();
  return select.locator('option').allTextContents();
}

async function addRuleset(page: Page, name: string): Promise<void> {
  await page.getByTestId('new-ruleset-name').fill(name);
  await page.getByTestId('add-ruleset').click();
  await expect(page.getByTestId('ruleset-row').filter({ hasText: name })).toBeVisible();
}

test('D7: a name in use or longer than 80 characters is refused with a message, never cut or duplicated', async () => {
  const page = await signedIn.newPage();
  await page.goto(`${app.url}/rulesets`);
  await addRuleset(page, 'Support');

  // Another ruleset of the same name, whatever its case and spaces: refused, with the reason.
  await page.getByTestId('new-ruleset-name').fill('  SUPPORT ');
  await page.getByTestId('add-ruleset').click();
  await expect(page.locator('#new-ruleset-name-error')).toHaveText('A ruleset named "Support" already exists: choose another name');
  await expect(page.getByTestId('ruleset-row')).toHaveCount(1);

  // A pasted name of 90 characters stays whole in the box, and the form says what is wrong.
  const long = 'Escalations for the enterprise customers of the northern region, weekdays and weekends too';
  expect(long.length).toBeGreaterThan(80);
  await page.getByTestId('new-ruleset-name').fill(long);
  await expect(page.getByTestId('new-ruleset-name')).toHaveValue(long);
  await expect(page.locator('#new-ruleset-name-error')).toHaveText(`${long.length} characters: at most 80. Shorten the name.`);
  await page.getByTestId('add-ruleset').click();
  await expect(page.getByTestId('ruleset-row')).toHaveCount(1);

  // Renaming onto a name in use: refused by the server, said on the rename box.
  await addRuleset(page, 'Engineering');
  const engineering = page.getByTestId('ruleset-row').filter({ hasText: 'Engineering' });
  await engineering.getByTestId('ruleset-rename').click();
  await page.getByTestId('ruleset-rename-input').fill('support');
  await page.getByTestId('ruleset-rename-save').click();
  await expect(page.getByTestId('ruleset-rename-error')).toHaveText('A ruleset named "Support" already exists: choose another name');
  expect((await storedRulesets()).map((r) => r.name)).toEqual(['Support', 'Engineering']);
  await page.close();
});

test("D9: the rule editor's error banner names inputs as the editor does, and takes the admin to them", async () => {
  const page = await signedIn.newPage();
  await page.goto(`${app.url}/rulesets`);
  await page.getByTestId('ruleset-row').filter({ hasText: 'Support' }).getByTestId('ruleset-open').click();
  await page.getByTestId('new-rule-name').fill('Note on escalation');
  await page.getByTestId('add-rule').click();
  await page.getByTestId('add-condition').click();
  await page.getByTestId('rule-save').click();
  const banner = page.getByTestId('rule-errors');
  await expect(banner).toContainText('Condition 1 › Field: Choose a field');
  await expect(banner).not.toContainText('conditions[');

  await page.getByTestId('condition-0-field').selectOption('Case.IsEscalated');
  await page.getByTestId('condition-0-operator').selectOption('equals');
  await page.getByTestId('condition-0-value').selectOption('true');
  await page.getByTestId('add-action').click();
  await page.getByTestId('action-0-type').selectOption('add_note');
  await page.getByTestId('action-0-content').fill('Escalated: {{Case.Nope}}');
  await page.getByTestId('rule-save').click();
  await expect(banner).toContainText('Action 1 › Note: Unknown field Case.Nope');
  await expect(banner).not.toContainText('actions[');
  if (process.env.SHOTS_DIR) {
    await page.setViewportSize({ width: 1440, height: 900 });
    await banner.screenshot({ path: `${process.env.SHOTS_DIR}/rulesets-editor-errors.png` });
  }
  await banner.getByRole('link', { name: /Action 1 › Note/ }).click();
  await expect(page.getByTestId('action-0-content')).toBeFocused();
  await page.close();
});

test('D10: picklist fields in "Set Case field values" and "Create a Case" offer their values, and still take a template', async () => {
  const page = await signedIn.newPage();
  await page.goto(`${app.url}/rulesets`);
  await page.getByTestId('ruleset-row').filter({ hasText: 'Support' }).getByTestId('ruleset-open').click();
  await page.getByTestId('new-rule-name').fill('Follow the incident');
  await page.getByTestId('add-rule').click();
  await setBox(page.getByTestId('run-on-incident'), true);
  await page.getByTestId('add-action').click();
  await page.getByTestId('action-0-type').selectOption('set_case_fields');
  await page.getByTestId('action-0-field-0').selectOption('Status');
  const status = page.getByTestId('action-0-value-0');
  expect(await status.evaluate((element) => element.tagName)).toBe('SELECT');
  expect(await optionTexts(status)).toEqual(expect.arrayContaining(['New', 'Working', 'Escalated', 'Closed']));
  await status.selectOption('Working');

  await page.getByTestId('action-0-add-field').click();
  await page.getByTestId('action-0-field-1').selectOption('Priority');
  const priority = page.getByTestId('action-0-value-1');
  expect(await optionTexts(priority)).toEqual(expect.arrayContaining(['High', 'Medium', 'Low']));
  // A template is still allowed where the model allows one: switch the box to free text.
  await page.getByTestId('action-0-value-1-template').click();
  await page.getByTestId('action-0-value-1').fill('{{incident.priority_name}}');

  await page.getByTestId('add-action').click();
  await page.getByTestId('action-1-type').selectOption('create_case');
  await page.getByTestId('action-1-add-field').click();
  await page.getByTestId('action-1-field-0').selectOption('Origin');
  const origin = page.getByTestId('action-1-value-0');
  expect(await optionTexts(origin)).toEqual(expect.arrayContaining(['Phone', 'Email', 'Web']));
  await origin.selectOption('Web');
  if (process.env.SHOTS_DIR) {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('actions').screenshot({ path: `${process.env.SHOTS_DIR}/rulesets-editor-picklists.png` });
  }
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Rule "Follow the incident" saved' })).toBeVisible();

  const saved = (await storedRulesets()).find((r) => r.name === 'Support')!.rules.find((r) => r.name === 'Follow the incident')!;
  expect(saved.actions).toEqual([
    { type: 'set_case_fields', values: { Status: 'Working', Priority: '{{incident.priority_name}}' } },
    { type: 'create_case', values: expect.objectContaining({ Origin: 'Web' }) },
  ]);

  // After a reload: the listed value in its list, the template in a text box.
  await page.reload();
  await expect(page.getByTestId('action-0-value-0')).toHaveValue('Working');
  expect(await page.getByTestId('action-0-value-1').evaluate((element) => element.tagName)).toBe('INPUT');
  await expect(page.getByTestId('action-0-value-1')).toHaveValue('{{incident.priority_name}}');
  await page.getByTestId('action-0-value-1-list').click();
  expect(await page.getByTestId('action-0-value-1').evaluate((element) => element.tagName)).toBe('SELECT');
  await page.close();
});

test('D11: templates offer their fields, accept incident_number and a fallback; Test this rule takes the incident number', async () => {
  const page = await signedIn.newPage();
  await page.goto(`${app.url}/rulesets`);
  await page.getByTestId('ruleset-row').filter({ hasText: 'Support' }).getByTestId('ruleset-open').click();
  await page.getByTestId('new-rule-name').fill('Comment on acknowledgement');
  await page.getByTestId('add-rule').click();
  await setBox(page.getByTestId('run-on-incident'), true);
  await setBox(page.getByTestId('event-incident-acknowledged'), true);
  await page.getByTestId('add-action').click();
  await page.getByTestId('action-0-type').selectOption('add_case_comment');

  // The picker lists the incident fields by label and inserts the placeholder where the cursor is.
  const body = page.getByTestId('action-0-body');
  const picker = page.getByTestId('action-0-body-insert');
  expect(await optionTexts(picker)).toContain('Incident Number — {{incident.number}}');
  await body.fill('Acknowledged in PagerDuty by ');
  await picker.selectOption('incident.agent_name');
  await expect(body).toHaveValue('Acknowledged in PagerDuty by {{incident.agent_name}}');
  await expect(body).toBeFocused();

  // What the UI and PagerDuty call things is accepted: incident_number; a blank agent gets a fallback.
  await body.fill('Acknowledged in PagerDuty by {{incident.agent_name | default: "PagerDuty"}}: #{{incident.incident_number}}');
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Rule "Comment on acknowledgement" saved' })).toBeVisible();
  await expect(page.getByTestId('rule-errors')).toHaveCount(0);

  // Test this rule on the triggered demo incident, by the number the UI shows.
  const checkoutId = app.emulators!.pagerduty.seedInfo().ids.incidents[0]!;
  const client = await app.ctx.sessions.pagerduty.client();
  const number = (await client.request<{ incident: { incident_number: number } }>('GET', `/incidents/${checkoutId}`)).body.incident.incident_number;
  await page.getByTestId('rule-test-event').selectOption({ label: 'Incident acknowledged' });
  await page.getByTestId('rule-test-incident').fill(`#${number}`);
  await page.getByTestId('rule-test-run').click();
  await expect(page.getByTestId('rule-test-outcome')).toHaveText('Matched');
  await expect(page.getByTestId('rule-test-result')).toContainText(`Incident acknowledged on incident #${number}`);
  await expect(page.getByTestId('rule-test-actions')).toContainText(`Acknowledged in PagerDuty by PagerDuty: #${number}`);
  await expect(page.getByTestId('rule-test-actions')).not.toContainText('by :');
  if (process.env.SHOTS_DIR) {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('rule-test').screenshot({ path: `${process.env.SHOTS_DIR}/rulesets-test-this-rule.png` });
  }
  await page.close();
});

test('RULESETS look: Add Ruleset on the right and level with its box, a toggle on the ruleset page, one Delete colour, labelled columns and events, SLDS checkboxes', async () => {
  const page = await signedIn.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${app.url}/rulesets`);
  const card = page.getByTestId('rulesets-card');
  await expect(card).toBeVisible();
  const add = page.getByTestId('add-ruleset');
  const name = page.getByTestId('new-ruleset-name');
  const cardBox = (await card.boundingBox())!;
  const before = (await add.boundingBox())!;
  // On the right of the list's header, as in PagerDuty's guide.
  expect(before.x).toBeGreaterThan(cardBox.x + cardBox.width / 2);
  expect(cardBox.x + cardBox.width - (before.x + before.width)).toBeLessThan(40);
  expect(before.y - cardBox.y).toBeLessThan(60);
  // An empty name: the message shows under the box, the button stays where it was, level with the box.
  await name.fill('');
  await add.click();
  await expect(page.locator('#new-ruleset-name-error')).toHaveText('Enter a name for the ruleset');
  const after = (await add.boundingBox())!;
  expect(after.y).toBeCloseTo(before.y, 0);
  expect(after.x).toBeCloseTo(before.x, 0);
  expect((await name.boundingBox())!.y).toBeCloseTo(after.y, 0);
  if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/rulesets-list-empty-name.png` });

  // Delete buttons are one colour: destructive, on the list and on a ruleset's rules.
  const deletes = page.getByTestId('ruleset-delete');
  await expect(deletes.first()).toBeVisible();
  for (const button of await deletes.all()) await expect(button).toHaveClass(/slds-button_destructive/);
  const red = await deletes.first().evaluate((element) => getComputedStyle(element).backgroundColor);
  await page.getByTestId('new-ruleset-name').fill('');
  if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/rulesets-list.png` });

  // The ruleset page has its own enable toggle.
  await page.getByTestId('ruleset-row').filter({ hasText: 'Support' }).getByTestId('ruleset-open').click();
  const detail = page.getByTestId('ruleset-detail');
  const toggle = detail.getByTestId('ruleset-enabled');
  await expect(toggle).not.toBeChecked();
  await setBox(toggle, true);
  await expect.poll(async () => (await storedRulesets()).find((r) => r.name === 'Support')?.enabled).toBe(true);
  await setBox(toggle, false);
  await expect.poll(async () => (await storedRulesets()).find((r) => r.name === 'Support')?.enabled).toBe(false);
  for (const button of await page.getByTestId('rule-delete').all()) {
    await expect(button).toHaveClass(/slds-button_destructive/);
    expect(await button.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(red);
  }
  // PagerDuty events by their labels in the rules list.
  await expect(page.getByTestId('rule-row').filter({ hasText: 'Comment on acknowledgement' })).toContainText('Incident acknowledged');
  await expect(detail).not.toContainText('incident.acknowledged');
  if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/rulesets-ruleset.png` });

  // The editor: events by label, conditions under column headers, SLDS checkboxes.
  await page.getByTestId('rule-row').filter({ hasText: 'Comment on acknowledgement' }).getByTestId('rule-open').click();
  const editor = page.getByTestId('rule-editor');
  await expect(page.getByLabel('Incident acknowledged', { exact: true })).toBeChecked();
  await expect(editor.getByTestId('run-on')).not.toContainText('incident.acknowledged');
  await page.getByTestId('add-condition').click();
  const headers = editor.getByTestId('condition-headers');
  await expect(headers).toBeVisible();
  expect((await headers.locator('span').allTextContents()).map((text) => text.trim())).toEqual(['#', 'Field', 'Operator', 'Value', '']);
  // Each header stands over its column.
  for (const [column, input] of [
    [1, 'condition-0-field'],
    [2, 'condition-0-operator'],
    [3, 'condition-0-value'],
  ] as const) {
    const header = (await headers.locator('span').nth(column).boundingBox())!;
    expect(header.x).toBeCloseTo((await page.getByTestId(input).boundingBox())!.x, 0);
  }
  await page.getByTestId('condition-0-field').selectOption('incident.event_type');
  await page.getByTestId('condition-0-operator').selectOption('equals');
  expect(await optionTexts(page.getByTestId('condition-0-value'))).toContain('Incident acknowledged');
  const stop = editor.locator('.slds-form-element .slds-form-element__control .slds-checkbox > input#rule-stop');
  await expect(stop).toHaveCount(1);
  await expect(editor.locator('label[for="rule-stop"] .slds-checkbox_faux')).toBeVisible();
  if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/rulesets-editor.png`, fullPage: true });
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await page.close();
});
