import { expect, test, type BrowserContext } from '@playwright/test';
import type { RunningApp } from '../server/start';
import { startSignedInApp, type SignedInApp } from './support/signedInApp';

/**
 * Manual sync in real Chromium against the app in demo mode: set the start date in the sync
 * settings, run a full sync, and watch the progress bar reach 100% with every seeded Case.
 * `<pd-sync-settings>` lives on the SYNC LOG tab (placed there by that tab's owner).
 */
test.describe.configure({ mode: 'serial' });

const HOST_TAB = '/sync-log';
/** Undefined when beforeAll failed before the app started. */
let harness: SignedInApp | undefined;
let app: RunningApp;
let signedIn: BrowserContext;

test.beforeAll(async ({ browser }) => {
  harness = await startSignedInApp(browser, 'manual-sync');
  ({ app, signedIn } = harness);
});

test.afterAll(async () => {
  await harness?.close();
});

test('a full sync fills the progress bar to 100% with every Case since the start date', async () => {
  const page = await signedIn.newPage();
  await page.goto(`${app.url}${HOST_TAB}`);
  await page.locator('pd-sync-settings').waitFor({ timeout: 10_000 });

  const form = page.getByTestId('sync-settings-form');
  await form.getByLabel('Start date').fill('2020-01-01T00:00');
  await form.getByLabel('Start date').blur();
  await page.getByTestId('sync-settings-save').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Sync settings saved' })).toBeVisible();

  await page.getByTestId('manual-sync-full').click();
  const bar = page.getByTestId('manual-sync-progress');
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
  await expect(page.getByTestId('manual-sync-status')).toContainText('Full sync: Completed');
  const cases = app.emulators!.salesforce.seedInfo().caseIds.length;
  await expect(bar).toHaveAttribute('aria-valuetext', `${cases} of ${cases} Cases (100%)`);
  await expect(page.getByTestId('manual-sync-cancel')).toHaveCount(0);

  const runs = await app.ctx.manualSync.runs.latest(1);
  expect(runs[0]).toMatchObject({ mode: 'full', state: 'succeeded', processed: cases, total: cases });
});

test('saving the sync settings after the session ended brings the sign-in screen back', async ({ browser }) => {
  // A context of its own, so ending its session leaves the shared one signed in.
  const context = await browser.newContext({ storageState: await signedIn.storageState() });
  const page = await context.newPage();
  await page.goto(`${app.url}${HOST_TAB}`);
  await expect(page.getByTestId('sync-settings-form')).toBeVisible();

  // The session cookie expires: the next request carries no session and the server answers 401.
  // Every other API call (the log's own refresh) fails on the network instead, so only the
  // sync settings' 401 can bring the sign-in screen back.
  await context.clearCookies();
  await page.route(
    (url) => url.pathname.startsWith('/api/') && url.pathname !== '/api/sync/settings',
    (route) => route.abort(),
  );
  const reply = page.waitForResponse((response) => response.url() === `${app.url}/api/sync/settings` && response.request().method() === 'PUT');
  await page.getByTestId('sync-settings-save').click();
  expect((await reply).status()).toBe(401);

  await expect(page.getByTestId('sign-in-notice')).toHaveText('Your session has ended; sign in again to continue.');
  await expect(page.getByLabel('Username')).toBeVisible();
  await expect(page.getByTestId('sync-settings-form')).toHaveCount(0);
  await context.close();
});
