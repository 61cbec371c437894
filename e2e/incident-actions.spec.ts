import { expect, test, type Browser, type BrowserContext, type Locator } from '@playwright/test';
import { loadServerModule, seriousViolations, startSignedInApp, type SignedInApp } from './support/signedInApp';
import type { Ruleset } from '../rules';
import type { RunningApp } from '../server/start';
import type * as RulesetsModule from '../server/store/rulesets';
import type { CaseChangePayload } from '../server/pipeline/events';

/**
 * Issue 16's authoring in real Chromium against the app in demo mode: on an enabled ruleset, a
 * Case rule adds responders (a user and an escalation policy, picked as pills from the live
 * PagerDuty lists, with a templated message) and publishes a status update; the server's check
 * lands at the responder picker; the rule saved and reopened shows the same values; "Test this
 * rule" on a real Case previews both actions with names; axe finds no serious violations.
 */
test.describe.configure({ mode: 'serial' });

let harness: SignedInApp | undefined;
let app: RunningApp;
let signedIn: BrowserContext;

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  harness = await startSignedInApp(browser, 'incident-actions');
  ({ app, signedIn } = harness);
});

test.afterAll(async () => {
  await harness?.close();
});

/** SLDS hides the real checkbox behind its styled label, so people (and this) click the label. */
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

/** A Case change as CDC delivers it, recorded into the app's intake like any other. */
async function recordCaseChange(caseId: string, change: 'create' | 'update', values: Record<string, unknown>): Promise<number> {
  const payload: CaseChangePayload = {
    changeType: change === 'create' ? 'CREATE' : 'UPDATE',
    caseId,
    changedFields: Object.keys(values),
    nulledFields: [],
    values,
    commitUser: null,
    commitTimestamp: Date.now(),
    origin: 'cdc',
  };
  const stored = await app.ctx.sync.record({
    source: 'salesforce',
    sourceEventId: `e2e:${caseId}:${change}:${Date.now()}`,
    kind: `case.${change}`,
    payload,
    caseId,
    caseNumber: typeof values.CaseNumber === 'string' ? values.CaseNumber : null,
  });
  expect(stored.eventId).not.toBeNull();
  return stored.eventId!;
}

async function firstCase(): Promise<{ CaseNumber: string; Subject: string }> {
  const records = await app.ctx.sessions.salesforce.run(
    async (connection) =>
      (await connection.query<{ CaseNumber: string; Subject: string }>('SELECT CaseNumber, Subject FROM Case ORDER BY CaseNumber LIMIT 1')).records,
  );
  return records[0]!;
}

test('a Case rule adds responders and publishes a status update: authored, saved, reopened the same, previewed by "Test this rule"', async () => {
  const page = await signedIn.newPage();
  await page.goto(`${app.url}/rulesets`);
  await page.getByTestId('new-ruleset-name').fill('Major incidents');
  await page.getByTestId('add-ruleset').click();
  const row = page.getByTestId('ruleset-row').filter({ hasText: 'Major incidents' });
  await row.getByTestId('ruleset-open').click();
  const detail = page.getByTestId('ruleset-detail');
  await setBox(detail.getByTestId('ruleset-enabled'), true);

  await page.getByTestId('new-rule-name').fill('Bring in help');
  await page.getByTestId('add-rule').click();
  await expect(page.getByTestId('rule-editor')).toBeVisible();
  await expect(page.getByTestId('run-on-case')).toBeChecked();

  // Action 1: add responders. Saving without any responder is refused at the picker.
  await page.getByTestId('add-action').click();
  await page.getByTestId('action-0-type').selectOption('add_responders');
  await page.getByTestId('action-0-message').fill('Case ');
  await page.getByTestId('action-0-message-insert').selectOption('Case.CaseNumber');
  await expect(page.getByTestId('action-0-message')).toHaveValue('Case {{Case.CaseNumber}}');
  await page.getByTestId('action-0-message').press('End');
  await page.getByTestId('action-0-message').pressSequentially(' needs you');
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('rule-errors')).toContainText('Action 1: Choose at least one user or escalation policy to add as responders');
  await expect(page.getByTestId('action-0-responders-error')).toContainText('Choose at least one user or escalation policy');
  await page.getByTestId('rule-errors').getByRole('link').first().click();
  await expect(page.getByTestId('action-0-responders-user')).toBeFocused();

  await page.getByTestId('action-0-responders-user').selectOption({ label: 'Ada Lovelace' });
  await page.getByTestId('action-0-responders-policy').selectOption({ label: 'Support Escalation' });
  const pills = page.getByTestId('action-0-responders-pills').getByTestId('responder-pill');
  await expect(pills).toHaveCount(2);
  await expect(pills.nth(0)).toContainText('Ada Lovelace');
  await expect(pills.nth(0)).toHaveAttribute('data-kind', 'user');
  await expect(pills.nth(1)).toContainText('Support Escalation');
  await expect(pills.nth(1)).toHaveAttribute('data-kind', 'policy');
  // Ada is no longer offered twice; a removed pill comes back to the list.
  await expect(page.getByTestId('action-0-responders-user').locator('option', { hasText: 'Ada Lovelace' })).toHaveCount(0);
  await page.getByTestId('action-0-responders-user').selectOption({ label: 'Alan Turing' });
  await page.getByRole('button', { name: 'Remove Alan Turing' }).click();
  await expect(pills).toHaveCount(2);
  await expect(page.getByTestId('action-0-responders-user')).toBeFocused();

  // Action 2: publish a status update.
  await page.getByTestId('add-action').click();
  await page.getByTestId('action-1-type').selectOption('publish_status_update');
  await page.getByTestId('action-1-message').fill('Investigating: {{Case.Subject}}');
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Rule "Bring in help" saved' })).toBeVisible();
  await expect(page.getByTestId('rule-unsaved')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  const seed = app.emulators!.pagerduty.seedInfo().ids;
  const [stored] = await storedRulesets();
  expect(stored).toMatchObject({ name: 'Major incidents', enabled: true });
  expect(stored!.rules[0]!.actions).toEqual([
    {
      type: 'add_responders',
      userIds: [seed.users['ada@example.com']],
      escalationPolicyIds: [seed.escalationPolicies['Support Escalation']],
      message: 'Case {{Case.CaseNumber}} needs you',
    },
    { type: 'publish_status_update', message: 'Investigating: {{Case.Subject}}' },
  ]);

  // Reopened from the list after a reload: the same values.
  await page.reload();
  await page.getByTestId('crumb-ruleset').click();
  await page.getByTestId('rule-row').filter({ hasText: 'Bring in help' }).getByTestId('rule-open').click();
  await expect(page.getByTestId('action-0-type')).toHaveValue('add_responders');
  await expect(page.getByTestId('action-0-responders-pills').getByTestId('responder-pill')).toHaveCount(2);
  await expect(page.getByTestId('action-0-responders-pills')).toContainText('Ada Lovelace');
  await expect(page.getByTestId('action-0-responders-pills')).toContainText('Support Escalation');
  await expect(page.getByTestId('action-0-message')).toHaveValue('Case {{Case.CaseNumber}} needs you');
  await expect(page.getByTestId('action-1-type')).toHaveValue('publish_status_update');
  await expect(page.getByTestId('action-1-message')).toHaveValue('Investigating: {{Case.Subject}}');

  // "Test this rule" on a real Case: both previews, with names and rendered templates.
  const sample = await firstCase();
  await page.getByTestId('rule-test-case').fill(sample.CaseNumber);
  await page.getByTestId('rule-test-run').click();
  await expect(page.getByTestId('rule-test-outcome')).toHaveText('Matched');
  const previews = page.getByTestId('rule-test-action-preview');
  await expect(previews).toHaveText([
    `Add responders: Ada Lovelace, Support Escalation — message: Case ${sample.CaseNumber} needs you`,
    `Publish status update: Investigating: ${sample.Subject}`,
  ]);
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
});

test('every other linked-incident action has a labelled form (workflows from the account); PagerDuty rules run on the new event kinds and read custom fields', async () => {
  const page = await signedIn.newPage();
  await page.goto(`${app.url}/rulesets`);
  await page.getByTestId('ruleset-row').filter({ hasText: 'Major incidents' }).getByTestId('ruleset-open').click();
  await page.getByTestId('new-rule-name').fill('Work the incident');
  await page.getByTestId('add-rule').click();
  await expect(page.getByTestId('rule-editor')).toBeVisible();

  const addAction = async (index: number, type: string) => {
    await page.getByTestId('add-action').click();
    await page.getByTestId(`action-${index}-type`).selectOption(type);
  };
  await addAction(0, 'escalate_incident');
  await page.getByTestId('action-0-level').fill('3');
  await addAction(1, 'snooze_incident');
  await page.getByTestId('action-1-durationMinutes').fill('2');
  await page.getByTestId('action-1-durationMinutes-unit').selectOption('hours');
  await addAction(2, 'resolve_incident');
  await page.getByTestId('action-2-resolution').fill('Fixed, see Case {{Case.CaseNumber}}');
  await addAction(3, 'set_conference_bridge');
  await page.getByTestId('action-3-conferenceUrl').fill('not a link');
  await page.getByTestId('rule-save').click();
  // The server's URL check lands at its input and in the banner, in the editor's words.
  await expect(page.getByTestId('rule-errors')).toContainText('Action 4 › Conference URL: Enter a web address starting with https://');
  await expect(page.getByTestId('action-3-conferenceUrl-error')).toBeVisible();
  await page.getByTestId('action-3-conferenceUrl').fill('https://meet.example.com/{{Case.CaseNumber}}');
  await page.getByTestId('action-3-conferenceNumber').fill('+1 555 0100,,1234#');
  await addAction(4, 'start_incident_workflow');
  await page.getByTestId('action-4-workflowId').selectOption({ label: 'Notify stakeholders' });
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Rule "Work the incident" saved' })).toBeVisible();
  await expect(page.getByTestId('action-1-durationMinutes')).toHaveValue('2');
  await expect(page.getByTestId('action-1-durationMinutes-unit')).toHaveValue('hours');
  expect(await seriousViolations(page)).toEqual([]);

  const ruleset = (await storedRulesets()).find((candidate) => candidate.name === 'Major incidents')!;
  expect(ruleset.rules.find((rule) => rule.name === 'Work the incident')!.actions).toEqual([
    { type: 'escalate_incident', level: 3 },
    { type: 'snooze_incident', durationMinutes: 120 },
    { type: 'resolve_incident', resolution: 'Fixed, see Case {{Case.CaseNumber}}' },
    { type: 'set_conference_bridge', conferenceUrl: 'https://meet.example.com/{{Case.CaseNumber}}', conferenceNumber: '+1 555 0100,,1234#' },
    { type: 'start_incident_workflow', workflowId: app.emulators!.pagerduty.seedInfo().ids.incidentWorkflows['Notify stakeholders'] },
  ]);

  const sample = await firstCase();
  await page.getByTestId('rule-test-case').fill(sample.CaseNumber);
  await page.getByTestId('rule-test-run').click();
  await expect(page.getByTestId('rule-test-action-preview')).toHaveText([
    'Escalate incident to level 3',
    'Snooze incident for 2 hours',
    `Resolve incident — resolution: Fixed, see Case ${sample.CaseNumber}`,
    `Set conference bridge: +1 555 0100,,1234#, https://meet.example.com/${sample.CaseNumber}`,
    'Start workflow: Notify stakeholders',
  ]);

  // A PagerDuty rule: the new event kinds by their labels, a custom field condition with "changed to".
  await page.getByTestId('crumb-ruleset').click();
  await page.getByTestId('new-rule-name').fill('Tier changes reach the Case');
  await page.getByTestId('add-rule').click();
  await setBox(page.getByTestId('run-on-incident'), true);
  await setBox(page.getByTestId('event-incident-triggered'), false);
  await expect(page.locator('label[for="event-incident-status_update_published"]')).toHaveText('Status update published');
  await setBox(page.getByTestId('event-incident-custom_field_values-updated'), true);
  await setBox(page.getByTestId('event-incident-status_update_published'), true);
  await page.getByTestId('add-condition').click();
  await page.getByTestId('condition-0-field').selectOption({ label: 'Custom Field: Customer tier' });
  await page.getByTestId('condition-0-operator').selectOption('changed_to');
  await page.getByTestId('condition-0-value').selectOption('Gold');
  await page.getByTestId('add-action').click();
  await page.getByTestId('action-0-type').selectOption('add_case_comment');
  await page.getByTestId('action-0-body').fill('Update: ');
  await page.getByTestId('action-0-body-insert').selectOption('incident.status_update_message');
  await expect(page.getByTestId('action-0-body')).toHaveValue('Update: {{incident.status_update_message}}');
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Rule "Tier changes reach the Case" saved' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  const saved = (await storedRulesets())
    .find((candidate) => candidate.name === 'Major incidents')!
    .rules.find((rule) => rule.name === 'Tier changes reach the Case')!;
  expect(saved.runOn).toEqual({ kind: 'incident', events: ['incident.status_update_published', 'incident.custom_field_values.updated'] });
  expect(saved.conditions).toEqual([{ field: 'incident.custom_fields.customer_tier', operator: 'changed_to', value: 'Gold' }]);
  await page.close();
});

test('SYNC LOG names the new action tasks and shows what each reported, with names', async () => {
  const { RulesetStore } = await loadServerModule<typeof RulesetsModule>('server/store/rulesets.ts');
  const store = new RulesetStore(app.ctx.db);
  // Only this ruleset runs: the authored one above would act on the same Case.
  for (const ruleset of await store.list()) await store.save({ ...ruleset, enabled: false });
  const seed = app.emulators!.pagerduty.seedInfo().ids;
  const ada = seed.users['ada@example.com']!;
  const support = seed.escalationPolicies['Support Escalation']!;
  await store.save({
    id: 'e2e-responders',
    name: 'Responders',
    enabled: true,
    position: 10,
    rules: [
      {
        id: 'page',
        name: 'Page',
        runOn: { kind: 'case', on: 'create' },
        conditions: [],
        filterLogic: { kind: 'all' },
        actions: [{ type: 'create_incident', serviceId: seed.services['Customer Support']! }],
        stopProcessing: false,
      },
      {
        id: 'help',
        name: 'Bring in help',
        runOn: { kind: 'case', on: 'update' },
        conditions: [],
        filterLogic: { kind: 'all' },
        actions: [
          { type: 'add_responders', userIds: [ada], escalationPolicyIds: [support], message: 'Case {{Case.CaseNumber}} needs you' },
          { type: 'publish_status_update', message: 'Investigating {{Case.CaseNumber}}' },
        ],
        stopProcessing: false,
      },
    ],
  });
  const caseId = app.emulators!.salesforce.seedInfo().caseIds[1]!;
  const record = (await app.ctx.sessions.salesforce.run((connection) => connection.sobject('Case').retrieve(caseId))) as Record<string, unknown>;
  const { attributes: _attributes, ...values } = record;
  await recordCaseChange(caseId, 'create', values);
  await expect.poll(async () => (await app.ctx.links.byCase(caseId))?.incidentId, { timeout: 20_000 }).toBeDefined();
  const eventId = await recordCaseChange(caseId, 'update', { CaseNumber: values.CaseNumber, Subject: 'Still broken' });

  const page = await signedIn.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${app.url}/sync-log`);
  const row = page.locator(`[data-testid="sync-log-row"][data-key="event-${eventId}"]`);
  await expect(row).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  const actions = page.locator(`[data-testid="sync-log-action-row"][data-event-key="event-${eventId}"]`);
  await expect(actions).toHaveCount(2);
  await expect(actions.nth(0)).toContainText('Add responders');
  await expect(actions.nth(1)).toContainText('Publish status update');

  await row.getByTestId('sync-log-expand').click();
  const results = page.getByTestId('sync-log-trace-action');
  await expect(results).toHaveCount(2);
  const responders = results.filter({ hasText: 'Add responders' }).getByTestId('sync-log-trace-result');
  await expect(responders).toContainText('Ada Lovelace');
  await expect(responders).toContainText('Support Escalation');
  await expect(responders).toContainText('Responder request id');
  await expect(results.filter({ hasText: 'Publish status update' }).getByTestId('sync-log-trace-result')).toContainText(
    `Investigating ${String(values.CaseNumber)}`,
  );
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
});

test('a responder deleted in PagerDuty after it was picked is refused at the picker on save, and saves once removed', async () => {
  const { RulesetStore } = await loadServerModule<typeof RulesetsModule>('server/store/rulesets.ts');
  const seed = app.emulators!.pagerduty.seedInfo().ids;
  await new RulesetStore(app.ctx.db).save({
    id: 'e2e-stale',
    name: 'Stale responders',
    enabled: false,
    position: 20,
    rules: [
      {
        id: 'stale',
        name: 'Ask the team',
        runOn: { kind: 'case', on: 'update' },
        conditions: [],
        filterLogic: { kind: 'all' },
        actions: [{ type: 'add_responders', userIds: [seed.users['ada@example.com']!], message: 'Help' }],
        stopProcessing: false,
      },
    ],
  });
  const page = await signedIn.newPage();
  await page.goto(`${app.url}/rulesets#ruleset=e2e-stale&rule=stale`);
  await expect(page.getByTestId('action-0-responders-pills').getByTestId('responder-pill')).toHaveCount(1);
  await page.getByTestId('action-0-responders-user').selectOption({ label: 'Grace Hopper' });
  // Someone removes Grace from PagerDuty while the editor still lists her.
  const graceId = seed.users['grace@example.com']!;
  expect(app.emulators!.pagerduty.context.store.users.delete(graceId)).toBe(true);
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('rule-errors')).toContainText(`Action 1 › Responders: PagerDuty has no user with the id ${graceId}`);
  await expect(page.getByTestId('action-0-responders-error')).toContainText(`PagerDuty has no user with the id ${graceId}`);
  await page.getByTestId('rule-errors').getByRole('link').first().click();
  await expect(page.getByTestId('action-0-responders-user')).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Remove Grace Hopper' }).click();
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Rule "Ask the team" saved' })).toBeVisible();
  const stored = (await storedRulesets()).find((ruleset) => ruleset.id === 'e2e-stale')!;
  expect(stored.rules[0]!.actions).toEqual([{ type: 'add_responders', userIds: [seed.users['ada@example.com']], message: 'Help' }]);
  await page.close();
});
