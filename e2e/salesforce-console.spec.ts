import { expect, test } from '@playwright/test';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce/index';

// The emulator's console in a real browser: edit a Case and comment on it as a human agent,
// then check through the emulator's store and REST API that the change landed as that user.
/** Undefined when beforeAll failed before the emulator started. */
let emulator: SalesforceEmulator | undefined;

test.beforeAll(async () => {
  emulator = await startSalesforceEmulator({ port: 0, seed: 'demo' });
});

test.afterAll(async () => {
  await emulator?.close();
});

test('edits a Case and adds a comment as the chosen agent', async ({ page }) => {
  if (!emulator) throw new Error('The Salesforce emulator did not start (see beforeAll).');
  const agent = emulator.seedInfo().users.find((user) => user.key === 'agent2')!;
  const caseId = emulator.seedInfo().caseIds[0]!;
  const caseNumber = String(emulator.store.find('Case', caseId)!.CaseNumber);

  await page.goto(emulator.url);
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

  const record = emulator.store.find('Case', caseId)!;
  expect(record).toMatchObject({
    Subject: 'Checkout page returns HTTP 500 (edited in the console)',
    Status: 'Escalated',
    Priority: 'High',
    LastModifiedById: agent.id,
  });

  // The same through the REST API, as any client would see it.
  const tokens = (await (
    await fetch(`${emulator.url}/__emulator/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'integration@acme-support.example' }),
    })
  ).json()) as { accessToken: string };
  const soql = `SELECT CommentBody, CreatedById FROM CaseComment WHERE ParentId = '${caseId}' ORDER BY CreatedDate DESC LIMIT 1`;
  const response = await fetch(`${emulator.url}/services/data/v59.0/query?q=${encodeURIComponent(soql)}`, {
    headers: { authorization: `Bearer ${tokens.accessToken}` },
  });
  const result = (await response.json()) as { records: { CommentBody: string; CreatedById: string }[] };
  expect(result.records[0]).toMatchObject({ CommentBody: 'Customer called back: still failing.', CreatedById: agent.id });
});
