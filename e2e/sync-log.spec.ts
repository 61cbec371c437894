import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import type { Ruleset } from '../rules/model';
import type { RunningApp } from '../server/start';
import { RulesetStore } from '../server/store/rulesets';
import { SYNC_TABLES } from '../server/store/tables';
import type { CaseChangePayload } from '../server/pipeline/events';
import { startSignedInApp, type SignedInApp } from './support/signedInApp';

/**
 * SYNC LOG in real Chromium against the app in demo mode (both emulators, the real worker): an
 * enabled ruleset creates an incident for a High priority Case, the row shows the Case, the
 * incident and the trace; a PagerDuty fault makes the next action dead, and Retry (after the
 * fault is cleared) brings it to done.
 */
test.describe.configure({ mode: 'serial' });

/** Undefined when beforeAll failed before the app started. */
let harness: SignedInApp | undefined;
let app: RunningApp;
let page: Page;

async function caseRecord(caseId: string): Promise<Record<string, unknown>> {
  const record = (await app.ctx.sessions.salesforce.run((connection) => connection.sobject('Case').retrieve(caseId))) as Record<string, unknown>;
  const { attributes: _attributes, ...fields } = record;
  return fields;
}

/** A Case create as CDC delivers it, for a seeded Case raised to High priority. */
async function recordCaseCreate(caseId: string): Promise<{ eventId: number; caseNumber: string }> {
  const values: Record<string, unknown> = { ...(await caseRecord(caseId)), Priority: 'High' };
  const payload: CaseChangePayload = {
    changeType: 'CREATE',
    caseId,
    changedFields: Object.keys(values),
    nulledFields: [],
    values,
    commitUser: null,
    commitTimestamp: Date.now(),
    origin: 'cdc',
  };
  const stored = await app.ctx.sync.record({
    source: 'salesforce',
    sourceEventId: `e2e:${caseId}:${Date.now()}`,
    kind: 'case.create',
    payload,
    caseId,
    caseNumber: String(values.CaseNumber),
  });
  expect(stored.eventId).not.toBeNull();
  return { eventId: stored.eventId!, caseNumber: String(values.CaseNumber) };
}

async function pagerDutyControl(method: 'POST' | 'DELETE', route: string, body?: unknown): Promise<void> {
  const response = await fetch(`${app.emulators!.pagerduty.url}/__emulator${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.ok, `${method} ${route}: ${response.status}`).toBe(true);
}

/** Words of an element's text that the layout broke across two lines (none when it wraps only between words). */
async function brokenWords(locator: Locator): Promise<string[]> {
  return locator.evaluate((element) => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of (node.textContent ?? '').matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        if (new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1) broken.push(match[0]);
      }
    }
    return broken;
  });
}

/** Whether part of an element's text is cut off (line clamp or overflow). */
async function clipped(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1);
}

/** Whether an element is really seen: scrolled to, it is what the page shows at its place (no ancestor clips or covers it). */
async function onScreen(locator: Locator): Promise<boolean> {
  await locator.scrollIntoViewIfNeeded();
  return locator.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) return false;
    const hit = document.elementFromPoint(rect.left + Math.min(4, rect.width / 2), rect.top + rect.height / 2);
    return hit !== null && element.contains(hit);
  });
}

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  harness = await startSignedInApp(browser, 'sync-log');
  app = harness.app;
  const serviceId = Object.values(app.emulators!.pagerduty.seedInfo().ids.services)[0]!;
  const ruleset: Ruleset = {
    id: 'e2e-escalation',
    name: 'Escalation',
    enabled: true,
    position: 0,
    rules: [
      {
        id: 'high-priority',
        name: 'High priority Cases',
        runOn: { kind: 'case', on: 'create' },
        conditions: [
          { field: 'Case.Priority', operator: 'equals', value: 'High' },
          { field: 'Case.Subject', operator: 'is_not_blank' },
        ],
        filterLogic: { kind: 'all' },
        actions: [{ type: 'create_incident', serviceId }],
        stopProcessing: false,
      },
    ],
  };
  await new RulesetStore(app.ctx.db).save(ruleset);

  page = await harness.signedIn.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${app.url}/summary`);
});

test.afterAll(async () => {
  await harness?.close();
});

test('a matching Case create shows as done, with its incident, links and the rules trace', async () => {
  const [caseId] = app.emulators!.salesforce.seedInfo().caseIds;
  const { eventId, caseNumber } = await recordCaseCreate(caseId!);

  await page.getByRole('tab', { name: 'SYNC LOG' }).click();
  await expect(page).toHaveURL(`${app.url}/sync-log`);
  const row = page.locator(`[data-testid="sync-log-row"][data-key="event-${eventId}"]`);
  await expect(row).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await expect(row).toContainText(caseNumber);
  // The kind in the editor's words; the engine's name stays in its tooltip (and in the CSV).
  await expect(row).toContainText('Case created');
  await expect(row.getByTitle('case.create')).toBeVisible();
  await expect(row).toContainText('Escalation › High priority Cases');
  // The matched rule and the note are readable in full: wrapped between words, never cut to "…".
  for (const text of [row.getByTestId('sync-log-rule'), row.getByTestId('sync-log-note')]) {
    await expect(text).toBeVisible();
    expect(await clipped(text)).toBe(false);
    expect(await brokenWords(text)).toEqual([]);
  }
  await expect(row.getByTestId('sync-log-note')).toHaveText('1 rule(s) matched, 1 action(s)');
  // The Case link opens that Case on the Salesforce emulator's console, not the console's start page.
  // (the Lightning record address, at which the emulator's console answers too).
  await expect(row.getByRole('link', { name: caseNumber })).toHaveAttribute('href', `${app.emulators!.salesforce.url}/lightning/r/Case/${caseId}/view`);
  const incidentLink = row.getByRole('link', { name: /^#\d+$/ });
  await expect(incidentLink).toHaveAttribute('href', new RegExp(`^${app.emulators!.pagerduty.url}`));

  const action = page.locator('[data-testid="sync-log-action-row"]').filter({ hasText: 'Create incident' }).first();
  await expect(action).toHaveAttribute('data-state', 'done');

  await row.getByTestId('sync-log-expand').click();
  const trace = page.getByTestId('sync-log-trace');
  await expect(trace.getByTestId('sync-log-trace-rule')).toHaveAttribute('data-matched', 'true');
  const condition = trace.locator('tbody tr').first();
  await expect(condition).toContainText('Case.Priority');
  await expect(condition).toContainText('equals');
  await expect(condition).toContainText('"High"');
  await expect(condition).toContainText('True');
  // Operators by the names the rule editor gives them.
  await expect(trace.locator('tbody tr').nth(1).getByTestId('sync-log-trace-operator')).toHaveText('is not blank');

  // The tab, with a trace open, passes axe without serious or critical violations.
  const axe = await new AxeBuilder({ page }).include('pd-sync-log-tab').analyze();
  const serious = axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`)).toEqual([]);

  // Filters and search narrow the table; the empty state says so.
  await page.getByTestId('sync-log-search').fill(caseNumber);
  await expect(page.getByTestId('sync-log-row')).toHaveCount(1);
  await page.getByTestId('sync-log-status').selectOption('dead');
  await expect(page.getByTestId('sync-log-empty')).toContainText('No rows match these filters');
  await page.getByTestId('sync-log-status').selectOption('');
  await page.getByTestId('sync-log-search').fill('');
  await expect(page.getByTestId('sync-log-export')).toHaveAttribute('href', '/api/sync/log.csv');
  // How long rows are kept (RETENTION_DAYS, its default here) is said under the log.
  await expect(page.getByTestId('sync-log-retention')).toContainText('Finished rows are kept 30 days (RETENTION_DAYS)');
});

test('a create for a Case that is already linked shows as Skipped with the reason, and the status filter finds it', async () => {
  const [caseId] = app.emulators!.salesforce.seedInfo().caseIds;
  const link = await app.ctx.links.byCase(caseId!);
  expect(link).toBeDefined();
  const { eventId } = await recordCaseCreate(caseId!);

  const row = page.locator(`[data-testid="sync-log-row"][data-key="event-${eventId}"]`);
  await expect(row).toHaveAttribute('data-status', 'skipped', { timeout: 20_000 });
  await expect(row.getByTestId('sync-log-status-badge')).toHaveText('Skipped');
  const action = page.locator(`[data-testid="sync-log-action-row"][data-event-key="event-${eventId}"]`);
  await expect(action).toHaveAttribute('data-status', 'skipped');
  await expect(action.getByTestId('sync-log-skipped-reason')).toHaveText(`The Case is already linked to incident #${link!.incidentNumber}`);

  await page.getByTestId('sync-log-status').selectOption('skipped');
  await expect(page.getByTestId('sync-log-row')).toHaveCount(1);
  await expect(page.getByTestId('sync-log-row')).toHaveAttribute('data-key', `event-${eventId}`);
  await page.getByTestId('sync-log-status').selectOption('');
});

test('a dead action shows its whole error, readably, with the hint; Retry after the fault is cleared ends done', async () => {
  const message =
    'Invalid Input Provided: the service given was not found in this account, its escalation policy was deleted meanwhile, and the incident cannot be created until both exist again';
  await pagerDutyControl('POST', '/faults', { path: '^/incidents$', method: 'POST', status: 400, code: 2001, message });
  const caseId = app.emulators!.salesforce.seedInfo().caseIds[1]!;
  const { eventId } = await recordCaseCreate(caseId);

  const row = page.locator(`[data-testid="sync-log-row"][data-key="event-${eventId}"]`);
  await expect(row).toHaveAttribute('data-status', 'dead', { timeout: 20_000 });
  const action = page.locator(`[data-testid="sync-log-action-row"][data-event-key="event-${eventId}"]`);
  const job = await app.ctx
    .db<{ event_id: number; task: string; last_error: string; error_hint: string }>(SYNC_TABLES.jobs)
    .where({ event_id: eventId, task: 'create_incident' })
    .first();
  expect(job?.error_hint).toBeTruthy();

  // The error wraps between words only, is cut to a few lines, and "Show more" shows all of it.
  const error = action.getByTestId('sync-log-error-message');
  await expect(error).toHaveText(job!.last_error);
  expect(await brokenWords(error)).toEqual([]);
  expect(await clipped(error)).toBe(true);
  const more = action.getByRole('button', { name: 'Show more' });
  await more.click();
  await expect(action.getByRole('button', { name: 'Show less' })).toHaveAttribute('aria-expanded', 'true');
  expect(await clipped(error)).toBe(false);
  // The hint says what to do, in full and on screen (not clipped away with the error).
  const hint = action.getByTestId('sync-log-error-hint');
  await expect(hint).toHaveText(job!.error_hint);
  expect(await onScreen(hint)).toBe(true);
  expect(await brokenWords(hint)).toEqual([]);

  const retry = page.getByTestId('sync-log-retry');
  await expect(retry).toHaveCount(1);

  await pagerDutyControl('DELETE', '/faults');
  await retry.click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Retry queued' })).toBeVisible();
  await expect(row).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await expect(page.getByTestId('sync-log-retry')).toHaveCount(0);
  await expect(row.getByRole('link', { name: /^#\d+$/ })).toBeVisible();
});

test('SUMMARY shows the sync figures', async () => {
  await page.getByRole('tab', { name: 'SUMMARY' }).click();
  const sync = page.getByTestId('summary-sync-status');
  await expect(sync).toContainText('Actions done (24 h)');
  await expect(page.getByTestId('summary-sync-dead')).toHaveText('0');
  await expect(page.getByTestId('summary-rulesets')).toContainText('1 of 1 enabled');
});
