import type { SelfAlertKind } from '../../contracts/selfAlerts';
import { readIntakeNotices } from '../intake/intakeState';
import type { Db } from '../store/db';
import { SYNC_TABLES } from '../store/tables';
import type { HealthKind, HealthMonitor } from '../vendors/connectionHealth';
import type { WebhookSubscriptions } from '../vendors/pagerduty/subscriptions';

export type AlertSeverity = 'critical' | 'error' | 'warning' | 'info';

/**
 * What a probe found about one kind of problem: there (with what to page), not there (an open
 * alert resolves), or unknown (the probe could not tell, e.g. PagerDuty is away and the webhook
 * state cannot be read: nothing changes, so a blind spot neither triggers nor resolves).
 */
export type ProbeFinding =
  | { kind: SelfAlertKind; status: 'problem'; summary: string; severity: AlertSeverity; details: Record<string, unknown> }
  | { kind: SelfAlertKind; status: 'ok' | 'unknown' };

export type Probe = (now: Date) => Promise<ProbeFinding[]>;

/** The Salesforce daily API allocation share past which the connector pages (DESIGN: budgets are real limits). */
export const API_ALLOCATION_THRESHOLD = 0.9;
/** How long a lost CDC position stays a problem: the day SUMMARY shows the intake's notices for. */
export const REPLAY_GAP_WINDOW_MS = 24 * 3_600_000;

export interface ProbeSources {
  db: Db;
  health: Pick<HealthMonitor, 'check'>;
  webhooks: Pick<WebhookSubscriptions, 'view'>;
}

const CONNECTIONS: { kind: SelfAlertKind; health: HealthKind; name: string }[] = [
  { kind: 'connection_pagerduty', health: 'pagerduty', name: 'PagerDuty REST API' },
  { kind: 'connection_salesforce', health: 'salesforce', name: 'Salesforce' },
  { kind: 'connection_integration_user', health: 'integrationUser', name: 'PagerDuty integration user' },
];

/**
 * Each problem read where the app already knows it: connection health (the checks behind
 * SUMMARY, cached 30 s), the webhook subscriptions' state as PagerDuty reports it, dead jobs in
 * the job table, the intake's replay-gap notices, and the Salesforce limits the health check reads.
 */
export function defaultProbes(sources: ProbeSources): Probe[] {
  return [connectionProbe(sources), apiAllocationProbe(sources), webhookProbe(sources), deadJobsProbe(sources), replayGapProbe(sources)];
}

export function connectionProbe({ health }: ProbeSources): Probe {
  return async () => {
    const results = await Promise.all(CONNECTIONS.map(async (connection) => ({ ...connection, result: await health.check(connection.health) })));
    const restBroken = results.some(({ health: kind, result }) => kind === 'pagerduty' && result.configured && !result.ok);
    return results.map(({ kind, health: healthKind, name, result }): ProbeFinding => {
      // Not configured is not broken: nothing to page until the admin sets it up.
      if (!result.configured || result.ok) return { kind, status: 'ok' };
      // The integration user is looked up with the REST key: while that fails, one page (the key's) says it all.
      if (healthKind === 'integrationUser' && restBroken) return { kind, status: 'unknown' };
      return {
        kind,
        status: 'problem',
        severity: 'critical',
        summary: `${name} connection check fails: ${result.message}`,
        details: {
          check: healthKind,
          message: result.message,
          ...(result.hint ? { hint: result.hint } : {}),
          ...(result.reason ? { reason: result.reason } : {}),
        },
      };
    });
  };
}

export function apiAllocationProbe({ health }: ProbeSources): Probe {
  return async () => {
    const kind = 'salesforce_api_allocation';
    const result = await health.check('salesforce');
    const used = result.details?.apiUsed;
    const limit = result.details?.apiLimit;
    if (!result.configured) return [{ kind, status: 'ok' }];
    if (typeof used !== 'number' || typeof limit !== 'number' || limit <= 0) return [{ kind, status: 'unknown' }];
    if (used / limit <= API_ALLOCATION_THRESHOLD) return [{ kind, status: 'ok' }];
    const percent = Math.round((used / limit) * 1000) / 10;
    return [
      {
        kind,
        status: 'problem',
        severity: 'warning',
        summary: `Salesforce daily API allocation ${percent} % used (${used} of ${limit})`,
        details: {
          apiUsed: used,
          apiLimit: limit,
          thresholdPercent: API_ALLOCATION_THRESHOLD * 100,
          hint: 'Past 100 % Salesforce refuses every API call until the 24-hour window rolls.',
        },
      },
    ];
  };
}

export function webhookProbe({ webhooks }: ProbeSources): Probe {
  return async () => {
    const kind = 'webhook_disabled';
    const view = await webhooks.view({ refresh: true });
    if (view.state === 'unknown') return [{ kind, status: 'unknown' }];
    if (view.state !== 'disabled') return [{ kind, status: 'ok' }];
    return [
      {
        kind,
        status: 'problem',
        severity: 'error',
        summary: `PagerDuty webhook subscription disabled: ${view.message}`,
        details: { message: view.message, hint: 'Incident changes no longer reach the connector: CONNECTIONS › Webhook subscription › Repair.' },
      },
    ];
  };
}

export function deadJobsProbe({ db }: ProbeSources): Probe {
  return async () => {
    const kind = 'jobs_dead';
    const row = await db(SYNC_TABLES.jobs).where({ state: 'dead' }).count<{ count: number | string }[]>({ count: '*' }).first();
    const dead = Number(row?.count ?? 0);
    if (dead === 0) return [{ kind, status: 'ok' }];
    return [
      {
        kind,
        status: 'problem',
        severity: 'error',
        summary: `${dead} sync job${dead === 1 ? '' : 's'} gave up and wait for a retry`,
        details: { deadJobs: dead, hint: 'SYNC LOG › filter Dead: read the error, fix its cause, then Retry.' },
      },
    ];
  };
}

export function replayGapProbe({ db }: ProbeSources, windowMs = REPLAY_GAP_WINDOW_MS): Probe {
  return async (now) => {
    const kind = 'cdc_replay_lost';
    const newest = (await readIntakeNotices(db)).find((notice) => notice.code === 'replay_gap');
    if (!newest || now.getTime() - Date.parse(newest.at) > windowMs) return [{ kind, status: 'ok' }];
    return [
      {
        kind,
        status: 'problem',
        severity: 'error',
        summary: 'Salesforce CDC lost its replay position',
        details: {
          at: newest.at,
          message: newest.message,
          hint: 'Changes in the gap were caught up by polling; check SYNC LOG for Cases changed at that time.',
        },
      },
    ];
  };
}
