import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { caseToRaise } from './support/demoCases';

/**
 * The README's quick start, word by word, in real Chromium: `npm start` in demo mode (run as
 * `tsx server/main.ts`, what `npm start` runs after building the UI, on free ports), the printed
 * one-time sign-in link, SUMMARY green, the two starter rulesets enabled on RULESETS, a Case
 * raised to High on the Salesforce emulator's console, its incident on the PagerDuty emulator's
 * console, acknowledged there, and the Case following (Status Working). Then "Add from template",
 * and what "Run full sync" says it reads.
 */
test.describe.configure({ mode: 'serial' });

const ROOT = path.resolve(import.meta.dirname, '..');

interface Started {
  process: ChildProcessWithoutNullStreams;
  dataDir: string;
  signInUrl: string;
  appUrl: string;
  salesforceUrl: string;
  pagerdutyUrl: string;
}

/** Undefined when beforeAll failed before `npm start` printed its links. */
let started: Started | undefined;
let context: BrowserContext;

function running(): Started {
  if (!started) throw new Error('The app did not start (see beforeAll)');
  return started;
}

/** `npm start` (without its UI build, done before the specs): resolves with the links it prints. */
async function npmStart(): Promise<Started> {
  if (!fs.existsSync(path.join(ROOT, 'dist/web/index.html'))) throw new Error('The admin UI is not built: run `npx vite build` first.');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-e2e-readme-'));
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', SF_EMULATOR_PORT: '0', PD_EMULATOR_PORT: '0', DEMO: 'true', LOG_LEVEL: 'warn' },
  });
  let output = '';
  const links = await new Promise<Omit<Started, 'process' | 'dataDir'>>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const signIn = /(https?:\/\/\S+)\/auth\/sign-in\?token=\S+/.exec(output);
      const salesforce = /Salesforce emulator:\s+(\S+)/.exec(output);
      const pagerduty = /PagerDuty emulator:\s+(\S+)/.exec(output);
      if (signIn?.[1] && salesforce?.[1] && pagerduty?.[1]) {
        resolve({ signInUrl: signIn[0], appUrl: signIn[1], salesforceUrl: salesforce[1], pagerdutyUrl: pagerduty[1] });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`npm start exited (${code}) before printing its links:\n${output}`)));
  });
  return { process: child, dataDir, ...links };
}

async function stop(app: Started): Promise<void> {
  if (app.process.exitCode === null) {
    const exited = new Promise((resolve) => app.process.once('exit', resolve));
    app.process.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(app.dataDir, { recursive: true, force: true });
}

/** Opens a Case on the Salesforce console from its list, by its number. */
async function openCase(page: Page, caseNumber: string): Promise<void> {
  await page.getByRole('row', { name: caseNumber }).getByText(caseNumber, { exact: true }).click();
  await expect(page.getByRole('heading', { name: `Case ${caseNumber}`, exact: true })).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  started = await npmStart();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
});

test.afterAll(async () => {
  await context.close();
  if (started) await stop(started);
});

test('the README round trip: raise a Case to High, acknowledge its incident, the Case follows', async () => {
  test.setTimeout(120_000);
  const { signInUrl, appUrl, salesforceUrl, pagerdutyUrl } = running();
  const app = await context.newPage();

  await test.step('open the one-time sign-in link: SUMMARY shows both connections green', async () => {
    await app.goto(signInUrl);
    await expect(app).toHaveURL(`${appUrl}/summary`);
    await expect(app.getByTestId('summary-pagerduty-status')).toContainText('Connection OK');
    await expect(app.getByTestId('summary-salesforce-status')).toContainText('Connection OK');
  });

  await test.step("RULESETS shows the two starter rulesets, enabled; more are under 'Add from template'", async () => {
    await app.getByRole('tab', { name: 'RULESETS' }).click();
    for (const name of ['Page on high-priority Cases', "Follow the incident's status on the Case"]) {
      await expect(app.getByRole('row', { name }).getByRole('checkbox')).toBeChecked();
    }
    await expect(app.getByRole('button', { name: 'Add from template' })).toBeVisible();
  });

  const { CaseNumber: caseNumber, Subject: subject } = await caseToRaise(salesforceUrl);
  const salesforce = await context.newPage();
  await test.step('on the Salesforce console, open a Case whose Status is New, set its Priority to High and Save', async () => {
    await salesforce.goto(salesforceUrl);
    await openCase(salesforce, caseNumber);
    await expect(salesforce.getByLabel('Status')).toHaveValue('New');
    await salesforce.getByLabel('Priority').selectOption('High');
    await salesforce.getByRole('button', { name: 'Save' }).click();
    await expect(salesforce.getByRole('status')).toHaveText('Case saved');
  });

  const pagerduty = await context.newPage();
  await test.step("on the PagerDuty console the incident appears, titled with the Case's Subject: acknowledge it", async () => {
    await pagerduty.goto(pagerdutyUrl);
    const incident = pagerduty.getByRole('link', { name: subject, exact: true });
    await expect(incident).toBeVisible({ timeout: 30_000 });
    await incident.click();
    await pagerduty.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expect(pagerduty.locator('#incident-badges').getByTestId('status')).toHaveText('acknowledged');
  });

  await test.step('back on the Salesforce console, the Case follows: its Status is Working', async () => {
    await salesforce.bringToFront();
    // The console refreshes the open Case by itself: no reload.
    await expect(salesforce.getByLabel('Status')).toHaveValue('Working', { timeout: 30_000 });
  });

  await test.step('SYNC LOG shows the Case', async () => {
    await app.bringToFront();
    await app.getByRole('tab', { name: 'SYNC LOG' }).click();
    await expect(app.getByRole('link', { name: caseNumber }).first()).toBeVisible();
  });
});

test("'Run full sync' says which Cases it reads", async () => {
  const app = await context.newPage();
  await app.goto(`${running().appUrl}/sync-log`);
  await expect(app.getByRole('button', { name: 'Run full sync' })).toHaveAccessibleDescription(/^Full sync reads Cases changed since .+\.$/);
});

test("'Add from template' adds a starter, disabled, on the account's first service", async () => {
  const app = await context.newPage();
  await app.goto(`${running().appUrl}/rulesets`);
  await app.getByRole('button', { name: 'Add from template' }).click();
  const dialog = app.getByRole('dialog', { name: 'Add from template' });
  const starter = dialog.getByRole('listitem').filter({ has: app.getByRole('heading', { name: 'Open a Case for incidents on a service' }) });
  const service = starter.getByLabel('PagerDuty service');
  await expect(service.locator('option:checked')).toHaveText('Checkout API');
  await starter.getByRole('button', { name: 'Add Open a Case for incidents on a service' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(app.getByRole('row', { name: 'Open a Case for incidents on a service' }).getByRole('checkbox')).not.toBeChecked();
});
