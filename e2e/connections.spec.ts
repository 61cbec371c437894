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
