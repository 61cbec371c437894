import { expect, test, type Page } from '@playwright/test';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../emulators/pagerduty/index';
import { seriousViolations } from './support/signedInApp';

// The emulator's console in a real browser, at the size people open it: the incident list and an
// incident's page, acting as a responder, checked through the REST API as any client sees it.
let emulator: PagerDutyEmulator;

test.use({ viewport: { width: 1440, height: 900 } });

test.beforeAll(async () => {
  emulator = await startPagerDutyEmulator({ port: 0, seed: 'demo' });
});

test.afterAll(async () => {
  await emulator.close();
});

test.beforeEach(() => {
  emulator.reset('demo');
});

async function rest<T>(path: string, init: RequestInit = {}): Promise<T> {
  const seed = emulator.seedInfo();
  const response = await fetch(`${emulator.url}${path}`, {
    ...init,
    headers: {
      authorization: `Token token=${seed.keys.account}`,
      accept: 'application/vnd.pagerduty+json;version=2',
      'content-type': 'application/json',
      from: seed.integrationUserEmail,
    },
  });
  expect(response.ok, `${init.method ?? 'GET'} ${path}: ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

interface RestIncident {
  status: string;
  priority?: { id: string; summary: string };
  acknowledgements: { acknowledger: { id: string } }[];
}

/** Every failed response while the page is open. */
function failedResponses(page: Page): string[] {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  return failed;
}

test('a responder acknowledges an incident from the list and the REST API shows it', async ({ page }) => {
  const seed = emulator.seedInfo();
  const incidentId = seed.ids.incidents[0]!;
  await page.goto(emulator.url);
  const row = page.locator(`tr[data-incident-id="${incidentId}"]`);
  await expect(row.getByTestId('status')).toHaveText('triggered');

  await page.getByLabel('Act as').selectOption('grace@example.com');
  await row.getByRole('checkbox', { name: 'Select incident #1' }).check();
  await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await expect(row.getByTestId('status')).toHaveText('acknowledged');
  await expect(page.getByRole('status')).toHaveText('1 incident acknowledged');

  const { incident } = await rest<{ incident: RestIncident }>(`/incidents/${incidentId}`);
  expect(incident.status).toBe('acknowledged');
  expect(incident.acknowledgements.map((a) => a.acknowledger.id)).toEqual([seed.ids.users['grace@example.com']]);
});

test('the incident list fits a 1,440 px window, with styled controls, a favicon and no failed request', async ({ page }) => {
  const failed = failedResponses(page);
  await page.goto(emulator.url);
  const table = page.getByRole('table', { name: 'Incidents' });
  await expect(table.getByRole('columnheader')).toHaveText(['', '#', 'Status', 'Priority', 'Urgency', 'Title', 'Service', 'Assigned to', 'Created']);
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table.locator('tbody tr').first()).toContainText('Nightly Case export failed');
  await expect(page.locator('tr', { hasText: 'Checkout latency above 2 s' })).toContainText(/Triggered\s*P1\s*High/i);

  // No horizontal scroll, and the header spans the same width as the table.
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    window: window.innerWidth,
    header: document.querySelector('header')!.getBoundingClientRect().width,
    table: document.querySelector('table')!.getBoundingClientRect().width,
  }));
  expect(widths.page).toBeLessThanOrEqual(widths.window);
  expect(widths.header).toBeGreaterThanOrEqual(widths.table);

  // Controls look alike: every button and select on the page has one height and one border radius.
  const shapes = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button.btn, select')]
      .filter((element) => element.offsetParent !== null)
      .map((element) => `${element.getBoundingClientRect().height}px/${getComputedStyle(element).borderRadius}`),
  );
  expect(shapes.length).toBeGreaterThanOrEqual(3);
  expect(new Set(shapes).size).toBe(1);

  // Filters narrow the list.
  await page.getByRole('button', { name: /^Open/ }).click();
  await expect(table.locator('tbody tr:visible')).toHaveCount(2);
  await page.getByRole('button', { name: /^Resolved/ }).click();
  await expect(table.locator('tbody tr:visible')).toHaveText([/Nightly Case export failed/]);

  expect(await seriousViolations(page)).toEqual([]);
  const favicon = await fetch(`${emulator.url}/favicon.ico`);
  expect(favicon.status).toBe(200);
  expect(favicon.headers.get('content-type')).toContain('image/svg+xml');
  expect(failed).toEqual([]);
});

test('the incident page sets the priority from the current one, acknowledges and resolves, and shows and adds notes', async ({ page }) => {
  const seed = emulator.seedInfo();
  const incidentId = seed.ids.incidents[1]!;
  const priorities = (await rest<{ priorities: { id: string; name: string }[] }>('/priorities')).priorities;
  const byName = (name: string) => priorities.find((priority) => priority.name === name)!.id;
  const retrigger = () => {
    const { incidents, store } = emulator.context;
    incidents.update(incidents.get(incidentId), { status: 'triggered' }, store.userByEmail('ada@example.com')!, 'web');
  };
  // Incident #2 is acknowledged at P3: triggered again, it goes through its whole life here.
  retrigger();

  const failed = failedResponses(page);
  await page.goto(emulator.url);
  await page.getByLabel('Act as').selectOption('katherine@example.com');
  await page.getByRole('link', { name: 'Customer cannot get a refund (Case 00001002)' }).click();
  await expect(page).toHaveURL(`${emulator.url}/?incidents=${incidentId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('#2 Customer cannot get a refund (Case 00001002)');

  // The priority select starts at the incident's priority, and "Set priority" waits for a change.
  await expect(page.getByLabel('Priority')).toHaveValue(byName('P3'));
  await expect(page.getByRole('button', { name: 'Set priority' })).toBeDisabled();
  await page.getByLabel('Priority').selectOption({ label: 'P2' });
  await page.getByRole('button', { name: 'Set priority' }).click();
  await expect(page.getByRole('status')).toHaveText('Incident #2 reprioritized');
  await expect(page.getByLabel('Priority')).toHaveValue(byName('P2'));
  expect((await rest<{ incident: RestIncident }>(`/incidents/${incidentId}`)).incident.priority?.id).toBe(byName('P2'));

  // Status actions.
  await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await expect(page.locator('#incident-badges').getByTestId('status')).toHaveText('acknowledged');
  await expect(page.getByRole('button', { name: 'Acknowledge', exact: true })).toBeHidden();
  await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('Acknowledged by Katherine Johnson.');

  // Notes: added here as the responder, and added through the API (as the sync engine does) while the page is open.
  await page.getByLabel('Add a note').fill('Refund service restarted; watching.');
  await page.getByRole('button', { name: 'Add note' }).click();
  const notes = page.getByRole('list', { name: 'Notes' });
  await expect(notes.getByRole('listitem')).toHaveCount(1);
  await expect(notes.getByRole('listitem').first()).toContainText('Katherine Johnson');
  await expect(notes.getByRole('listitem').first()).toContainText('Refund service restarted; watching.');
  await rest(`/incidents/${incidentId}/notes`, {
    method: 'POST',
    body: JSON.stringify({ note: { content: 'Salesforce Case 00001002: customer called back.' } }),
  });
  await expect(notes.getByRole('listitem').first()).toContainText('Salesforce Case 00001002: customer called back.', { timeout: 15_000 });
  await expect(notes.getByRole('listitem').first()).toContainText('Salesforce Integration');
  const restNotes = await rest<{ notes: { content: string; user: { summary: string } }[] }>(`/incidents/${incidentId}/notes`);
  expect(restNotes.notes.map((note) => [note.user.summary, note.content])).toEqual([
    ['Katherine Johnson', 'Refund service restarted; watching.'],
    ['Salesforce Integration', 'Salesforce Case 00001002: customer called back.'],
  ]);

  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(page.locator('#incident-badges').getByTestId('status')).toHaveText('resolved');
  expect((await rest<{ incident: RestIncident }>(`/incidents/${incidentId}`)).incident.status).toBe('resolved');

  // A change made elsewhere shows up without a reload.
  retrigger();
  await expect(page.locator('#incident-badges').getByTestId('status')).toHaveText('triggered', { timeout: 15_000 });

  await page.getByRole('link', { name: '← All incidents' }).click();
  await expect(page).toHaveURL(`${emulator.url}/`);
  await expect(page.locator(`tr[data-incident-id="${incidentId}"]`).getByTestId('status')).toHaveText('triggered');
  expect(failed).toEqual([]);
});

test('the incident page shows custom fields, the conference bridge, responders and status updates, and a person adds a responder, answers and posts an update', async ({
  page,
}) => {
  const seed = emulator.seedInfo();
  const incidentId = seed.ids.incidents[0]!;
  await rest(`/incidents/${incidentId}/custom_fields/values`, {
    method: 'PUT',
    body: JSON.stringify({ custom_fields: [{ name: 'customer_tier', value: 'Gold' }] }),
  });
  await rest(`/incidents/${incidentId}`, {
    method: 'PUT',
    body: JSON.stringify({
      incident: { type: 'incident_reference', conference_bridge: { conference_number: '+1-555-0100', conference_url: 'https://meet.example.com/checkout' } },
    }),
  });

  const failed = failedResponses(page);
  await page.goto(`${emulator.url}/?incidents=${incidentId}`);
  await page.getByLabel('Act as').selectOption('ada@example.com');
  const details = page.locator('#incident-details');
  await expect(details).toContainText('Customer tier');
  await expect(details).toContainText('Gold');
  await expect(details).toContainText('+1-555-0100');
  await expect(details.getByRole('link', { name: 'https://meet.example.com/checkout' })).toBeVisible();

  // Ada asks Alan to help; Alan (acting in the console) accepts and becomes an assignee.
  await page.getByLabel('Ask').selectOption({ label: 'Alan Turing' });
  await page.getByLabel('Message').fill('Can you check the payment gateway?');
  await page.getByRole('button', { name: 'Add responder' }).click();
  const responders = page.getByRole('list', { name: 'Responders' });
  await expect(responders.getByRole('listitem')).toHaveCount(1);
  await expect(responders).toContainText('Alan Turing');
  await expect(responders).toContainText('pending');
  await expect(responders).toContainText('Can you check the payment gateway?');
  await expect(responders.getByRole('button', { name: 'Accept' })).toHaveCount(0);
  await page.getByLabel('Act as').selectOption('alan@example.com');
  await responders.getByRole('button', { name: 'Accept' }).click();
  await expect(responders).toContainText('joined');
  const rested = await rest<{ incident: { incidents_responders: { state: string }[]; assignments: { assignee: { id: string } }[] } }>(
    `/incidents/${incidentId}`,
  );
  expect(rested.incident.incidents_responders.map((responder) => responder.state)).toEqual(['joined']);
  expect(rested.incident.assignments.map((assignment) => assignment.assignee.id)).toContain(seed.ids.users['alan@example.com']);

  // A status update posted here, and one posted through the API while the page is open.
  await page.getByLabel('Post a status update').fill('Gateway failover in progress.');
  await page.getByRole('button', { name: 'Post update' }).click();
  const updates = page.getByRole('list', { name: 'Status updates' });
  await expect(updates.getByRole('listitem')).toHaveCount(1);
  await expect(updates).toContainText('Alan Turing');
  await rest(`/incidents/${incidentId}/status_updates`, { method: 'POST', body: JSON.stringify({ message: 'Customers notified from Salesforce.' }) });
  await expect(updates.getByRole('listitem').first()).toContainText('Customers notified from Salesforce.', { timeout: 15_000 });

  expect(await seriousViolations(page)).toEqual([]);
  expect(failed).toEqual([]);
});

test('an incident\'s html_url (as the app\'s "Open in PagerDuty" links use it) opens the console on that incident', async ({ page }) => {
  const incidentId = emulator.seedInfo().ids.incidents[1]!;
  const { incident } = await rest<{ incident: { html_url: string; title: string; incident_number: number } }>(`/incidents/${incidentId}`);
  expect(incident.html_url).toBe(`${emulator.url}/incidents/${incidentId}`);

  const failed = failedResponses(page);
  await page.goto(incident.html_url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`#${incident.incident_number} ${incident.title}`);
  await page.getByRole('link', { name: '← All incidents' }).click();
  await expect(page).toHaveURL(`${emulator.url}/`);
  await expect(page.locator(`tr[data-incident-id="${incidentId}"]`)).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`#${incident.incident_number} ${incident.title}`);
  expect(failed).toEqual([]);
});
