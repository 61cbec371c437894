import { expect, test } from '@playwright/test';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../emulators/pagerduty/index';

let emulator: PagerDutyEmulator;

test.beforeAll(async () => {
  emulator = await startPagerDutyEmulator({ port: 0, seed: 'demo' });
});

test.afterAll(async () => {
  await emulator.close();
});

test('a responder acknowledges an incident in the console and the REST API shows it', async ({ page }) => {
  const seed = emulator.seedInfo();
  const incidentId = seed.ids.incidents[0]!;
  await page.goto(emulator.url);
  const row = page.locator(`tr[data-incident-id="${incidentId}"]`);
  await expect(row.getByTestId('status')).toHaveText('triggered');

  await page.getByLabel('Act as').selectOption('grace@example.com');
  await row.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(row.getByTestId('status')).toHaveText('acknowledged');

  const response = await fetch(`${emulator.url}/incidents/${incidentId}`, {
    headers: { authorization: `Token token=${seed.keys.account}`, accept: 'application/vnd.pagerduty+json;version=2' },
  });
  const { incident } = (await response.json()) as {
    incident: { status: string; acknowledgements: { acknowledger: { id: string } }[] };
  };
  expect(incident.status).toBe('acknowledged');
  expect(incident.acknowledgements.map((a) => a.acknowledger.id)).toEqual([seed.ids.users['grace@example.com']]);
});
