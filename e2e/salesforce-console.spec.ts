import { expect, test } from '@playwright/test';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce/index';
import type { RecordChange } from '../emulators/salesforce/model';
import { seriousViolations } from './support/signedInApp';

// The emulator's console in a real browser: edit a Case and comment on it as a human agent,
// then check through the emulator's store and REST API that the change landed as that user.
/** Undefined when beforeAll failed before the emulator started. */
let emulator: SalesforceEmulator | undefined;
function sf(): SalesforceEmulator {
  if (!emulator) throw new Error('The Salesforce emulator did not start (see beforeAll).');
  return emulator;
}

test.beforeAll(async () => {
  emulator = await startSalesforceEmulator({ port: 0, seed: 'demo' });
});

test.afterAll(async () => {
  await emulator?.close();
});

test.beforeEach(() => {
  sf().reset('demo');
});

test("draws in SLDS: the stylesheet and the Case icon come from the build's copies (dist/emulators), not node_modules", async ({ page }) => {
  const failed: string[] = [];
  page.on('requestfinished', (request) => {
    void request.response().then((response) => {
      if (response && response.status() >= 400) failed.push(`${response.status()} ${request.url()}`);
    });
  });
  await page.goto(sf().url);
  await expect(page.getByRole('heading', { name: 'Service Console' })).toBeVisible();
  const sldsRules = await page.evaluate(
    () => [...document.styleSheets].find((sheet) => sheet.href?.endsWith('/salesforce-lightning-design-system.min.css'))?.cssRules.length ?? 0,
  );
  expect(sldsRules).toBeGreaterThan(1000);
  const icon = page.locator('img[src="/assets/icons/standard/case.svg"]').first();
  await expect.poll(() => icon.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
  expect(failed).toEqual([]);
});

test('edits a Case and adds a comment as the chosen agent', async ({ page }) => {
  const agent = sf()
    .seedInfo()
    .users.find((user) => user.key === 'agent2')!;
  const caseId = sf().seedInfo().caseIds[0]!;
  const caseNumber = String(sf().store.find('Case', caseId)!.CaseNumber);

  await page.goto(sf().url);
  await expect(page.getByRole('heading', { name: 'Service Console' })).toBeVisible();
  await page.getByLabel('Acting user').selectOption(agent.id);
  await expect(page.locator('#case-count')).toHaveText('50');

  await page.getByRole('row', { name: new RegExp(caseNumber) }).click();
  await expect(page.getByRole('heading', { name: `Case ${caseNumber}` })).toBeVisible();
  await page.getByLabel('Subject').fill('Checkout page returns HTTP 500 (edited in the console)');
  await page.getByLabel('Status').selectOption('Escalated');
  await page.getByLabel('Priority').selectOption('High');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Case saved');

  await page.getByLabel('New comment').fill('Customer called back: still failing.');
  await page.getByRole('button', { name: 'Add Comment' }).click();
  await expect(page.getByRole('list', { name: 'Case Comments' })).toContainText('Customer called back: still failing.');

  const record = sf().store.find('Case', caseId)!;
  expect(record).toMatchObject({
    Subject: 'Checkout page returns HTTP 500 (edited in the console)',
    Status: 'Escalated',
    Priority: 'High',
    LastModifiedById: agent.id,
  });

  // The same through the REST API, as any client would see it.
  const tokens = (await (
    await fetch(`${sf().url}/__emulator/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'integration@acme-support.example' }),
    })
  ).json()) as { accessToken: string };
  const soql = `SELECT CommentBody, CreatedById FROM CaseComment WHERE ParentId = '${caseId}' ORDER BY CreatedDate DESC LIMIT 1`;
  const response = await fetch(`${sf().url}/services/data/v59.0/query?q=${encodeURIComponent(soql)}`, {
    headers: { authorization: `Bearer ${tokens.accessToken}` },
  });
  const result = (await response.json()) as { records: { CommentBody: string; CreatedById: string }[] };
  expect(result.records[0]).toMatchObject({ CommentBody: 'Customer called back: still failing.', CreatedById: agent.id });
});

test('shows the Case list first, and a Case form only for a picked Case', async ({ page }) => {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  const caseId = sf().seedInfo().caseIds[1]!;
  const caseNumber = String(sf().store.find('Case', caseId)!.CaseNumber);

  await page.goto(sf().url);
  await expect(page.getByRole('table', { name: 'Cases' }).getByRole('row')).toHaveCount(51);
  await expect(page.getByRole('heading', { name: 'No Case selected' })).toBeVisible();
  // No form to save before a Case is picked (saving it used to answer "id value of incorrect type: undefined").
  await expect(page.getByLabel('Subject')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Save' })).toBeHidden();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('link', { name: caseNumber, exact: true }).click();
  await expect(page).toHaveURL(`${sf().url}/lightning/r/Case/${caseId}/view`);
  await expect(page.getByRole('heading', { name: `Case ${caseNumber}` })).toBeVisible();
  await expect(page.getByLabel('Subject')).toHaveValue(String(sf().store.find('Case', caseId)!.Subject));
  await expect(page.getByRole('row', { name: new RegExp(caseNumber) })).toHaveAttribute('aria-current', 'true');
  expect(await seriousViolations(page)).toEqual([]);

  // The Case's address opens it directly; Close goes back to the list.
  await page.reload();
  await expect(page.getByRole('heading', { name: `Case ${caseNumber}` })).toBeVisible();
  await page.getByRole('link', { name: 'Close' }).click();
  await expect(page.getByRole('heading', { name: 'No Case selected' })).toBeVisible();
  await expect(page).toHaveURL(`${sf().url}/`);

  // The favicon is served: a fresh page load asks for nothing that fails.
  const favicon = await page.request.get(`${sf().url}/favicon.ico`);
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()['content-type']).toContain('image/svg+xml');
  expect(failed).toEqual([]);
});

test('creates a Case with New Case as the acting agent, and CDC sees that agent as its author', async ({ page }) => {
  const agent = sf()
    .seedInfo()
    .users.find((user) => user.key === 'agent1')!;
  const changes: RecordChange[] = [];
  const stop = sf().store.onChange((change) => changes.push(change));
  try {
    await page.goto(sf().url);
    await expect(page.getByLabel('Acting user')).toHaveValue(agent.id);
    await page.getByRole('link', { name: 'New Case' }).click();
    await expect(page.getByRole('heading', { name: 'New Case' })).toBeVisible();
    // The picklists and their defaults come from the Case describe.
    await expect(page.getByLabel('Status')).toHaveValue('New');
    await expect(page.getByLabel('Priority')).toHaveValue('Medium');
    await expect(page.getByLabel('Case Origin')).toHaveValue('');
    await expect(page.getByLabel('Status').getByRole('option')).toHaveText(['New', 'Working', 'Escalated', 'Closed']);
    await expect(page.getByLabel('Case Origin').getByRole('option')).toHaveText(['--None--', 'Phone', 'Email', 'Web']);
    expect(await seriousViolations(page)).toEqual([]);

    // A Case needs a Subject here.
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Enter a Subject.')).toBeVisible();
    expect(changes).toEqual([]);

    await page.getByLabel('Subject').fill('Payment page times out (created in the console)');
    await page.getByLabel('Description').fill('Seen by three customers this morning.');
    await page.getByLabel('Priority').selectOption('High');
    await page.getByLabel('Case Origin').selectOption('Web');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status')).toHaveText('Case 00001051 was created');
    await expect(page.getByRole('heading', { name: 'Case 00001051', exact: true })).toBeVisible();
    await expect(page.getByRole('row', { name: /00001051/ })).toContainText('Payment page times out (created in the console)');
    await expect(page.locator('#case-count')).toHaveText('51');

    const created = [...sf().store.records('Case')].find((record) => record.CaseNumber === '00001051')!;
    await expect(page).toHaveURL(`${sf().url}/lightning/r/Case/${created.Id}/view`);
    expect(created).toMatchObject({
      Subject: 'Payment page times out (created in the console)',
      Description: 'Seen by three customers this morning.',
      Status: 'New',
      Priority: 'High',
      Origin: 'Web',
      CreatedById: agent.id,
      OwnerId: agent.id,
    });
    expect(changes).toEqual([expect.objectContaining({ entityName: 'Case', changeType: 'CREATE', recordIds: [created.Id], commitUser: agent.id })]);
  } finally {
    stop();
  }
});

test('follows changes made elsewhere while the page is open, keeping what the user is typing', async ({ page }) => {
  const integration = sf()
    .seedInfo()
    .users.find((user) => user.key === 'integration')!;
  const caseId = sf().seedInfo().caseIds[2]!;
  const caseNumber = String(sf().store.find('Case', caseId)!.CaseNumber);
  sf().store.update('Case', caseId, { Status: 'New', Priority: 'Low' }, integration.id);

  await page.goto(`${sf().url}/lightning/r/Case/${caseId}/view`);
  await expect(page.getByRole('heading', { name: `Case ${caseNumber}` })).toBeVisible();
  await expect(page.getByLabel('Status')).toHaveValue('New');
  await page.getByLabel('Subject').fill('An edit not saved yet');

  // What the sync engine does when the incident is acknowledged: it changes the Case and comments on it.
  sf().store.update('Case', caseId, { Status: 'Working' }, integration.id);
  sf().store.insert('CaseComment', { ParentId: caseId, CommentBody: 'Incident #7 acknowledged by Grace Hopper', IsPublished: false }, integration.id);

  await expect(page.getByLabel('Status')).toHaveValue('Working', { timeout: 15_000 });
  await expect(page.getByRole('list', { name: 'Case Comments' })).toContainText('Incident #7 acknowledged by Grace Hopper');
  await expect(page.getByRole('row', { name: new RegExp(caseNumber) })).toContainText('Working');
  await expect(page.getByRole('status')).toContainText(`Case ${caseNumber} was updated by`);
  await expect(page.getByLabel('Subject')).toHaveValue('An edit not saved yet');

  // A Case created elsewhere shows up in the list too.
  const created = sf().store.insert('Case', { Subject: 'Created through the API', Origin: 'Email' }, integration.id);
  await expect(page.getByRole('row', { name: new RegExp(String(created.CaseNumber)) })).toContainText('Created through the API', { timeout: 15_000 });
});
