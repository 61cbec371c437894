import { expect, test, type Page } from '@playwright/test';
import type * as DemoAppModule from '../server/testing/demoApp';
import { loadServerModule, seriousViolations, startSignedInApp, type SignedInApp } from './support/signedInApp';

/**
 * Custom field mappings through the UI, in real Chromium, against the app in demo mode with its
 * starter rulesets: map the Case Priority both ways to PagerDuty's "Customer tier" (a fixed-options
 * field, values mapped in the modal), after a refused first try that says why in its row. Then a
 * Case raised to High on the Salesforce console opens an incident whose Customer tier is Gold;
 * a responder sets it to Bronze in PagerDuty and the Case's Priority follows to Low on the
 * console. Each value travels once: the emulators' request logs and the sync's jobs are counted.
 */
test.describe.configure({ mode: 'serial' });

let running: SignedInApp | undefined;
let waitForIdle: (typeof DemoAppModule)['waitForIdle'];

function started(): SignedInApp {
  if (!running) throw new Error('The app did not start (see beforeAll)');
  return running;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  running = await startSignedInApp(browser, 'field-mappings', { starterRulesets: true });
  ({ waitForIdle } = await loadServerModule<typeof DemoAppModule>('server/testing/demoApp.ts'));
});

test.afterAll(async () => {
  await running?.close();
});

const VALUES_PUT = /^\/incidents\/[^/]+\/custom_fields\/values$/;

/** PUTs of custom field values the app made on one incident (the person's change goes through the emulator's control API). */
function valueWrites(incidentId: string): number {
  return started()
    .app.emulators!.pagerduty.context.requestLog.entries(5_000)
    .filter((entry) => entry.method === 'PUT' && VALUES_PUT.test(entry.path) && entry.path.includes(incidentId)).length;
}

async function jobsOf(task: string, where: Record<string, string>): Promise<number> {
  const rows = await started()
    .app.ctx.db('jobs')
    .where({ task, ...where })
    .count({ count: '*' })
    .first<{ count: number | string }>();
  return Number(rows.count);
}

async function incidentCustomField(incidentId: string, name: string): Promise<unknown> {
  const { app } = started();
  const pd = app.emulators!.pagerduty;
  const response = await fetch(`${pd.url}/incidents/${incidentId}/custom_fields/values`, {
    headers: { Authorization: `Token token=${pd.seedInfo().keys.account}`, Accept: 'application/vnd.pagerduty+json;version=2' },
  });
  const body = (await response.json()) as { custom_fields: { name: string; value: unknown }[] };
  return body.custom_fields.find((field) => field.name === name)?.value ?? null;
}

async function mapPriorityToTier(page: Page): Promise<void> {
  const card = page.getByTestId('field-mappings-card');
  await expect(card.getByTestId('field-mappings-empty')).toBeVisible();

  await test.step('a first try that does not fit is refused, with the reason in its row', async () => {
    await card.getByRole('button', { name: 'Add mapping' }).click();
    await card.getByLabel('Case field, row 1').selectOption('Subject');
    await card.getByLabel('Direction, row 1').selectOption({ label: 'Salesforce → PagerDuty' });
    await card.getByLabel('PagerDuty field, row 1').selectOption({ label: 'Affected customers (integer)' });
    await card.getByRole('button', { name: 'Save' }).click();
    await expect(card.locator('#fm-pd-0-error')).toHaveText(/Case field Subject \(Text\) cannot fill PagerDuty field Affected customers \(integer\)/);
    await expect(card.getByLabel('PagerDuty field, row 1')).toHaveAttribute('aria-invalid', 'true');
  });

  await test.step('Priority ⇄ Customer tier, both ways, with its values mapped in the modal', async () => {
    await card.getByLabel('Case field, row 1').selectOption('Priority');
    await card.getByLabel('Direction, row 1').selectOption({ label: 'Both ways' });
    await card.getByLabel('PagerDuty field, row 1').selectOption({ label: 'Customer tier (options: Gold, Silver, Bronze)' });
    await card.getByRole('button', { name: /^Map values/ }).click();
    const modal = page.getByRole('dialog', { name: 'Priority → Customer tier' });
    for (const [value, option] of [
      ['High', 'Gold'],
      ['Medium', 'Silver'],
      ['Low', 'Bronze'],
    ] as const) {
      await modal.getByLabel(`PagerDuty option for ${value}`).selectOption(option);
    }
    await modal.getByRole('button', { name: 'Done' }).click();
    await expect(modal).toHaveCount(0);
    await expect(card.getByRole('button', { name: 'Map values (3 mapped)' })).toBeVisible();
    await card.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Custom field mappings saved')).toBeVisible();
    await expect(card.locator('[aria-invalid="true"]')).toHaveCount(0);
  });
}

test('a Case field mapped both ways: a value travels to PagerDuty once and back once, with no echo', async () => {
  test.setTimeout(120_000);
  const { app, signedIn } = started();
  const salesforceUrl = app.emulators!.salesforce.url;
  const admin = await signedIn.newPage();
  await admin.goto(`${app.url}/object-mappings`);
  await mapPriorityToTier(admin);
  expect(await seriousViolations(admin)).toEqual([]);

  const sfCases = (await (await fetch(`${salesforceUrl}/__emulator/console/cases`)).json()) as {
    cases: { Id: string; CaseNumber: string; Subject: string; Status: string; Priority: string }[];
  };
  const target = sfCases.cases.find((item) => item.Status === 'New' && item.Priority === 'Medium');
  if (!target) throw new Error('The demo org has no Case with Status New and Priority Medium');

  const salesforce = await signedIn.newPage();
  await test.step('on the Salesforce console, raise the Case to High', async () => {
    await salesforce.goto(salesforceUrl);
    await salesforce.getByRole('row', { name: target.CaseNumber }).getByText(target.CaseNumber, { exact: true }).click();
    await expect(salesforce.getByRole('heading', { name: `Case ${target.CaseNumber}`, exact: true })).toBeVisible();
    await salesforce.getByLabel('Priority').selectOption('High');
    await salesforce.getByRole('button', { name: 'Save' }).click();
    await expect(salesforce.getByRole('status')).toHaveText('Case saved');
  });

  let incidentId = '';
  await test.step('its incident opens with Customer tier Gold, written once', async () => {
    await expect.poll(async () => (await app.ctx.links.byCase(target.Id))?.incidentId, { timeout: 30_000 }).toBeTruthy();
    incidentId = (await app.ctx.links.byCase(target.Id))!.incidentId;
    await expect.poll(() => incidentCustomField(incidentId, 'customer_tier'), { timeout: 30_000 }).toBe('Gold');
    await waitForIdle(app.ctx);
    expect(valueWrites(incidentId)).toBe(1);
  });

  await test.step('a responder sets Customer tier to Bronze in PagerDuty: the Case Priority follows to Low on the console', async () => {
    const pd = app.emulators!.pagerduty;
    const acted = await fetch(`${pd.url}/__emulator/act`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ as: 'grace@example.com', incident_id: incidentId, action: 'custom_field', field: 'customer_tier', value: 'Bronze' }),
    });
    expect(acted.status).toBe(200);
    await salesforce.bringToFront();
    // The console refreshes the open Case by itself.
    await expect(salesforce.getByLabel('Priority')).toHaveValue('Low', { timeout: 30_000 });
  });

  await test.step('each value travelled once: no echo either way', async () => {
    await waitForIdle(app.ctx);
    expect(valueWrites(incidentId)).toBe(1);
    expect(await incidentCustomField(incidentId, 'customer_tier')).toBe('Bronze');
    expect(await jobsOf('push_custom_fields', { case_id: target.Id })).toBe(1);
    expect(await jobsOf('pull_custom_fields', { incident_id: incidentId })).toBe(1);
    expect(app.emulators!.salesforce.store.find('Case', target.Id)?.Priority).toBe('Low');
  });

  await test.step('SYNC LOG shows both carries', async () => {
    await admin.bringToFront();
    await admin.getByRole('tab', { name: 'SYNC LOG' }).click();
    await expect(admin.getByText('Custom fields → incident').first()).toBeVisible({ timeout: 15_000 });
    await expect(admin.getByText('Custom fields → Case').first()).toBeVisible();
  });
});
