import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SeedInfo as PagerDutySeed } from '../../emulators/pagerduty';
import type { SeedInfo as SalesforceSeed } from '../../emulators/salesforce';
import type { Rule } from '../../rules';
import { listen } from '../../lib/listen';
import { loadConfig } from '../../server/config';
import { startApp, type RunningApp } from '../../server/start';
import type { Job } from '../../server/pipeline/jobQueue';
import { emulatorConnectionEnv } from '../../server/testing/emulatorEnv';
import type { EmulatorProcess, Teardown } from './emulatorProcess';

/** What the benchmarks share: the app started as an operator would, its admin, the figures' arithmetic. */
export const ADMIN_PASSWORD = 'benchmark-admin-password';

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The app in this process, not in demo mode, configured from the environment as an operator
 * would, against the two emulator processes. Its own URL is known in advance (a free port picked
 * first) so PUBLIC_URL, the webhook delivery address, can name it.
 */
export async function startAppAgainst(
  teardown: Teardown,
  sf: EmulatorProcess,
  pd: EmulatorProcess,
  sfSeed: SalesforceSeed,
  pdSeed: PagerDutySeed,
): Promise<RunningApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-bench-'));
  teardown.add('data dir', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const app = await startApp(
    loadConfig({
      ...emulatorConnectionEnv({ url: sf.url, seed: sfSeed }, { url: pd.url, seed: pdSeed }),
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      SECRET_KEY: crypto.randomBytes(32).toString('base64'),
      ADMIN_PASSWORD,
      LOG_LEVEL: 'error',
    }),
  );
  teardown.add('app', () => app.close());
  return app;
}

/** Signs in as the admin and provisions the PagerDuty webhook subscription, as the WEBHOOKS card does. */
export async function provisionWebhooks(appUrl: string): Promise<void> {
  const signIn = await fetch(`${appUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (signIn.status !== 200) throw new Error(`Admin sign-in answered ${signIn.status}: ${await signIn.text()}`);
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const provision = await fetch(`${appUrl}/api/webhooks/provision`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    body: '{}',
  });
  if (provision.status >= 300) throw new Error(`Provisioning the webhook subscription answered ${provision.status}: ${await provision.text()}`);
}

export async function freePort(): Promise<number> {
  const probe = await listen(() => undefined);
  const { port } = probe;
  await probe.close();
  return port;
}

/**
 * When each job of `task` finished done, by its Case Id (ms since the epoch), heard from the
 * engine in this process: the job's completion (and the writes committed with it, e.g. the
 * link of a created incident) is on disk by then. Costs the app nothing, unlike polling its
 * database from the same event loop, which took about a tenth of the app's time in a burst.
 */
export function jobsDoneByCase(
  app: RunningApp,
  task: string,
): { at: Map<string, number>; waitFor(caseIds: readonly string[], timeoutMs: number): Promise<Map<string, number>> } {
  const at = new Map<string, number>();
  const waiters = new Set<(caseId: string) => void>();
  app.ctx.sync.on('jobFinished', (job: Job, outcome) => {
    if (job.task !== task || outcome !== 'done' || !job.caseId || at.has(job.caseId)) return;
    at.set(job.caseId, Date.now());
    for (const wake of waiters) wake(job.caseId);
  });
  return {
    at,
    waitFor(caseIds, timeoutMs) {
      return new Promise((resolve, reject) => {
        const missing = new Set(caseIds.filter((id) => !at.has(id)));
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(heard);
        };
        const done = () => {
          finish();
          resolve(new Map(caseIds.map((id) => [id, at.get(id)!])));
        };
        const heard = (caseId: string) => {
          if (missing.delete(caseId) && missing.size === 0) done();
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`${missing.size} of ${caseIds.length} Cases had no finished ${task} job within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        waiters.add(heard);
        if (missing.size === 0) done();
      });
    },
  };
}

/** Resident set size of this process, in MB. */
export function rssMb(): number {
  return round(process.memoryUsage().rss / (1024 * 1024), 1);
}

/** Resident set size of another process, in MB, from /proc (Linux; undefined elsewhere). */
export function rssMbOf(pid: number | undefined): number | undefined {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : round(Number(kb) / 1024, 1);
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds (user + system) each process has used so far, from /proc (Linux; undefined
 * elsewhere). Read by hand because a child's CPU time is not exposed by Node for another process.
 */
export function cpuSecondsOf(processes: Record<string, number | undefined>): Record<string, number | undefined> {
  const ticksPerSecond = 100; // USER_HZ, 100 on every Linux the project runs on
  return Object.fromEntries(
    Object.entries(processes).map(([name, pid]) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return [name, (Number(fields[11]) + Number(fields[12])) / ticksPerSecond];
      } catch {
        return [name, undefined];
      }
    }),
  );
}

/** The rule every pipeline benchmark runs: a new High Case pages the given service. */
export function pageHighPriorityRule(serviceId: string): Rule {
  return {
    id: 'page',
    name: 'High priority → incident',
    runOn: { kind: 'case', on: 'create' },
    conditions: [{ field: 'Case.Priority', operator: 'equals', value: 'High' }],
    filterLogic: { kind: 'all' },
    actions: [{ type: 'create_incident', serviceId, urgency: 'high' }],
    stopProcessing: false,
  };
}
