import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { RunningApp } from '../server/start';
import { seriousViolations, startSignedInApp, type SignedInApp } from './support/signedInApp';

/**
 * CONNECTIONS in real Chromium against the app in demo mode (both emulators): each refusal is
 * marked on the field that is wrong. One app and one signed-in context for the whole file.
 */
test.describe.configure({ mode: 'serial' });

/** Undefined when beforeAll failed before the app started. */
let harness: SignedInApp | undefined;
let app: RunningApp;
let signedIn: BrowserContext;

async function openConnections(): Promise<Page> {
  const page = await signedIn.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${app.url}/connections`);
  await expect(page.getByTestId('salesforce-save')).toBeVisible();
  return page;
}

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  harness = await startSignedInApp(browser, 'connections');
  ({ app, signedIn } = harness);
});

test.afterAll(async () => {
  await harness?.close();
});

test('the cards reserve no empty room for test results: the space appears with the answer', async () => {
  const page = await openConnections();
  const card = page.getByTestId('pagerduty-connection-card');
  const restTest = card.getByRole('button', { name: 'Test REST API connection' });
  const userTest = card.getByRole('button', { name: 'Test integration user' });
  const box = async (locator: typeof restTest) => {
    const found = await locator.boundingBox();
    if (!found) throw new Error('not laid out');
    return found;
  };
  const gapBetweenButtons = async () => (await box(userTest)).y - ((await box(restTest)).y + (await box(restTest)).height);

  // Before any test: the buttons sit close together and the card ends soon after the last one.
  expect(await gapBetweenButtons()).toBeLessThanOrEqual(16);
  const cardBottom = (await box(card)).y + (await box(card)).height;
  const lastButton = await box(userTest);
  expect(cardBottom - (lastButton.y + lastButton.height)).toBeLessThanOrEqual(40);

  // The answer takes the room it needs, between the buttons.
  await restTest.click();
  const result = page.getByTestId('test-result-pagerduty');
  await expect(result).toContainText('Connection OK');
  const answer = await box(result.locator('[data-tone]'));
  expect(answer.y).toBeGreaterThanOrEqual((await box(restTest)).y + (await box(restTest)).height);
  expect((await box(userTest)).y).toBeGreaterThanOrEqual(answer.y + answer.height);
  await page.close();
});

test('clearing the Salesforce username marks Username as required, not Password', async () => {
  const page = await openConnections();
  const card = page.getByTestId('salesforce-connection-card');
  const username = card.getByRole('textbox', { name: 'Username' });
  const saved = await username.inputValue();
  await username.fill('');
  await page.getByTestId('salesforce-save').click();

  await expect(page.getByTestId('sf-username-error')).toHaveText('Enter the username, e.g. integration@acme.com');
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await expect(username).toBeFocused();
  await expect(card.locator('#sf-password')).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByTestId('sf-password-error')).toHaveCount(0);
  const toast = page.getByTestId('toast').filter({ hasText: 'Salesforce settings not saved' });
  await expect(toast).toContainText('Username: Enter the username');
  expect(await seriousViolations(page)).toEqual([]);

  // Nothing was stored: the saved username comes back on reload.
  await page.reload();
  await expect(page.getByTestId('salesforce-connection-card').getByRole('textbox', { name: 'Username' })).toHaveValue(saved);
  await page.close();
});

test('a wrong PagerDuty key is saved, and the card says at once that PagerDuty refuses it and why', async () => {
  const page = await openConnections();
  const card = page.getByTestId('pagerduty-connection-card');
  await card.getByLabel('REST API key').fill('u+this-key-does-not-exist');
  await page.getByTestId('pagerduty-save').click();

  const notice = page.getByTestId('pagerduty-save-check');
  await expect(notice).toContainText('Saved, but PagerDuty refused the key: PagerDuty rejected the REST API key.');
  await expect(notice).toContainText('copy a valid key from PagerDuty');
  await expect(notice).toHaveAttribute('data-tone', 'warning');
  const toast = page.getByTestId('toast').filter({ hasText: 'PagerDuty settings saved, but they do not work' });
  await expect(toast).toHaveAttribute('data-variant', 'warning');
  await expect(page.getByTestId('toast').filter({ hasText: /^PagerDuty settings saved$/ })).toHaveCount(0);
  await expect(card.getByLabel('REST API key')).toHaveAttribute('placeholder', '•••• set (ends …xist)');
  expect(await seriousViolations(page)).toEqual([]);

  // The right key again: the card says it works.
  await card.getByLabel('REST API key').fill(app.emulators!.pagerduty.seedInfo().keys.account);
  await page.getByTestId('pagerduty-save').click();
  await expect(notice).toHaveText('Saved: connection OK.');
  await expect(notice).toHaveAttribute('data-tone', 'success');
  await page.close();
});

test('custom PagerDuty headers: a bad line is marked on the box, good ones are saved with their values masked, and can be removed', async () => {
  const page = await openConnections();
  const card = page.getByTestId('pagerduty-connection-card');
  const box = card.getByRole('textbox', { name: 'Custom headers' });
  await box.fill('X-Gateway-Key: gw-token-7f3a9c1e5b2d4680\nno colon here');
  await page.getByTestId('pagerduty-save').click();

  await expect(page.getByTestId('pd-custom-headers-error')).toHaveText('Line 2: no colon; write each header as Name: value, one per line.');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(box).toBeFocused();
  await expect(page.getByTestId('toast').filter({ hasText: 'PagerDuty settings not saved' })).toContainText('Custom headers: Line 2: no colon');
  await expect(card.getByTestId('pd-custom-headers-saved')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // Fixed: saved, the connection still works, and only the names and the value's end are shown.
  await box.fill('X-Gateway-Key: gw-token-7f3a9c1e5b2d4680\nX-Tenant: acme');
  await expect(page.getByTestId('pd-custom-headers-error')).toHaveCount(0);
  await page.getByTestId('pagerduty-save').click();
  await expect(page.getByTestId('pagerduty-save-check')).toHaveText('Saved: connection OK.');
  const saved = card.getByTestId('pd-custom-headers-saved');
  await expect(saved.getByRole('listitem')).toHaveText(['X-Gateway-Key: •••• (ends …4680)', 'X-Tenant: ••••']);
  await expect(box).toHaveValue('');
  await expect(card).not.toContainText('gw-token-7f3a9c1e5b2d4680');
  expect(await seriousViolations(page)).toEqual([]);

  await page.reload();
  await expect(saved.getByRole('listitem')).toHaveCount(2);
  await card.getByRole('button', { name: 'Remove all headers' }).click();
  await expect(saved).toContainText('Removed when you save:');
  await page.getByTestId('pagerduty-save').click();
  await expect(page.getByTestId('pagerduty-save-check')).toHaveText('Saved: connection OK.');
  await expect(saved).toHaveCount(0);
  await page.close();
});

test('a wrong Salesforce password is saved, and the card says Salesforce refuses the login', async () => {
  const page = await openConnections();
  const card = page.getByTestId('salesforce-connection-card');
  await card.locator('#sf-password').fill('not-the-password');
  await page.getByTestId('salesforce-save').click();

  const notice = page.getByTestId('salesforce-save-check');
  await expect(notice).toContainText('Saved, but Salesforce refused the login: Salesforce rejected the username, password or security token.');
  await expect(notice).toHaveAttribute('data-tone', 'warning');

  const user = app.emulators!.salesforce.seedInfo().users.find((candidate) => candidate.role === 'integration')!;
  await card.locator('#sf-password').fill(user.password);
  await page.getByTestId('salesforce-save').click();
  await expect(notice).toHaveText('Saved: connection OK.');
  await page.close();
});

test('an http:// PagerDuty API URL to another machine is saved with a warning on the card that the key travels unencrypted', async () => {
  const page = await openConnections();
  const card = page.getByTestId('pagerduty-connection-card');
  const pagerduty = app.emulators!.pagerduty;
  await card.getByLabel('API base URL').fill('http://0.0.0.0:9');
  await card.getByLabel('REST API key').fill(pagerduty.seedInfo().keys.account);
  await page.getByTestId('pagerduty-save').click();
  const warning = card.getByTestId('pagerduty-api-url-warning');
  await expect(warning).toContainText('the REST API key and custom headers travel unencrypted to 0.0.0.0:9');
  expect(await seriousViolations(page)).toEqual([]);

  // The emulator on this machine: nothing crosses a network, nothing to warn about.
  await card.getByLabel('API base URL').fill(pagerduty.url);
  await card.getByLabel('REST API key').fill(pagerduty.seedInfo().keys.account);
  await page.getByTestId('pagerduty-save').click();
  await expect(page.getByTestId('pagerduty-save-check')).toHaveText('Saved: connection OK.');
  await expect(warning).toHaveCount(0);
  await page.close();
});
