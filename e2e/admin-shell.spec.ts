import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { addIntakeNotice } from '../server/intake/intakeState';
import type { RunningApp } from '../server/start';
import { seriousViolations, startSignedInApp, type SignedInApp } from './support/signedInApp';

/**
 * The admin UI in real Chromium against the app in demo mode (both emulators): the printed
 * sign-in link, a green SUMMARY, keyboard tabs, axe checks, and a broken PagerDuty key turning
 * SUMMARY red. One app and one signed-in browser context for the whole file: the sign-in link
 * works once, as it should.
 */
test.describe.configure({ mode: 'serial' });

/** Undefined when beforeAll failed before the app started. */
let harness: SignedInApp | undefined;
let app: RunningApp;
let signedIn: BrowserContext;

async function openSignedIn(path: string): Promise<Page> {
  const page = await signedIn.newPage();
  await page.goto(`${app.url}${path}`);
  return page;
}

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  harness = await startSignedInApp(browser, 'admin-shell');
  ({ app, signedIn } = harness);
});

test.afterAll(async () => {
  await harness?.close();
});

test('the sign-in link opens SUMMARY with both connections green', async () => {
  const page = await openSignedIn('/');
  await expect(page).toHaveURL(`${app.url}/summary`);
  await expect(page.getByRole('heading', { level: 1, name: 'PagerDuty Configuration' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'SUMMARY' })).toHaveAttribute('aria-selected', 'true');

  for (const testId of ['summary-pagerduty-status', 'summary-salesforce-status', 'summary-integration-user-status']) {
    const status = page.getByTestId(testId);
    await expect(status).toContainText('Connection OK');
    await expect(status).toHaveAttribute('data-tone', 'success');
    await expect(status.locator('.slds-badge')).toHaveClass(/slds-theme_success/);
  }
  // Before any sync the card says so; once the demo worker ran it lists times and counts.
  await expect(page.getByTestId('summary-sync-status')).toContainText(/No sync yet|Last inbound event/);
  // The budgets come from the emulators' Sforce-Limit-Info and ratelimit headers.
  await expect(page.getByTestId('summary-budget-salesforce')).toContainText('daily API requests used');
  await page.close();
});

test('SUMMARY shows the Salesforce intake problems of the last day and hides older ones', async () => {
  const page = await openSignedIn('/summary');
  await expect(page.getByTestId('summary-pagerduty-status')).toContainText('Connection OK');
  await expect(page.getByTestId('summary-card-intake')).toHaveCount(0);
  await addIntakeNotice(app.ctx.db, { code: 'poll_failed', message: 'A notice from two days ago.' }, new Date(Date.now() - 48 * 3_600_000));
  await addIntakeNotice(app.ctx.db, { code: 'replay_gap', message: 'The stored CDC position is older than Salesforce keeps change events.' });
  await page.getByRole('button', { name: 'Refresh' }).click();
  const card = page.getByTestId('summary-card-intake');
  await expect(card).toContainText('Change events missed: replayed and polled');
  await expect(card).toContainText('older than Salesforce keeps change events');
  await expect(card).not.toContainText('two days ago');
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
});

test('SUMMARY refreshes itself every 15 seconds without a page reload', async ({ browser }) => {
  // A context of its own: Playwright's fake clock applies to a whole browser context.
  const context = await browser.newContext({ storageState: await signedIn.storageState() });
  const page = await context.newPage();
  await page.clock.install();
  let summaryRequests = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/summary') summaryRequests++;
  });
  await page.goto(`${app.url}/summary`);
  await expect(page.getByTestId('summary-pagerduty-status')).toContainText('Connection OK');
  expect(summaryRequests).toBe(1);
  const marker = await page.evaluate(() => ((window as { pageMarker?: number }).pageMarker = Math.random()));

  await page.clock.fastForward(16_000);
  await expect.poll(() => summaryRequests).toBe(2);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect.poll(() => summaryRequests).toBe(3);
  expect(await page.evaluate(() => (window as { pageMarker?: number }).pageMarker)).toBe(marker);
  await context.close();
});

test('tabs work from the keyboard and each has its own URL', async () => {
  const page = await openSignedIn('/summary');
  const tabs = page.getByRole('tab');
  // Other features add tabs; the pattern must hold whatever their number.
  const labels = await tabs.allTextContents();
  const count = labels.length;
  expect(count).toBeGreaterThanOrEqual(2);
  expect(labels[0]?.trim()).toBe('SUMMARY');
  expect(labels.map((label) => label.trim())).toContain('CONNECTIONS');
  const first = tabs.nth(0);
  const second = tabs.nth(1);
  const last = tabs.nth(count - 1);

  await first.focus();
  await page.keyboard.press('ArrowRight');
  await expect(second).toBeFocused();
  await expect(second).toHaveAttribute('aria-selected', 'true');
  await expect(second).toHaveAttribute('tabindex', '0');
  await expect(first).toHaveAttribute('aria-selected', 'false');
  await expect(first).toHaveAttribute('tabindex', '-1');
  await expect(page).toHaveURL(`${app.url}${await second.getAttribute('href')}`);

  await page.keyboard.press('ArrowLeft');
  await expect(first).toBeFocused();
  await page.keyboard.press('ArrowLeft'); // wraps around to the last tab
  await expect(last).toBeFocused();
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight'); // and back to the first
  await expect(first).toBeFocused();
  await page.keyboard.press('End');
  await expect(last).toBeFocused();
  await page.keyboard.press('Home');
  await expect(first).toBeFocused();
  await expect(page.getByTestId('summary-pagerduty-status')).toBeVisible();

  // Tab leaves the tab list for the panel (one tab stop per tab list).
  await page.keyboard.press('Tab');
  await expect(page.locator('[role=tab]:focus')).toHaveCount(0);

  // Each tab has its path: a reload keeps the tab; Back returns to the previous one.
  const connections = page.getByRole('tab', { name: 'CONNECTIONS' });
  await connections.click();
  await expect(page).toHaveURL(`${app.url}/connections`);
  await expect(page.getByRole('tabpanel', { name: 'CONNECTIONS' })).toContainText('REST API key');
  await page.reload();
  await expect(page.getByRole('tab', { name: 'CONNECTIONS' })).toHaveAttribute('aria-selected', 'true');
  await page.goBack();
  await expect(page.getByRole('tab', { name: 'SUMMARY' })).toHaveAttribute('aria-selected', 'true');
  await page.close();
});

test('SUMMARY and CONNECTIONS have no serious accessibility violations', async () => {
  const page = await openSignedIn('/summary');
  await expect(page.getByTestId('summary-pagerduty-status')).toContainText('Connection OK');
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('tab', { name: 'CONNECTIONS' }).click();
  await expect(page.getByTestId('pagerduty-save')).toBeVisible();
  await page.getByRole('button', { name: 'Test REST API connection' }).click();
  await expect(page.getByTestId('test-result-pagerduty')).toContainText('Connection OK');
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
});

test('the sign-in screen explains a used link and has no serious accessibility violations', async ({ page }) => {
  await page.goto(app.signInUrl); // already redeemed in beforeAll
  await expect(page).toHaveURL(/\?signin=expired$/);
  await expect(page.getByTestId('sign-in-notice')).toHaveText(
    'That sign-in link was already used or has expired; sign in with your password, or restart the app to get a new link.',
  );
  await expect(page.getByLabel('Username')).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('Wrong username or password.');
  await expect(page.getByLabel('Password')).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the Test buttons answer plainly for each connection', async () => {
  const page = await openSignedIn('/connections');
  await page.getByRole('button', { name: 'Test integration user' }).click();
  await expect(page.getByTestId('test-result-integration-user')).toContainText('Connection OK');
  await page.getByRole('button', { name: 'Test Salesforce authentication' }).click();
  await expect(page.getByTestId('test-result-salesforce')).toContainText('Connection OK');
  await expect(page.getByTestId('test-result-salesforce').locator('[data-tone]')).toHaveAttribute('data-tone', 'success');
  await page.close();
});

test('an invalid API URL is marked on the field and in a toast', async () => {
  const page = await openSignedIn('/connections');
  const apiUrl = page.getByLabel('API base URL');
  const saved = await apiUrl.inputValue();
  await apiUrl.fill('not a url');
  await page.getByTestId('pagerduty-save').click();

  await expect(page.getByTestId('pd-api-url-error')).toHaveText('Enter the API base URL, e.g. https://api.pagerduty.com');
  await expect(apiUrl).toHaveAttribute('aria-invalid', 'true');
  await expect(apiUrl).toBeFocused();
  const toast = page.getByTestId('toast').filter({ hasText: 'PagerDuty settings not saved' });
  await expect(toast).toContainText('API base URL: Enter the API base URL');
  await expect(toast).toHaveAttribute('data-variant', 'error');
  expect(await seriousViolations(page)).toEqual([]);

  // Escape closes the toast; the stored URL did not change.
  await toast.getByRole('button', { name: 'Close' }).focus();
  await page.keyboard.press('Escape');
  await expect(toast).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('API base URL')).toHaveValue(saved);
  await page.close();
});

test('a bad PagerDuty key saved on CONNECTIONS turns SUMMARY red with the reason', async () => {
  const page = await openSignedIn('/connections');
  const key = page.getByLabel('REST API key');
  await expect(key).toHaveAttribute('placeholder', /^•••• set/);
  await key.fill('u+this-key-does-not-exist');
  await page.getByTestId('pagerduty-save').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'PagerDuty settings saved' })).toBeVisible();
  // Write-only: the field empties again and shows only how the new key ends.
  await expect(key).toHaveValue('');
  await expect(key).toHaveAttribute('placeholder', '•••• set (ends …xist)');

  await page.getByRole('button', { name: 'Test REST API connection' }).click();
  const result = page.getByTestId('test-result-pagerduty');
  await expect(result).toContainText('PagerDuty rejected the REST API key.');
  await expect(result).toContainText('copy a valid key');

  await page.getByRole('tab', { name: 'SUMMARY' }).click();
  const status = page.getByTestId('summary-pagerduty-status');
  await expect(status).toHaveAttribute('data-tone', 'error');
  await expect(status).toContainText('Connection failed');
  await expect(status).toContainText('PagerDuty rejected the REST API key.');
  await expect(status.locator('.slds-badge')).toHaveClass(/slds-theme_error/);
  await expect(page.getByTestId('summary-salesforce-status')).toContainText('Connection OK');

  // The failing card links straight back to the form, in-app (no page load).
  await page.getByTestId('summary-card-pagerduty').getByRole('link', { name: 'Fix on the CONNECTIONS tab' }).click();
  await expect(page.getByRole('tab', { name: 'CONNECTIONS' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'CONNECTIONS' })).toBeFocused();
  await expect(page).toHaveURL(`${app.url}/connections`);
  await page.close();
});

test('signing out returns to the sign-in screen and ends the session', async () => {
  const page = await openSignedIn('/summary');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByTestId('sign-in-notice')).toHaveText('You are signed out.');
  await expect(page.getByLabel('Username')).toBeFocused();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const reply = await page.request.get(`${app.url}/api/summary`);
  expect(reply.status()).toBe(401);
  await page.close();
});
