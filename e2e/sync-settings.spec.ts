import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { RunningApp } from '../server/start';
import { seriousViolations, startSignedInApp, type SignedInApp } from './support/signedInApp';

/**
 * The sync settings form (on SYNC LOG) in real Chromium against the app in demo mode: a refused
 * value is explained at its field in the admin's words, and the help says what the switch does now.
 */
test.describe.configure({ mode: 'serial' });

/** Undefined when beforeAll failed before the app started. */
let harness: SignedInApp | undefined;
let app: RunningApp;
let signedIn: BrowserContext;

async function openSettings(): Promise<Page> {
  const page = await signedIn.newPage();
  await page.goto(`${app.url}/sync-log`);
  await expect(page.getByTestId('sync-settings-form')).toBeVisible();
  return page;
}

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  harness = await startSignedInApp(browser, 'sync-settings');
  ({ app, signedIn } = harness);
});

test.afterAll(async () => {
  await harness?.close();
});

test('"Poll every 0" is explained at the field, without a toast of internal names', async () => {
  const page = await openSettings();
  const poll = page.getByLabel('Poll every (seconds)');
  await poll.fill('0');
  await poll.blur();
  const reply = page.waitForResponse((response) => response.url() === `${app.url}/api/sync/settings` && response.request().method() === 'PUT');
  await page.getByTestId('sync-settings-save').click();
  expect((await reply).status()).toBe(400);

  await expect(page.locator('#sync-poll-interval-help')).toHaveText('Enter 10 seconds or more');
  await expect(poll).toHaveAttribute('aria-invalid', 'true');
  await expect(poll).toBeFocused();
  await expect(page.getByTestId('toast')).toHaveCount(0);
  await expect(page.getByText('pollIntervalSeconds')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // Editing the field takes the message away; an empty box is refused in words too.
  await poll.fill('');
  await poll.blur();
  await expect(poll).toHaveAttribute('aria-invalid', 'false');
  await page.getByTestId('sync-settings-save').click();
  await expect(page.locator('#sync-poll-interval-help')).toHaveText('Enter a number of seconds, e.g. 60');

  await poll.fill('120');
  await poll.blur();
  await page.getByTestId('sync-settings-save').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Sync settings saved' })).toBeVisible();
  await expect(page.locator('#sync-poll-interval-help')).toHaveText('Polling mode: one API call per poll.');
  await page.close();
});

test('the automatic sync help describes the state the switch is in', async () => {
  const page = await openSettings();
  const help = page.locator('#sync-automatic-help');
  const toggle = page.getByRole('checkbox', { name: 'Automatic sync' });
  await expect(toggle).toBeChecked();
  await expect(help).toHaveText('On: Case changes arrive as they happen (Change Data Capture).');

  await page.getByLabel('Salesforce changes arrive by').selectOption('poll');
  const seconds = await page.getByLabel('Poll every (seconds)').inputValue();
  await expect(help).toHaveText(`On: Salesforce is polled for changed Cases every ${seconds} seconds.`);

  await toggle.uncheck({ force: true });
  await expect(help).toHaveText('Off: only manual syncs read Salesforce.');
  await page.close();
});
